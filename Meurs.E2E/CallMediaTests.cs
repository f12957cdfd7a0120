using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Media through Meurs.Media in a room call, measured by each page's own WebRTC statistics: three people with
/// (fake-device) microphones and cameras hear and see each other, a screen share is decoded, a mute stops audio.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CallMediaTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task ThreePeople_HearAndSeeEachOther_ScreenShareAndMuteReachTheOthers()
    {
        var people = new List<Person>();
        try
        {
            foreach (var name in new[] { "ann", "ben", "cat" })
            {
                var person = await Person.OpenAsync(browser.Browser, server.BaseAddress, name);
                people.Add(person);
                await person.SignUpAsync();
            }
            var (ann, ben, cat) = (people[0], people[1], people[2]);
            var room = await ann.CreateRoomAsync();
            await ben.JoinRoomAsync(room);
            await cat.JoinRoomAsync(room);
            foreach (var person in people)
            {
                await person.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
                await Expect(person.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
                await person.Page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();
            }

            // Everyone decodes audio and video from both others, and it keeps coming.
            foreach (var person in people)
            {
                var others = people.Where(p => p != person).Select(p => p.Name).ToList();
                foreach (var other in others)
                {
                    await CallStats.RisingAsync(server, person, other, "mic", "totalSamplesReceived");
                    await CallStats.RisingAsync(server, person, other, "camera", "framesDecoded");
                }
            }

            // Sender Reports from the SFU reach the receivers (what lets them play audio and video in sync).
            await CallStats.RisingAsync(server, ann, "ben", "camera", "senderReports");
            await CallStats.RisingAsync(server, ann, "ben", "mic", "senderReports");

            // Everyone's microphone plays a steady tone: the SFU's audio-level tracking lights the speaker's tile for the others.
            await Expect(ben.Page.Locator("#call-stage figure.speaking").Filter(new() { HasText = "ann" })).ToHaveCountAsync(1, new() { Timeout = 20_000 });

            // Ann shares a screen (the fake capture of her tab): Ben and Cat decode it.
            await ann.Page.GetByRole(AriaRole.Button, new() { Name = "Share screen" }).ClickAsync();
            await Expect(ann.Page.GetByRole(AriaRole.Button, new() { Name = "Stop sharing" })).ToBeVisibleAsync();
            await CallStats.RisingAsync(server, ben, "ann", "screen", "framesDecoded");
            await CallStats.RisingAsync(server, cat, "ann", "screen", "framesDecoded");

            if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await ben.Page.SetViewportSizeAsync(1100, 760);
                await ben.Page.Locator("#call-panel").ScrollIntoViewIfNeededAsync();
                await ben.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "call.png") });
            }

            // Ben mutes: his audio stops reaching the others (no packets at all, not silence).
            await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true }).ClickAsync();
            await Expect(ann.Page.Locator("#call-stage figure").Filter(new() { HasText = "ben" })).ToContainTextAsync("muted");
            await CallStats.StoppedAsync(ann, "ben", "mic");
            await CallStats.RisingAsync(server, ann, "cat", "mic", "totalSamplesReceived");

            // Cat leaves: her tile goes everywhere.
            await cat.Page.GetByRole(AriaRole.Button, new() { Name = "Leave the call" }).ClickAsync();
            await Expect(ann.Page.Locator("#call-stage figure").Filter(new() { HasText = "cat" })).ToHaveCountAsync(0);
            await Expect(ben.Page.Locator("#call-stage figure").Filter(new() { HasText = "cat" })).ToHaveCountAsync(0);
            foreach (var person in people)
            {
                Assert.Empty(person.ConsoleErrors);
            }
        }
        finally
        {
            foreach (var person in people)
            {
                await person.DisposeAsync();
            }
        }
    }
}
