using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

[Collection(BrowserGroup.Name)]
public sealed class RoomChatTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoPeople_ChatInARoom_SeeEachOtherLive_AndOwnerLeavingClearsHistory()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await alice.SignUpAsync();
        await bob.SignUpAsync();

        var room = await alice.CreateRoomAsync();
        // A hidden tab must stay in the room: hx-ws would otherwise close its socket (and a hidden owner would clear the history).
        Assert.True(await alice.Page.EvaluateAsync<bool>("() => htmx.config.ws.pauseOnBackground === false"));
        await Expect(alice.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "connected" })).ToBeVisibleAsync();

        // Bob joins by the link Alice shares.
        await bob.JoinRoomAsync(room);
        await Expect(alice.Messages).ToContainTextAsync("bob joined");
        await Expect(alice.Members).ToContainTextAsync("bob");
        await Expect(bob.Members).ToContainTextAsync("alice");

        await alice.SayAsync("Hello Bob, <b>welcome</b>!");
        await Expect(bob.Messages).ToContainTextAsync("Hello Bob, <b>welcome</b>!");
        await bob.SayAsync("Hi Alice, glad to be here.");
        await Expect(alice.Messages).ToContainTextAsync("Hi Alice, glad to be here.");

        // An empty message is refused with a message to the person, and nothing is sent.
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Type a message");

        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await alice.SayAsync("Shall we listen to the new track later?");
            await Expect(bob.Messages).ToContainTextAsync("Shall we listen");
            await bob.SayAsync("Yes! Send me the link when you start.");
            await bob.Page.SetViewportSizeAsync(1100, 640);
            await bob.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "room.png") });
        }

        // A reload shows the history.
        await bob.Page.ReloadAsync();
        await Expect(bob.Messages).ToContainTextAsync("Hello Bob, <b>welcome</b>!");
        await Expect(bob.Messages).ToContainTextAsync("Hi Alice, glad to be here.");

        // The owner leaves with the Leave button: everyone sees the history cleared.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true }).ClickAsync();
        await Expect(bob.Messages).ToContainTextAsync("Owner left. Chat cleared", new() { Timeout = 20_000 });
        await Expect(bob.Messages).Not.ToContainTextAsync("Hello Bob");
        await Expect(bob.Members).Not.ToContainTextAsync("alice");
        await bob.Page.ReloadAsync();
        await Expect(bob.Messages).Not.ToContainTextAsync("Hello Bob");
        Assert.Empty(alice.ConsoleErrors);
        Assert.Empty(bob.ConsoleErrors);
    }

    [Fact]
    public async Task Login_SurvivesServerRestart()
    {
        await using var carol = await Person.OpenAsync(browser.Browser, server.BaseAddress, "carol");
        await carol.SignUpAsync();
        await server.RestartAsync();
        await carol.Page.GotoAsync("/profile");
        await Expect(carol.Page.GetByTestId("profile-username")).ToHaveTextAsync("carol");
    }

    [Fact]
    public async Task Visitor_OpeningARoomLink_LogsInAndComesBack()
    {
        await using var dave = await Person.OpenAsync(browser.Browser, server.BaseAddress, "dave");
        await dave.SignUpAsync();
        var room = await dave.CreateRoomAsync();

        await using var erin = await Person.OpenAsync(browser.Browser, server.BaseAddress, "erin");
        await erin.Page.GotoAsync(room);
        await Expect(erin.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl="));
        await erin.Page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await erin.Page.GetByLabel("Username").FillAsync("erin");
        await erin.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(Person.Password);
        await erin.Page.GetByLabel("Confirm password").FillAsync(Person.Password);
        await erin.Page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(erin.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(room) + "$"));
        // Not a member yet: the page offers to join and shows nothing of the room; one click and she is in, and seen.
        await Expect(dave.Messages).Not.ToContainTextAsync("erin joined");
        await Expect(erin.Page.Locator("#messages")).ToHaveCountAsync(0);
        await erin.Page.GetByRole(AriaRole.Button, new() { Name = "Join room" }).ClickAsync();
        await Expect(dave.Messages).ToContainTextAsync("erin joined");
        await Expect(erin.Members).ToContainTextAsync("dave");
    }
}
