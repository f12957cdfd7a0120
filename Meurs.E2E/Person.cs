using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>One person in their own browser context (own cookies), using Meurs through its labels and roles.</summary>
public sealed class Person(IBrowserContext context, IPage page, string name, Uri baseAddress) : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    public IPage Page { get; private set; } = page;

    public System.Collections.Concurrent.ConcurrentBag<string> ConsoleErrors { get; } = [];

    public string Name { get; } = name;

    /// <summary>
    /// Opens a fresh browser context at <paramref name="baseAddress"/>. <paramref name="ignoreHttpsErrors"/> accepts
    /// a certificate nothing here trusts (Caddy's local CA) in this context only, not in the shared browser.
    /// <paramref name="phone"/> makes it a phone: a 390x844 touch screen with a mobile viewport.
    /// </summary>
    public static async Task<Person> OpenAsync(IBrowser browser, Uri baseAddress, string name, bool ignoreHttpsErrors = false, bool phone = false)
    {
        var options = new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), IgnoreHTTPSErrors = ignoreHttpsErrors };
        if (phone)
        {
            options.ViewportSize = new ViewportSize { Width = 390, Height = 844 };
            options.IsMobile = true;
            options.HasTouch = true;
        }
        var context = await browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var person = new Person(context, page, name, baseAddress);
        person.Watch(page);
        return person;
    }

    /// <summary>Opens <paramref name="path"/> in a new tab of the same browser context (same login), as someone coming back.</summary>
    public async Task ReopenAsync(string path)
    {
        Page = await context.NewPageAsync();
        Watch(Page);
        await Page.GotoAsync(path);
    }

    // Console errors include Content-Security-Policy violations and script failures: a page should have none.
    private void Watch(IPage page)
    {
        page.Console += (_, m) => { if (m.Type == "error") { ConsoleErrors.Add(m.Text); } };
        page.PageError += (_, e) => ConsoleErrors.Add(e);
    }

    public async Task SignUpAsync()
    {
        await Page.GotoAsync("/signup");
        await Page.GetByLabel("Username").FillAsync(Name);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await Page.GetByLabel("Confirm password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(Page.GetByTestId("signed-in-user")).ToHaveTextAsync(Name);
    }

    public async Task<string> CreateRoomAsync()
    {
        await Page.GotoAsync("/rooms");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create a room" }).ClickAsync();
        try
        {
            // Committed is enough: everything after waits for the elements it needs. Waiting for "load" has timed out
            // in CI with the room page fully shown (under load, a late subresource can hold the load event back).
            await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/rooms/.{7}$"), new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException ex)
        {
            // Say where the browser ended up instead, so a failure here can be understood from the log alone.
            throw new TimeoutException($"Creating a room did not open it; the page is {Page.Url}: {(await Page.Locator("main").InnerTextAsync())[..Math.Min(300, (await Page.Locator("main").InnerTextAsync()).Length)]}", ex);
        }
        return new Uri(Page.Url).AbsolutePath;
    }

    /// <summary>Follows an invite link to <paramref name="room"/> and presses "Join room", as a friend given the link does.</summary>
    public async Task JoinRoomAsync(string room)
    {
        await Page.GotoAsync(room);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Join room" }).ClickAsync();
        await Expect(MessageBox).ToBeVisibleAsync();
    }

    /// <summary>
    /// Creates a server named <paramref name="name"/> on the communities page and lands in its first text channel;
    /// returns the server's and that channel's ids (32 hex digits each).
    /// </summary>
    public async Task<(string ServerId, string ChannelId)> CreateServerAsync(string name)
    {
        await Page.GotoAsync("/communities");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create a server" }).ClickAsync();
        // Committed is enough (as in CreateRoomAsync): a late subresource can hold the load event back under load.
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/servers/[0-9a-f]{32}/channels/[0-9a-f]{32}$"), new() { WaitUntil = WaitUntilState.Commit });
        var parts = new Uri(Page.Url).AbsolutePath.Split('/');
        return (parts[2], parts[4]);
    }

    /// <summary>Joins the open server <paramref name="serverId"/> by its id on the communities page, as someone given the id does.</summary>
    public async Task JoinServerAsync(string serverId)
    {
        await Page.GotoAsync("/communities");
        await Page.GetByLabel("Server id, invite code or invite link").FillAsync(serverId);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/channels/"), new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>On a server's page: opens its voice channel <paramref name="channel"/> from the channel list and joins its call.</summary>
    public async Task JoinVoiceChannelAsync(string channel = "General")
    {
        await Page.Locator("#server-sidebar .channel-item.voice").GetByRole(AriaRole.Link, new() { Name = channel, Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator(".voice-pane")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
    }

    /// <summary>A bearer token for the API (POST /api/auth/login), for setting things up the way a program would.</summary>
    public async Task<string> ApiTokenAsync()
    {
        var response = await Page.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { username = Name, password = Password } });
        Assert.True(response.Ok, $"login for {Name}: {response.Status} {await response.TextAsync()}");
        var body = await response.JsonAsync();
        return body!.Value.GetProperty("access_token").GetString()!;
    }

    public async Task SayAsync(string text)
    {
        await MessageBox.FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        // The server answers a send with a fresh, empty composer.
        await Expect(MessageBox).ToHaveValueAsync("");
    }

    public ILocator MessageBox => Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    public ILocator Messages => Page.GetByRole(AriaRole.List, new() { Name = "Messages" });

    public ILocator Members => Page.GetByRole(AriaRole.List, new() { Name = "People in the room" });

    public Uri BaseAddress { get; } = baseAddress;

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
