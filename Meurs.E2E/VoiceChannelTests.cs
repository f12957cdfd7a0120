using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// A server's voice channel in two browsers with Chromium's fake microphone and camera: both join from the channel's
/// page and hear and see each other (their own WebRTC inbound statistics grow); then the owner takes Connect away from
/// @everyone in the channel's settings and the member, who holds no other role, is out of the call at once, told so,
/// and gone from the owner's roster, while the owner stays in the call.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class VoiceChannelTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task BothJoinTheVoiceChannel_HearAndSeeEachOther_AndLosingConnectEndsTheMembersCall()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        try
        {
            await alice.SignUpAsync();
            await bob.SignUpAsync();
            var (serverId, _) = await alice.CreateServerAsync("Night Owls");
            await bob.JoinServerAsync(serverId);

            // Both open the server's voice channel ("General", made with the server) from the channel list and join.
            foreach (var person in new[] { alice, bob })
            {
                await person.JoinVoiceChannelAsync();
                await person.Page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();
                await Expect(person.Page.GetByRole(AriaRole.Button, new() { Name = "Camera off" })).ToHaveAttributeAsync("aria-pressed", "true");
            }
            var voiceId = new Uri(alice.Page.Url).AbsolutePath.Split('/')[4];

            // Each hears the other's microphone and decodes the other's camera, and it keeps coming.
            await CallStats.AllDecodeEachOtherAsync(server, [alice, bob]);
            await Expect(Roster(alice)).ToContainTextAsync("bob");
            await Expect(Roster(bob)).ToContainTextAsync("alice");

            // Alice (the owner) denies Connect to @everyone in the channel's settings, in another tab: Bob holds no other role.
            var settings = await alice.Page.Context.NewPageAsync();
            await settings.GotoAsync($"/servers/{serverId}/channels/{voiceId}/settings");
            var everyone = settings.Locator("details.override-editor", new() { HasText = "@everyone" });
            await everyone.Locator("summary").ClickAsync();
            await everyone.GetByLabel("Connect to voice: deny for @everyone").CheckAsync();
            await everyone.GetByRole(AriaRole.Button, new() { Name = "Save @everyone" }).ClickAsync();
            await Expect(everyone.GetByLabel("Connect to voice: deny for @everyone")).ToBeCheckedAsync();

            // Bob's call ends at once and his page says why; he is no longer in Alice's call nor in her channel list.
            await Expect(bob.Page.Locator("#call-status")).ToContainTextAsync("no longer allowed", new() { Timeout = 15_000 });
            await Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" })).ToBeVisibleAsync();
            await Expect(bob.Page.Locator("#call-stage figure")).ToHaveCountAsync(0);
            await Expect(alice.Page.Locator("#call-stage figure").Filter(new() { HasText = "bob" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            await Expect(Roster(alice)).Not.ToContainTextAsync("bob", new() { Timeout = 15_000 });
            await CallStats.StoppedAsync(alice, "bob", "mic");

            // Alice is still in the call: her tile, her status and her connection to the media server are as before.
            await Expect(alice.Page.Locator("#call-stage figure").Filter(new() { HasText = "alice" })).ToHaveCountAsync(1);
            await Expect(alice.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
            await Expect(Roster(alice)).ToContainTextAsync("alice");
            Assert.Contains("pub: connected", await alice.Page.EvaluateAsync<string>("() => window.meursCall.connections()"), StringComparison.Ordinal);

            // Joining again is refused to Bob while Connect is denied.
            await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
            // (The socket is refused before it opens: the page says he could not join, and not that a connection was lost.)
            await Expect(bob.Page.Locator("#call-status")).ToContainTextAsync("You could not join the call: you may no longer be allowed in it", new() { Timeout = 15_000 });
            await Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" })).ToBeVisibleAsync();
            await Expect(Roster(alice)).Not.ToContainTextAsync("bob");

            // Connect given back (the override cleared): Bob joins again, and the two hear each other once more.
            await everyone.GetByLabel("Connect to voice: inherit for @everyone").CheckAsync();
            await everyone.GetByRole(AriaRole.Button, new() { Name = "Save @everyone" }).ClickAsync();
            await Expect(everyone.GetByLabel("Connect to voice: inherit for @everyone")).ToBeCheckedAsync();
            // The radio is checked in Alice's page before the save commits; Bob's page, drawn after it, offers Join again.
            var join = bob.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" });
            for (var attempt = 0; attempt < 20; attempt++)
            {
                await bob.Page.ReloadAsync();
                if (await join.IsEnabledAsync())
                {
                    break;
                }
                await bob.Page.WaitForTimeoutAsync(500);
            }
            await join.ClickAsync();
            await Expect(bob.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
            await CallStats.RisingAsync(server, bob, "alice", "mic", "totalSamplesReceived");
            await CallStats.RisingAsync(server, alice, "bob", "mic", "totalSamplesReceived");
            await settings.CloseAsync();

            Assert.Empty(alice.ConsoleErrors);
            Assert.DoesNotContain(bob.ConsoleErrors, e => !e.Contains("WebSocket", StringComparison.Ordinal));
        }
        catch
        {
            if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
            {
                foreach (var person in new[] { alice, bob })
                {
                    await File.WriteAllTextAsync(Path.Combine(folder, $"failed-voice-{person.Name}.txt"),
                        string.Join('\n', person.ConsoleErrors) + "\n---\n" + await person.Page.ContentAsync());
                    await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"failed-voice-{person.Name}.png") });
                }
                await File.WriteAllTextAsync(Path.Combine(folder, "failed-voice-server.txt"), string.Join('\n', server.Log));
            }
            throw;
        }
    }

    // The voice channel's roster in the person's own channel list (live from the server socket).
    private static ILocator Roster(Person person) =>
        person.Page.Locator("#server-sidebar .channel-item.voice", new() { HasText = "General" }).Locator(".voice-roster");
}
