using System.Text.Json;

namespace Meurs.E2E;

/// <summary>
/// What a page in a call receives, read from its own WebRTC statistics (<c>window.meursCall.inbound()</c>: inbound-rtp
/// per track, named by whose it is and which source). Waits are bounded and only turn a hang into a failure.
/// </summary>
public static class CallStats
{
    /// <summary>One counter of <paramref name="user"/>'s <paramref name="source"/> track as <paramref name="person"/> receives it, or -1.</summary>
    public static async Task<double> ReadAsync(Person person, string user, string source, string counter)
    {
        var rows = await person.Page.EvaluateAsync<JsonElement>("() => window.meursCall.inbound()");
        foreach (var row in rows.EnumerateArray())
        {
            if (row.GetProperty("user").ValueKind == JsonValueKind.String && row.GetProperty("user").GetString() == user
                && row.GetProperty("source").GetString() == source)
            {
                return row.GetProperty(counter).GetDouble();
            }
        }
        return -1;
    }

    /// <summary>The counter is positive and then grows further: media is flowing now, not just once. Fails with the server's last log lines.</summary>
    public static Task RisingAsync(MeursServer server, Person person, string user, string source, string counter) =>
        RisingAsync(person, user, source, counter, () => "server:\n" + string.Join('\n', server.Log.TakeLast(40)));

    /// <summary>
    /// Waits until <paramref name="counter"/> (framesDecoded, totalSamplesReceived, packetsReceived, senderReports) of
    /// <paramref name="user"/>'s <paramref name="source"/> (mic, camera, screen) is positive and then grows further:
    /// media is flowing now, not just once. Fails after 30 s with the page's connection states and rows, and <paramref name="context"/>.
    /// </summary>
    public static async Task RisingAsync(Person person, string user, string source, string counter, Func<string>? context = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        double first;
        while ((first = await ReadAsync(person, user, source, counter)) <= 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{person.Name} never received {user}'s {source} ({counter}); "
                + await person.Page.EvaluateAsync<string>("() => window.meursCall.connections()") + "; inbound: "
                + (await person.Page.EvaluateAsync<JsonElement>("() => window.meursCall.inbound()")).GetRawText()
                + "; status: " + await person.Page.Locator("#call-status").TextContentAsync() + "\n" + context?.Invoke());
            await Task.Delay(250);
        }
        while (await ReadAsync(person, user, source, counter) <= first)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{person.Name}'s {counter} for {user}'s {source} stopped at {first}");
            await Task.Delay(250);
        }
    }

    /// <summary>Everyone in <paramref name="people"/> hears (audio samples) and sees (frames decoded) everyone else.</summary>
    public static async Task AllDecodeEachOtherAsync(MeursServer server, IReadOnlyList<Person> people)
    {
        foreach (var person in people)
        {
            foreach (var other in people.Where(p => p != person))
            {
                await RisingAsync(server, person, other.Name, "mic", "totalSamplesReceived");
                await RisingAsync(server, person, other.Name, "camera", "framesDecoded");
            }
        }
    }

    /// <summary>packetsReceived stays put for a second: nothing arrives any more.</summary>
    public static async Task StoppedAsync(Person person, string user, string source)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var before = await ReadAsync(person, user, source, "packetsReceived");
            await Task.Delay(1000);
            if (await ReadAsync(person, user, source, "packetsReceived") == before)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{person.Name} still receives {user}'s {source}");
        }
    }
}
