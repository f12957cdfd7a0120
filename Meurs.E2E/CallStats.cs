using System.Text.Json;

namespace Meurs.E2E;

/// <summary>
/// Whether call media reaches a person, from their page's own WebRTC statistics (<c>window.meursCall.inbound()</c> in
/// call.js: one row per received track with its user, source and inbound-rtp counters).
/// </summary>
public static class CallStats
{
    /// <summary>
    /// Waits until <paramref name="counter"/> (framesDecoded, totalSamplesReceived, packetsReceived, senderReports) of
    /// <paramref name="user"/>'s <paramref name="source"/> (mic, camera, screen) is positive and then grows further:
    /// media is flowing now, not just once. Fails after 30 s with the page's connection states and rows.
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

    /// <summary>The counter's current value, or -1 when no such track is received.</summary>
    public static async Task<double> ReadAsync(Person person, string user, string source, string counter)
    {
        ArgumentNullException.ThrowIfNull(person);
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
}
