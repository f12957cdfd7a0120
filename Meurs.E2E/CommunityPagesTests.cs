using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// A community in Chromium: the owner creates a server, a category, text and voice channels; a second person joins by
/// id and sees channels appear live; a mention is picked from the autocomplete and arrives; hiding a channel from
/// @everyone removes it from the other person's list live; the page at desktop and phone sizes; no CSP violation.
/// Screenshots go to MEURS_SCREENSHOTS when set.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CommunityPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task OwnerBuildsAServer_MemberSeesItLive_OnDesktopAndPhone()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        try
        {
            await RunAsync(alice, bob);
        }
        catch
        {
            if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "debug.txt"),
                    string.Join('\n', alice.ConsoleErrors) + "\n---\n" + string.Join('\n', bob.ConsoleErrors) + "\n---\n" + await alice.Page.ContentAsync() + "\n---\n" + string.Join('\n', server.Log));
                await Shot(alice, "failed-alice.png");
                await Shot(bob, "failed-bob.png");
            }
            throw;
        }
    }

    private static async Task RunAsync(Person alice, Person bob)
    {
        await alice.Page.SetViewportSizeAsync(1280, 800);
        await bob.Page.SetViewportSizeAsync(390, 844);
        await alice.SignUpAsync();
        await bob.SignUpAsync();

        // Alice creates the server and lands in its first text channel.
        await alice.Page.GotoAsync("/communities");
        await alice.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Night Owls");
        await alice.Page.GetByLabel("Description").FillAsync("People who code at night");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Create a server" }).ClickAsync();
        await alice.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/servers/[0-9a-f]{32}/channels/[0-9a-f]{32}$"));
        var serverId = alice.Page.Url.Split("/servers/")[1][..32];
        var sidebar = alice.Page.Locator("#server-sidebar");
        await Expect(sidebar).ToContainTextAsync("general");

        // Bob joins by id (a phone) and keeps the page open.
        await bob.Page.GotoAsync("/communities");
        await bob.Page.GetByLabel("Server id, invite code or invite link").FillAsync(serverId);
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await bob.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/channels/"));
        await Expect(bob.Page.Locator("#server[hx-ws\\:connect]")).ToBeVisibleAsync();

        // A category, a text channel in it and a voice channel; Bob's list follows without a reload.
        await alice.Page.GetByText("Create a channel or category").ClickAsync();
        await alice.Page.GetByLabel("Category name").FillAsync("Projects");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Create category" }).ClickAsync();
        await Expect(sidebar.Locator(".category")).ToContainTextAsync("Projects");
        await Expect(alice.Page.GetByLabel("Category name")).ToHaveValueAsync(""); // emptied for the next one
        await alice.Page.GetByLabel("Channel name").FillAsync("design");
        await alice.Page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Projects" });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Create channel" }).ClickAsync();
        await Expect(sidebar.Locator(".category .channel-item")).ToContainTextAsync("design");
        await alice.Page.GetByLabel("Channel name").FillAsync("hangout");
        await alice.Page.GetByLabel("Type").SelectOptionAsync("voice");
        await alice.Page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "No category" });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Create channel" }).ClickAsync();
        await Expect(sidebar).ToContainTextAsync("hangout");

        await bob.Page.GetByRole(AriaRole.Tab, new() { Name = "Channels" }).ClickAsync();
        var bobSidebar = bob.Page.Locator("#server-sidebar");
        await Expect(bobSidebar.Locator(".category")).ToContainTextAsync("Projects");
        await Expect(bobSidebar).ToContainTextAsync("design");
        await Expect(bobSidebar).ToContainTextAsync("hangout");
        await Shot(bob, "community-phone-channels.png");

        // A mention picked from the autocomplete with the keyboard, then sent with Enter.
        var box = alice.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await box.ClickAsync();
        await box.PressSequentiallyAsync("hello @bo");
        await Expect(alice.Page.GetByRole(AriaRole.Option, new() { Name = "@bob" })).ToBeVisibleAsync();
        await Shot(alice, "community-mention.png");
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync("hello @bob ");
        await box.PressSequentiallyAsync("welcome to **Night Owls**");
        await box.PressAsync("Enter");
        await Expect(alice.Page.Locator("#channel-messages")).ToContainTextAsync("welcome to Night Owls");

        await bob.Page.GetByRole(AriaRole.Tab, new() { Name = "general" }).ClickAsync();
        await Expect(bob.Page.Locator("#channel-messages")).ToContainTextAsync("welcome to Night Owls");
        await Shot(bob, "community-phone-chat.png");
        await bob.Page.GetByRole(AriaRole.Tab, new() { Name = "Members" }).ClickAsync();
        await Expect(bob.Page.Locator("#member-list")).ToContainTextAsync("alice");
        await Shot(bob, "community-phone-members.png");
        await Shot(alice, "community-desktop.png");

        // Keyboard reordering: Alt+ArrowUp on "hangout" moves it above "General", for Bob too, live.
        await sidebar.GetByRole(AriaRole.Link, new() { Name = "hangout", Exact = true }).FocusAsync();
        await alice.Page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(sidebar.Locator("#uncategorized > .channel-item .channel-name")).ToHaveTextAsync(["general", "hangout", "General"]);
        await bob.Page.GetByRole(AriaRole.Tab, new() { Name = "Channels" }).ClickAsync();
        await Expect(bobSidebar.Locator("#uncategorized > .channel-item .channel-name")).ToHaveTextAsync(["general", "hangout", "General"]);

        // Collapsing a category is Bob's own, and stays after a reload; muting a channel is his own too.
        await bobSidebar.GetByRole(AriaRole.Button, new() { Name = "Projects" }).ClickAsync();
        await Expect(bobSidebar.Locator(".category.collapsed")).ToHaveCountAsync(1);
        await Expect(bobSidebar.GetByRole(AriaRole.Link, new() { Name = "design", Exact = true })).ToBeHiddenAsync();
        await bobSidebar.GetByRole(AriaRole.Button, new() { Name = "Mute General", Exact = true }).ClickAsync();
        await Expect(bobSidebar.GetByRole(AriaRole.Button, new() { Name = "Unmute General", Exact = true })).ToBeVisibleAsync();
        await bob.Page.ReloadAsync();
        await bob.Page.GetByRole(AriaRole.Tab, new() { Name = "Channels" }).ClickAsync();
        await Expect(bob.Page.Locator("#server-sidebar .category.collapsed")).ToHaveCountAsync(1);
        await Expect(alice.Page.Locator("#server-sidebar .category.collapsed")).ToHaveCountAsync(0);
        await bob.Page.Locator("#server-sidebar").GetByRole(AriaRole.Button, new() { Name = "Projects" }).ClickAsync();
        await Expect(bob.Page.Locator("#server-sidebar .category.collapsed")).ToHaveCountAsync(0);
        bobSidebar = bob.Page.Locator("#server-sidebar");

        // Alice joins the voice channel: Bob's channel list shows her in it, live.
        await sidebar.GetByRole(AriaRole.Link, new() { Name = "hangout", Exact = true }).ClickAsync();
        await alice.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/channels/"));
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(alice.Page.GetByRole(AriaRole.Button, new() { Name = "Leave the call" })).ToBeVisibleAsync();
        await bob.Page.GetByRole(AriaRole.Tab, new() { Name = "Channels" }).ClickAsync();
        await Expect(bobSidebar.Locator(".channel-item", new() { HasText = "hangout" }).Locator(".voice-roster")).ToContainTextAsync("alice");
        await Shot(alice, "community-voice.png");
        await Shot(bob, "community-phone-voice-roster.png");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Leave the call" }).ClickAsync();
        await Expect(bobSidebar.Locator(".channel-item", new() { HasText = "hangout" }).Locator(".voice-roster")).Not.ToContainTextAsync("alice");

        // Bob opens "design"; Alice hides it from @everyone: it leaves Bob's list live (his open pane says why), and stays in hers.
        await bobSidebar.GetByRole(AriaRole.Link, new() { Name = "design", Exact = true }).ClickAsync();
        await bob.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/channels/"));
        await Expect(bob.Page.Locator(".channel-head")).ToContainTextAsync("design");
        await alice.Page.GotoAsync($"/servers/{serverId}");
        sidebar = alice.Page.Locator("#server-sidebar");
        var design = sidebar.Locator(".channel-item", new() { HasText = "design" });
        var designId = await design.GetAttributeAsync("data-channel-id");
        await alice.Page.GotoAsync($"/servers/{serverId}/channels/{designId}/settings");
        var everyone = alice.Page.Locator("details.override-editor", new() { HasText = "@everyone" });
        await everyone.Locator("summary").ClickAsync();
        await everyone.GetByLabel("View channels: deny for @everyone").CheckAsync();
        await everyone.GetByRole(AriaRole.Button, new() { Name = "Save @everyone" }).ClickAsync();
        await Shot(alice, "community-channel-settings.png");
        await Expect(bob.Page.Locator("#access-revoked")).ToBeVisibleAsync();
        await Shot(bob, "community-phone-revoked.png");
        await bob.Page.GetByRole(AriaRole.Tab, new() { Name = "Channels" }).ClickAsync();
        await Expect(bobSidebar).Not.ToContainTextAsync("design");
        await Expect(bobSidebar).ToContainTextAsync("hangout");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(bob.Page.Locator("#access-revoked")).ToHaveCountAsync(0);

        await alice.Page.GotoAsync($"/servers/{serverId}/settings");
        await Shot(alice, "community-settings.png");
        await alice.Page.GotoAsync($"/servers/{serverId}");
        await Expect(alice.Page.Locator("#server-sidebar")).ToContainTextAsync("design");

        await alice.Page.GotoAsync("/communities");
        await Expect(alice.Page.Locator(".server-grid")).ToContainTextAsync("Night Owls");
        await Shot(alice, "community-list.png");

        Assert.Empty(alice.ConsoleErrors);
        Assert.Empty(bob.ConsoleErrors);
    }

    private static async Task Shot(Person person, string file)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file) });
        }
    }
}
