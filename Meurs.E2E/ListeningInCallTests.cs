using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// A listening session inside a room call, in two real Chromium pages (fake microphones playing a steady tone, autoplay
/// allowed): both join the call, one presses <em>Listen together</em> and queues a track, the other sees the session
/// appear live and joins it from the call; both players play the same track within
/// <see cref="ListeningTests.InStepAsync"/>'s tolerance of the expected position while each still receives the other's
/// audio (inbound RTP samples growing); ducking, turned on by one of them, lowers their music under the other's voice;
/// then one leaves the call: their player stops following the session, the other's plays on in step.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ListeningInCallTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoPeopleInARoomCall_ListenTogether_InStep_WhileHearingEachOther_AndOneLeaves()
    {
        await using var ann = await Person.OpenAsync(browser.Browser, server.BaseAddress, "ann");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await ann.SignUpAsync();
        await bob.SignUpAsync();
        var room = await ann.CreateRoomAsync();
        await bob.JoinRoomAsync(room);
        foreach (var person in new[] { ann, bob })
        {
            await person.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
            await Expect(person.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
        }
        await CallStats.RisingAsync(server, ann, "bob", "mic", "totalSamplesReceived");
        await CallStats.RisingAsync(server, bob, "ann", "mic", "totalSamplesReceived");

        // Ann starts the call's session and queues a track twice (20 s of music: time for the checks below).
        var host = ann.Page;
        var guest = bob.Page;
        await Expect(guest.GetByRole(AriaRole.Button, new() { Name = "Listen together" })).ToBeVisibleAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Listen together" }).ClickAsync();
        await Expect(host.Locator("#call-listen #listen")).ToBeVisibleAsync();
        await Expect(host.GetByTestId("my-role")).ToHaveTextAsync("host");
        await ListeningTests.AddAsync(host, "chord progression", "Add chord progression");
        await Expect(host.Locator("#listen-queue .queue-item")).ToHaveCountAsync(1);
        await host.GetByRole(AriaRole.Button, new() { Name = "Add chord progression", Exact = true }).First.ClickAsync();
        await Expect(host.Locator("#listen-queue .queue-item")).ToHaveCountAsync(2);

        // Bob's call panel turned live into joining Ann's session; he joins from the call.
        await guest.GetByRole(AriaRole.Button, new() { Name = "Join the listening session" }).ClickAsync();
        await Expect(guest.Locator("#call-listen #listen")).ToBeVisibleAsync();
        await Expect(guest.GetByTestId("my-role")).ToHaveTextAsync("guest");
        await Expect(guest.Locator("#listen-queue .queue-item")).ToHaveCountAsync(2);
        await Expect(guest.Locator("#listen-now").GetByRole(AriaRole.Button, new() { Name = "Play" })).ToBeDisabledAsync();
        await Expect(host.Locator("#listen-members")).ToContainTextAsync("bob");

        // Play: the same track on both pages, in step, while each still hears the other.
        await ListeningTests.PlayInStepHearingEachOtherAsync(server, ann, bob, "chord progression");

        // Bob turns ducking on: Ann's tone is a voice that never stops, so his music drops; Ann's (off) does not.
        await guest.GetByLabel("Lower the music while others speak").CheckAsync();
        await guest.WaitForFunctionAsync("() => document.getElementById('player-audio').volume < 0.35");
        Assert.Equal(1.0, await host.EvaluateAsync<double>("() => document.getElementById('player-audio').volume"));
        Assert.Equal("on", await guest.EvaluateAsync<string>("() => localStorage.getItem('meurs.listen.duck')"));

        await ListeningTests.Screenshots(ann, "listen-call-host");
        await ListeningTests.Screenshots(bob, "listen-call-guest");
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            // On a phone the call, with its session, is the room's Call tab.
            await guest.SetViewportSizeAsync(390, 844);
            await guest.GetByRole(AriaRole.Tab, new() { Name = "Call" }).ClickAsync();
            await guest.Locator("#call-listen").ScrollIntoViewIfNeededAsync();
            await guest.ScreenshotAsync(new() { Path = Path.Combine(folder, "listen-call-guest-phone-call-tab.png") });
            await guest.GetByRole(AriaRole.Tab, new() { Name = "Chat" }).ClickAsync();
            await guest.SetViewportSizeAsync(1280, 900);
        }

        // Ann leaves the call: her player lets go of the session; Bob's plays on, in step, his call still up.
        await host.GetByRole(AriaRole.Button, new() { Name = "Leave the call" }).ClickAsync();
        await Expect(host.Locator("#call-listen #listen")).ToHaveCountAsync(0);
        await host.WaitForFunctionAsync("() => document.getElementById('player-audio').paused && !(window.MeursListen && window.MeursListen.active)");
        Assert.Equal(1.0, await host.EvaluateAsync<double>("() => document.getElementById('player-audio').volume"));
        await Expect(guest.Locator("#call-stage figure").Filter(new() { HasText = "ann" })).ToHaveCountAsync(0);
        await ListeningTests.InStepAsync(guest, guest);
        var before = await guest.EvaluateAsync<double>("() => document.getElementById('player-audio').currentTime");
        await guest.WaitForFunctionAsync("(t) => { const a = document.getElementById('player-audio'); return !a.paused && (a.currentTime > t + 0.5 || a.currentTime < t - 1); }", before);
        await Expect(guest.Locator("#call-status")).ToContainTextAsync("You are in the call.");
        Assert.Equal("You are in the call.", (await guest.Locator("#call-status").InnerTextAsync()).Trim());

        Assert.True(ann.ConsoleErrors.IsEmpty, string.Join("\n", ann.ConsoleErrors));
        Assert.True(bob.ConsoleErrors.IsEmpty, string.Join("\n", bob.ConsoleErrors));
    }
}
