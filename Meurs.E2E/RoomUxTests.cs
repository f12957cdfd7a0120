using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// A room as a new user meets it: on a phone, at desktop size, the first message, a refused message, leaving, closing,
/// the link; and no Content-Security-Policy violation on the way (a listener in each page collects them).
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class RoomUxTests(BrowserFixture browser) : IAsyncLifetime
{
    // A burst of 2 messages, then one every 10 s: the third quick message is refused.
    private readonly MeursServer server = new() { Environment = { ["Rooms__ChatBurst"] = "2", ["Rooms__ChatPerMinute"] = "6" } };

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task Phone_MessagesAndComposerComeFirst_PanelsAreTabs()
    {
        await using var alice = await OpenAsync("alice");
        await alice.Page.SetViewportSizeAsync(390, 844);
        await alice.SignUpAsync();
        await alice.CreateRoomAsync();
        await Expect(alice.Messages).ToContainTextAsync("alice joined");

        var viewport = alice.Page.ViewportSize!;
        var box = await alice.MessageBox.BoundingBoxAsync();
        var send = await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.NotNull(send);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= viewport.Height, $"the message box is at {box.Y}..{box.Y + box.Height}, the screen is {viewport.Height} high");
        Assert.True(send.Y + send.Height <= viewport.Height && send.X + send.Width <= viewport.Width, $"Send is at ({send.X}, {send.Y}) {send.Width}x{send.Height}");
        await Expect(alice.Members).ToBeHiddenAsync();
        await Shot(alice, "room-phone.png");

        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "People" }).ClickAsync();
        await Expect(alice.Members).ToContainTextAsync("alice");
        await Expect(alice.MessageBox).ToBeHiddenAsync();
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Call" }).ClickAsync();
        await Expect(alice.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" })).ToBeVisibleAsync();
        await Shot(alice, "room-phone-call-tab.png");
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Files" }).ClickAsync();
        await Expect(alice.Page.GetByLabel("Share a file")).ToBeVisibleAsync();
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Chat" }).ClickAsync();
        await Expect(alice.MessageBox).ToBeVisibleAsync();
        await alice.SayAsync("typed on a phone");
        await Expect(alice.Messages).ToContainTextAsync("typed on a phone");

        await AssertCleanAsync(alice);
    }

    [Fact]
    public async Task FirstLiveMessage_RemovesNoMessagesYet_AndARateLimitedMessageStaysInTheComposer()
    {
        await using var alice = await OpenAsync("amy");
        await alice.SignUpAsync();
        await alice.CreateRoomAsync();

        // The page opens on an empty list; the owner's own arrival is the first message, pushed live.
        await Expect(alice.Messages).ToContainTextAsync("amy joined");
        await Expect(alice.Messages.GetByText("No messages yet")).ToHaveCountAsync(0);

        await alice.SayAsync("one");
        await alice.SayAsync("two");
        // Resized, as a reader dragging the box's corner does: the box now has a style attribute, which htmx's settle
        // step used to copy onto the new composer with setAttribute, a CSP violation.
        await alice.MessageBox.EvaluateAsync("box => box.style.height = '6rem'");
        await alice.MessageBox.FillAsync("three, too fast");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(alice.Page.Locator("#composer-error")).ToContainTextAsync("too fast. Your message is kept: send it again in");
        await Expect(alice.MessageBox).ToHaveValueAsync("three, too fast");
        await Expect(alice.Messages).Not.ToContainTextAsync("three, too fast");
        await Shot(alice, "room-rate-limited.png");

        // It stays there until it can be sent: send again until the allowance is back (10 s here), and it goes once.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await alice.MessageBox.InputValueAsync() != "")
        {
            Assert.True(DateTime.UtcNow < deadline, "the refused message never went out");
            Assert.Equal("three, too fast", await alice.MessageBox.InputValueAsync());
            await alice.Page.WaitForTimeoutAsync(2000);
            // The server answers each send with a new composer; mark this one to know when the answer has come.
            await alice.MessageBox.EvaluateAsync("box => box.dataset.answered = 'no'");
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Expect(alice.Page.Locator("#message-text[data-answered]")).ToHaveCountAsync(0);
        }
        await Expect(alice.Messages.GetByText("three, too fast")).ToHaveCountAsync(1);

        await AssertCleanAsync(alice);
    }

    [Fact]
    public async Task Rename_ShowsOnTheGuestsOpenPage_WithoutAReload_AndStays()
    {
        await using var alice = await OpenAsync("rena");
        await using var bob = await OpenAsync("renb");
        await alice.SignUpAsync();
        var room = await alice.CreateRoomAsync();
        await bob.SignUpAsync();
        await bob.JoinRoomAsync(room);
        await Expect(alice.Members).ToContainTextAsync(bob.Name);

        await alice.Page.GetByText("Rename", new() { Exact = true }).ClickAsync();
        await alice.Page.GetByLabel("Room name").FillAsync("Friday <b>night</b>");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();

        var heading = bob.Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToContainTextAsync("Friday <b>night</b>"); // live, and as text: no markup made of it
        await Expect(bob.Page.Locator("#room-heading b")).ToHaveCountAsync(0);
        await bob.Page.ReloadAsync();
        await Expect(heading).ToContainTextAsync("Friday <b>night</b>");
        await AssertCleanAsync(alice);
        await AssertCleanAsync(bob);
    }

    [Fact]
    public async Task Owner_StepsAwayAndBack_KeepsHistory_LeaveClearsIt_CloseAsksFirst()
    {
        await using var alice = await OpenAsync("ann");
        await using var bob = await OpenAsync("ben");
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var room = await alice.CreateRoomAsync();
        await Expect(alice.Page.GetByTestId("owner-note")).ToContainTextAsync("When you leave, this room's history is cleared for everyone");

        // Named, and the link copied.
        await alice.Page.GetByText("Rename").ClickAsync();
        await alice.Page.GetByLabel("Room name").FillAsync("Café ☕ Friday");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Café ☕ Friday");
        await alice.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(alice.Page.Locator("#copy-status")).ToHaveTextAsync("Link copied.");
        Assert.Equal(new Uri(alice.BaseAddress, room).ToString(), await alice.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        await bob.JoinRoomAsync(room);
        await bob.SayAsync("before the owner stepped out");
        await Expect(alice.Messages).ToContainTextAsync("before the owner stepped out");
        await Shot(alice, "room-desktop.png");

        // Another menu link: the owner is away (announced after the 1 s leave grace), the history stays.
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "About" }).ClickAsync();
        await Expect(bob.Messages).ToContainTextAsync("ann left");
        await Expect(bob.Messages).ToContainTextAsync("before the owner stepped out");
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Rooms" }).ClickAsync();
        await Expect(alice.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("Café ☕ Friday");
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Café ☕ Friday" }).ClickAsync();
        await Expect(alice.Messages).ToContainTextAsync("before the owner stepped out");
        await Expect(bob.Members).ToContainTextAsync("ann");

        // The Leave button clears it for everyone.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true }).ClickAsync();
        await Expect(alice.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/rooms$"));
        await Expect(bob.Messages).ToContainTextAsync("Owner left. Chat cleared");
        await Expect(bob.Messages).Not.ToContainTextAsync("before the owner stepped out");

        // Closing asks first; Cancel keeps the room.
        await alice.Page.GotoAsync(room);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Close room" }).ClickAsync();
        var dialog = alice.Page.GetByRole(AriaRole.Dialog, new() { Name = "Close this room?" });
        await Expect(dialog).ToBeVisibleAsync();
        await Shot(alice, "room-close-dialog.png");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await bob.SayAsync("still open");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Close room" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close the room for everyone" }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Room closed by owner");

        await AssertCleanAsync(alice);
        await AssertCleanAsync(bob);
    }

    private async Task<Person> OpenAsync(string name)
    {
        var person = await Person.OpenAsync(browser.Browser, server.BaseAddress, name);
        // Every violation of the page's Content-Security-Policy, as the browser reports it to the page.
        await person.Page.Context.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber + ' on ' + (e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 120) : String(e.target))));");
        return person;
    }

    private static async Task AssertCleanAsync(Person person)
    {
        var violations = await person.Page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        Assert.True(violations.Length == 0, "CSP violations: " + string.Join(" | ", violations));
        Assert.Empty(person.ConsoleErrors);
    }

    private static async Task Shot(Person person, string file)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file) });
        }
    }
}
