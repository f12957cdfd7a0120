using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Direct messages in two browsers: Alice and Bob share a server, Alice starts a conversation by Bob's username, and
/// they write to each other live (Bob's "Messages" badge counts what he has not read; one message carries a picture);
/// Alice starts a call from the conversation, Bob sees it going on and joins, and each hears the other (their own
/// WebRTC inbound audio statistics grow); then Bob blocks Alice (written to the database, as the friends feature will)
/// and her next message is refused with the reason. Screenshots (desktop 1280x800, phone 390x844) go to
/// MEURS_SCREENSHOTS when set.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class DirectMessageTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoPeople_WriteLiveWithAPicture_CallFromTheConversation_AndABlockRefusesTheNextMessage()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await alice.Page.SetViewportSizeAsync(1280, 800);
        await bob.Page.SetViewportSizeAsync(1280, 800);
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var (serverId, _) = await alice.CreateServerAsync("Night Owls");
        await bob.JoinServerAsync(serverId);

        // Bob waits on his direct messages page; Alice starts the conversation by his username.
        await bob.Page.GotoAsync("/dms");
        await alice.Page.GotoAsync("/dms");
        await alice.Page.GetByLabel("Username").FillAsync("bob");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Message", Exact = true }).ClickAsync();
        await alice.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/dms/[0-9a-f]{32}$"), new() { WaitUntil = WaitUntilState.Commit });
        var conversationId = new Uri(alice.Page.Url).AbsolutePath.Split('/')[2];
        await Expect(alice.Page.Locator("#channel-messages")).ToBeAttachedAsync();
        await Expect(alice.Page.Locator("h1")).ToContainTextAsync("bob");

        // Her first message reaches Bob's badge and list live, without a reload.
        await alice.MessageBox.FillAsync("Hi Bob, got a minute?");
        await alice.MessageBox.PressAsync("Enter");
        await Expect(alice.MessageBox).ToHaveValueAsync("");
        await Expect(bob.Page.Locator("#dm-unread-badge")).ToContainTextAsync("1");
        var row = bob.Page.Locator($"#dm-row-{conversationId}");
        await Expect(row).ToContainTextAsync("alice");
        await Expect(row.Locator(".mention-badge")).ToContainTextAsync("1");

        // Bob opens it, reads it (the badge goes), and answers; Alice sees the answer in her open conversation.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Message(bob, "Hi Bob, got a minute?")).ToBeVisibleAsync();
        await Expect(bob.Page.Locator("#dm-unread-badge")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await bob.MessageBox.FillAsync("Sure, what's up?");
        await bob.MessageBox.PressAsync("Enter");
        await Expect(Message(alice, "Sure, what's up?")).ToBeVisibleAsync();

        // Alice sends a picture with a caption: Bob sees it inline, decoded.
        var png = TestPng.Create(320, 200);
        await alice.Page.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload { Name = "poster.png", MimeType = "image/png", Buffer = png });
        await alice.Page.GetByLabel("Caption").FillAsync("The poster for Friday");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send files" }).ClickAsync();
        var picture = Message(bob, "The poster for Friday");
        var image = picture.Locator(".attachments img[alt='poster.png']");
        await Expect(image).ToBeVisibleAsync();
        await bob.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth === 320", await image.ElementHandleAsync());
        // Her upload form is empty again for the next files, as her message box was after sending.
        await Expect(alice.Page.Locator("#channel-upload-status")).ToContainTextAsync("Sent.");
        await Expect(alice.Page.GetByLabel("Caption")).ToHaveValueAsync("");
        await Expect(alice.Page.GetByLabel("Attach files")).ToHaveValueAsync("");

        // Alice starts a call from the conversation; Bob sees it going on and joins; each hears the other.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(alice.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
        await Expect(bob.Page.Locator($"#dm-call-{conversationId}")).ToContainTextAsync("In the call: alice", new() { Timeout = 15_000 });
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(bob.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
        await CallStats.RisingAsync(server, alice, "bob", "mic", "totalSamplesReceived");
        await CallStats.RisingAsync(server, bob, "alice", "mic", "totalSamplesReceived");
        await Expect(alice.Page.Locator($"#dm-call-{conversationId}")).ToContainTextAsync("bob", new() { Timeout = 15_000 });

        await Expect(bob.Page.Locator("#channel-typing")).ToBeEmptyAsync(new() { Timeout = 20_000 });
        await bob.Page.Mouse.MoveAsync(0, 0);
        await Shot(bob, "dm-desktop.png");
        await bob.Page.SetViewportSizeAsync(390, 844);
        await picture.ScrollIntoViewIfNeededAsync();
        await Shot(bob, "dm-phone.png");
        await bob.Page.GotoAsync("/dms");
        await Shot(bob, "dm-list-phone.png");
        await bob.Page.SetViewportSizeAsync(1280, 800);
        await Shot(bob, "dm-list-desktop.png");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Leave the call" }).ClickAsync();

        // Bob blocks Alice; her next message is refused, with the reason, and her text stays in the composer.
        await BlockAsync(bob, alice);
        await alice.MessageBox.FillAsync("Are you still there?");
        await alice.MessageBox.PressAsync("Enter");
        await Expect(alice.Page.Locator("#channel-composer-error")).ToContainTextAsync("they have blocked you");
        await Expect(alice.MessageBox).ToHaveValueAsync("Are you still there?");
        await Shot(alice, "dm-blocked.png");
        Assert.Empty(alice.ConsoleErrors);
        Assert.Empty(bob.ConsoleErrors);
    }

    private static ILocator Message(Person person, string text) =>
        person.Page.Locator("#channel-messages .message", new() { HasText = text });

    // Blocks as a program would, through the friends feature's API (the people share a server, not a friendship, so
    // there is no Block button on a friends list between them).
    private static async Task BlockAsync(Person blocker, Person blocked)
    {
        var blockedToken = await blocked.ApiTokenAsync();
        var me = await blocked.Page.APIRequest.GetAsync("/api/users/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + blockedToken } });
        Assert.True(me.Ok, $"GET /api/users/me: {me.Status}");
        var blockedId = (await me.JsonAsync())!.Value.GetProperty("id").GetString();
        var token = await blocker.ApiTokenAsync();
        var response = await blocker.Page.APIRequest.PutAsync($"/api/blocks/{blockedId}", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });
        Assert.True(response.Status == 204, $"PUT /api/blocks: {response.Status} {await response.TextAsync()}");
    }

    private static async Task Shot(Person person, string file)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file) });
        }
    }
}
