using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>The room's call as people use it in Chromium: who is in it, their states, leaving.</summary>
[Collection(BrowserGroup.Name)]
public sealed class CallTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoPeople_JoinTheCall_SeeEachOthersStatesLive_AndLeave()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var room = await alice.CreateRoomAsync();
        await bob.JoinRoomAsync(room);
        await Expect(alice.Members).ToContainTextAsync("bob");

        // Alice joins; Bob, not in the call, sees her listed in it.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(alice.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You are in the call." })).ToBeVisibleAsync();
        await Expect(CallList(bob)).ToContainTextAsync("alice");
        await Expect(Tile(alice, "alice")).ToContainTextAsync("alice (you)");

        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(Tile(alice, "bob")).ToBeVisibleAsync();
        await Expect(Tile(bob, "alice")).ToBeVisibleAsync();

        // Mute, camera and screen are visible to the other, live.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true }).ClickAsync();
        await Expect(Tile(bob, "alice")).ToContainTextAsync("muted");
        await Expect(CallList(bob)).ToContainTextAsync("muted");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();
        await Expect(Tile(bob, "alice")).ToContainTextAsync("camera");
        await Expect(Tile(alice, "alice").Locator("video")).ToBeVisibleAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Share screen" }).ClickAsync();
        await Expect(Tile(bob, "alice")).ToContainTextAsync("screen");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Stop sharing" }).ClickAsync();
        await Expect(Tile(bob, "alice")).Not.ToContainTextAsync("screen");

        // Deafening implies muting.
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Deafen", Exact = true }).ClickAsync();
        await Expect(Tile(alice, "bob")).ToContainTextAsync("deafened");
        await Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Unmute" })).ToBeVisibleAsync();

        // Bob leaves with the button; Alice closes her tab: the call is over for everyone.
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Leave the call" }).ClickAsync();
        await Expect(Tile(alice, "bob")).ToHaveCountAsync(0);
        await Expect(CallList(bob)).Not.ToContainTextAsync("bob");
        await alice.Page.CloseAsync(new() { RunBeforeUnload = true });
        await Expect(CallList(bob).Locator("li")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        Assert.Empty(bob.ConsoleErrors);
    }

    [Fact]
    public async Task MicrophoneDenied_SaysSoAndJoinsMuted()
    {
        await using var carol = await Person.OpenAsync(browser.Browser, server.BaseAddress, "carol");
        await carol.SignUpAsync();
        await carol.CreateRoomAsync();
        // The browser runs with prompts accepted, so the refusal is injected: getUserMedia rejects exactly as Chromium
        // does when the person blocks the microphone (a NotAllowedError DOMException).
        await carol.Page.EvaluateAsync("() => Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) })");

        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();

        await Expect(carol.Page.Locator("#call-status")).ToContainTextAsync("was not allowed to use your microphone");
        await Expect(carol.Page.Locator("#call-status")).ToContainTextAsync("You joined muted.");
        await Expect(Tile(carol, "carol")).ToContainTextAsync("muted");
    }

    [Fact]
    public async Task CameraMissing_SaysSoAndStaysOff()
    {
        await using var erin = await Person.OpenAsync(browser.Browser, server.BaseAddress, "erin");
        await erin.SignUpAsync();
        await erin.CreateRoomAsync();
        // As Chromium answers on a machine without a camera: the microphone works, video is NotFoundError.
        await erin.Page.EvaluateAsync("""
            () => {
              const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
              Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: (c) => c.video
                ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError')) : real(c) });
            }
            """);
        await erin.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(erin.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");

        await erin.Page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();

        await Expect(erin.Page.Locator("#call-status")).ToContainTextAsync("No camera was found.");
        await Expect(erin.Page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true })).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(CallList(erin)).Not.ToContainTextAsync("camera");
    }

    private static ILocator CallList(Person person) => person.Page.GetByRole(AriaRole.List, new() { Name = "In the call" });

    private static ILocator Tile(Person person, string user) =>
        person.Page.Locator("#call-stage figure").Filter(new() { HasText = user });
}
