using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// A listening session inside a server's voice channel, in two real Chromium pages (fake microphones, autoplay allowed),
/// driven from the call panel only (a page load would drop the person out of the call): both join the channel's call,
/// the owner presses <em>Listen together</em> and queues a track, the member joins from the panel; both players play the
/// same track within <see cref="ListeningTests.InStepAsync"/>'s tolerance while each still receives the other's audio.
/// Then the member presses <em>Leave</em>: his panel offers to join again and his player stops following the session,
/// while the owner's music plays on and both stay in the call. Then the owner presses <em>End</em> and confirms: both
/// panels offer <em>Listen together</em> again and her player lets go too.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ListeningInVoiceChannelTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string NotFollowing = "() => document.getElementById('player-audio').paused && !(window.MeursListen && window.MeursListen.active)";

    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoPeopleInAVoiceChannel_ListenTogether_InStep_ThenTheGuestLeaves_AndTheHostEnds()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var (serverId, _) = await alice.CreateServerAsync("Night Owls");
        await bob.JoinServerAsync(serverId);
        await alice.JoinVoiceChannelAsync();
        await bob.JoinVoiceChannelAsync();
        await CallStats.RisingAsync(server, alice, "bob", "mic", "totalSamplesReceived");
        await CallStats.RisingAsync(server, bob, "alice", "mic", "totalSamplesReceived");

        // Alice starts the call's session from the panel and queues a track twice.
        var host = alice.Page;
        var guest = bob.Page;
        var hostPanel = host.Locator("#call-listen");
        var guestPanel = guest.Locator("#call-listen");
        await Expect(guestPanel.GetByRole(AriaRole.Button, new() { Name = "Listen together" })).ToBeVisibleAsync();
        await hostPanel.GetByRole(AriaRole.Button, new() { Name = "Listen together" }).ClickAsync();
        await Expect(host.Locator("#call-listen #listen")).ToBeVisibleAsync();
        await Expect(host.GetByTestId("my-role")).ToHaveTextAsync("host");
        // The host ends; she has no Leave.
        await Expect(hostPanel.GetByRole(AriaRole.Button, new() { Name = "End", Exact = true })).ToBeVisibleAsync();
        await Expect(hostPanel.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true })).ToHaveCountAsync(0);
        await ListeningTests.AddAsync(host, "chord progression", "Add chord progression");
        await Expect(host.Locator("#listen-queue .queue-item")).ToHaveCountAsync(1);
        await host.GetByRole(AriaRole.Button, new() { Name = "Add chord progression", Exact = true }).First.ClickAsync();
        await Expect(host.Locator("#listen-queue .queue-item")).ToHaveCountAsync(2);

        // Bob's panel turned live into joining Alice's session; he joins from the call, as a guest (Leave, no End).
        await Expect(guestPanel).ToContainTextAsync("alice is playing music for the call.");
        await guestPanel.GetByRole(AriaRole.Button, new() { Name = "Join the listening session" }).ClickAsync();
        await Expect(guest.Locator("#call-listen #listen")).ToBeVisibleAsync();
        await Expect(guest.GetByTestId("my-role")).ToHaveTextAsync("guest");
        await Expect(guest.Locator("#listen-queue .queue-item")).ToHaveCountAsync(2);
        await Expect(guestPanel.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true })).ToBeVisibleAsync();
        await Expect(guestPanel.GetByRole(AriaRole.Button, new() { Name = "End", Exact = true })).ToBeHiddenAsync();
        await Expect(host.Locator("#listen-members")).ToContainTextAsync("bob");

        // Play: the same track on both pages, in step, while each still hears the other.
        await ListeningTests.PlayInStepHearingEachOtherAsync(server, alice, bob, "chord progression");
        await PanelShotsAsync(bob, "listen-voice-guest");
        await PanelShotsAsync(alice, "listen-voice-host");

        // Bob leaves the session (not the call): his panel offers to join again and his player stops following it.
        await guestPanel.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true }).ClickAsync();
        await Expect(guestPanel.GetByRole(AriaRole.Button, new() { Name = "Join the listening session" })).ToBeVisibleAsync();
        await Expect(guestPanel).ToContainTextAsync("alice is playing music for the call.");
        await Expect(guest.Locator("#call-listen #listen")).ToHaveCountAsync(0);
        await guest.WaitForFunctionAsync(NotFollowing);
        await Expect(host.Locator("#listen-members")).Not.ToContainTextAsync("bob");
        // He asked to leave: no notice that he lost access to something.
        await Expect(guest.Locator("#access-revoked")).ToHaveCountAsync(0);
        await PanelShotsAsync(bob, "listen-voice-guest-left");

        // Alice's music goes on, in step with the session; both are still in the call and hear each other.
        await ListeningTests.InStepAsync(host, host);
        var before = await host.EvaluateAsync<double>("() => document.getElementById('player-audio').currentTime");
        await host.WaitForFunctionAsync("(t) => { const a = document.getElementById('player-audio'); return !a.paused && (a.currentTime > t + 0.5 || a.currentTime < t - 1); }", before);
        Assert.True(await guest.EvaluateAsync<bool>("() => document.getElementById('player-audio').paused"), "bob's player should have stopped");
        foreach (var person in new[] { alice, bob })
        {
            Assert.Equal("You are in the call.", (await person.Page.Locator("#call-status").InnerTextAsync()).Trim());
        }
        await CallStats.RisingAsync(server, alice, "bob", "mic", "totalSamplesReceived");
        await CallStats.RisingAsync(server, bob, "alice", "mic", "totalSamplesReceived");

        // Alice ends it, confirming in the dialog: both panels offer to listen together again, and the music stops.
        await hostPanel.GetByRole(AriaRole.Button, new() { Name = "End", Exact = true }).ClickAsync();
        var confirm = host.GetByRole(AriaRole.Dialog, new() { Name = "End this listening session?" });
        await Expect(confirm).ToBeVisibleAsync();
        await PanelShotsAsync(alice, "listen-voice-host-end-dialog");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(confirm).ToBeHiddenAsync();
        await Expect(host.Locator("#call-listen #listen")).ToBeVisibleAsync();
        await hostPanel.GetByRole(AriaRole.Button, new() { Name = "End", Exact = true }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "End it for everyone" }).ClickAsync();
        await Expect(hostPanel.GetByRole(AriaRole.Button, new() { Name = "Listen together" })).ToBeVisibleAsync();
        await Expect(host.Locator("#call-listen #listen")).ToHaveCountAsync(0);
        await host.WaitForFunctionAsync(NotFollowing);
        await Expect(guestPanel.GetByRole(AriaRole.Button, new() { Name = "Listen together" })).ToBeVisibleAsync();
        await PanelShotsAsync(alice, "listen-voice-host-ended");
        foreach (var person in new[] { alice, bob })
        {
            Assert.Equal("You are in the call.", (await person.Page.Locator("#call-status").InnerTextAsync()).Trim());
        }

        Assert.True(alice.ConsoleErrors.IsEmpty, string.Join("\n", alice.ConsoleErrors));
        Assert.True(bob.ConsoleErrors.IsEmpty, string.Join("\n", bob.ConsoleErrors));
    }

    /// <summary>With MEURS_SCREENSHOTS set: the call panel at 1280x800 and at 390x844 (scrolled into view), then back.</summary>
    private static async Task PanelShotsAsync(Person person, string name)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        var page = person.Page;
        foreach (var (width, height, suffix) in new[] { (1280, 800, "desktop"), (390, 844, "phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.EvaluateAsync("() => document.getElementById('call-listen').scrollIntoView({ block: 'start' })");
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{suffix}.png"), Caret = ScreenshotCaret.Initial });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }
}
