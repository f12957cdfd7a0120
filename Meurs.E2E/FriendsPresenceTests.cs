using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Two friends who share no server, both on /friends, with the idle delay shortened to four seconds: Bob (desktop) sees
/// Alice (phone) in his Online group, then idle when she gives no input, online again the moment she moves her finger
/// or mouse, and in his Offline group once her tab has closed and the grace period has passed. Only the friendship
/// carries her status to him, so this is the friends' fan-out of <c>user.status_changed</c>. Screenshots (desktop
/// 1280x800 and phone 390x844) go to MEURS_SCREENSHOTS when set.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class FriendsPresenceTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync()
    {
        server.Environment["Presence__IdleAfter"] = "00:00:04";
        return server.StartAsync();
    }

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task FriendsList_TheOtherFriendComesOnline_GoesIdle_ComesBack_AndMovesToOfflineWhenTheirTabCloses()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        try
        {
            await alice.Page.SetViewportSizeAsync(390, 844);
            await bob.Page.SetViewportSizeAsync(1280, 800);
            await alice.SignUpAsync();
            await bob.SignUpAsync();

            // They become friends on /friends: Alice asks, Bob accepts.
            await OpenFriendsAsync(bob);
            await OpenFriendsAsync(alice);
            await alice.Page.GetByLabel("Add friend").FillAsync("bob");
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send friend request" }).ClickAsync();
            await Expect(alice.Page.Locator("#add-friend-result")).ToContainTextAsync("Friend request sent to bob");
            await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Pending" }).ClickAsync();
            await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Accept alice" }).ClickAsync();

            // Bob shows all his friends (the Online tab hides the offline group) and finds Alice online.
            await bob.Page.Locator("#friends-tabs [data-friends-tab='all']").ClickAsync();
            var online = bob.Page.Locator(".friend-group[data-group='online']");
            var offline = bob.Page.Locator(".friend-group[data-group='offline']");
            var aliceRow = bob.Page.Locator("#friends-list .friend-row", new() { HasText = "alice" });
            var aliceDot = aliceRow.Locator(".presence-dot");
            await alice.Page.Mouse.MoveAsync(10, 10);
            await Expect(online.Locator(".friend-row", new() { HasText = "alice" })).ToBeVisibleAsync();
            await Expect(aliceDot).ToHaveAttributeAsync("data-status", "online", new() { Timeout = 15_000 });
            await Expect(online.Locator(".group-count")).ToHaveTextAsync("1");

            // No input from Alice: idle after a few seconds, still in the Online group; her input brings her back.
            await Expect(aliceDot).ToHaveAttributeAsync("data-status", "idle", new() { Timeout = 20_000 });
            await Expect(aliceRow.Locator(".friend-status")).ToHaveTextAsync("Idle");
            await Expect(online.Locator(".friend-row", new() { HasText = "alice" })).ToBeVisibleAsync();
            await bob.Page.Mouse.MoveAsync(5, 5);
            await Shot(bob, "friends-presence-idle-desktop.png");
            await alice.Page.Mouse.MoveAsync(200, 200);
            await alice.Page.Mouse.MoveAsync(220, 240);
            await Expect(aliceDot).ToHaveAttributeAsync("data-status", "online", new() { Timeout = 15_000 });
            await Expect(aliceRow.Locator(".friend-status")).ToHaveTextAsync("Online");
            await Shot(alice, "friends-presence-list-phone.png");

            // Alice's tab closes: after the grace period Bob sees her in the Offline group, and the counts follow.
            await alice.Page.CloseAsync();
            await Expect(offline.Locator(".friend-row", new() { HasText = "alice" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(aliceDot).ToHaveAttributeAsync("data-status", "offline");
            await Expect(online.Locator(".friend-row")).ToHaveCountAsync(0);
            await Expect(offline.Locator(".group-count")).ToHaveTextAsync("1");
            await Expect(bob.Page.Locator("#friends-tabs [data-friends-tab='online'] .tab-count")).ToHaveTextAsync("0");
            await Shot(bob, "friends-presence-offline-desktop.png");
            await bob.Page.SetViewportSizeAsync(390, 844);
            await Shot(bob, "friends-presence-offline-phone.png");

            Assert.Empty(bob.ConsoleErrors);
            Assert.Empty(alice.ConsoleErrors);
        }
        catch
        {
            await Shot(bob, "failed-friends-presence-bob.png");
            if (!alice.Page.IsClosed)
            {
                await Shot(alice, "failed-friends-presence-alice.png");
            }
            throw;
        }
    }

    // Opens /friends and waits for the layout's /ws/me socket, which carries the live changes.
    private static async Task OpenFriendsAsync(Person person)
    {
        await person.Page.GotoAsync("/friends");
        await Expect(person.Page.Locator("#connection[data-state='connected']")).ToBeVisibleAsync();
    }

    private static async Task Shot(Person person, string file)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file), FullPage = true });
        }
    }
}
