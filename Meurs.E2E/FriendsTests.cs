using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Friends in two browsers, live: Alice sends Bob a request by username; it appears on Bob's page with the navigation's
/// count; he accepts and both friend lists change without a reload. Then Bob blocks Alice: her next message in the
/// server channel they share is collapsed for Bob (he can show it), not for Carol. Screenshots (desktop 1280x800 and
/// phone 390x844) go to MEURS_SCREENSHOTS when set.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class FriendsTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task RequestAcceptBlock_LiveInBothBrowsers_AndBlockedMessagesCollapseForTheBlockerOnly()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await using var carol = await Person.OpenAsync(browser.Browser, server.BaseAddress, "carol");
        try
        {
            await alice.Page.SetViewportSizeAsync(1280, 800);
            await bob.Page.SetViewportSizeAsync(1280, 800);
            await alice.SignUpAsync();
            await bob.SignUpAsync();
            await carol.SignUpAsync();
            var (serverId, channelId) = await alice.CreateServerAsync("Book Club");
            await bob.JoinServerAsync(serverId);
            await carol.JoinServerAsync(serverId);

            await OpenFriendsAsync(bob);
            await OpenFriendsAsync(alice);

            // Alice asks Bob by his username, typed in another case.
            await alice.Page.GetByLabel("Add friend").FillAsync("BOB");
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send friend request" }).ClickAsync();
            await Expect(alice.Page.Locator("#add-friend-result")).ToContainTextAsync("Friend request sent to bob");
            await Expect(alice.Page.Locator("#friends-pending [data-direction='outgoing']")).ToContainTextAsync("bob");

            // Bob's page shows it live: the navigation's count and the incoming request.
            await Expect(bob.Page.Locator("#friend-requests-badge")).ToContainTextAsync("1");
            await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Pending" }).ClickAsync();
            var accept = bob.Page.GetByRole(AriaRole.Button, new() { Name = "Accept alice" });
            await Expect(accept).ToBeVisibleAsync();
            await Shot(bob, "friends-request-desktop.png");
            await accept.ClickAsync();

            // Both lists change live: each is the other's online friend; the request and the count are gone.
            await Expect(bob.Page.Locator("#friend-requests-badge")).ToHaveTextAsync("");
            await Expect(alice.Page.Locator("#friends-pending [data-direction='outgoing']")).ToHaveCountAsync(0);
            await Expect(alice.Page.Locator(".friend-group[data-group='online'] .friend-row")).ToContainTextAsync("bob");
            await bob.Page.Locator("#friends-tabs [data-friends-tab='online']").ClickAsync();
            await Expect(bob.Page.Locator(".friend-group[data-group='online'] .friend-row")).ToContainTextAsync("alice");
            await Shot(alice, "friends-list-desktop.png");

            // Bob blocks Alice (confirming): the friendship ends on both pages, and she is on his Blocked tab.
            bob.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Block alice" }).ClickAsync();
            await Expect(bob.Page.Locator("#friends-list .friend-row")).ToHaveCountAsync(0);
            await Expect(alice.Page.Locator("#friends-list .friend-row")).ToHaveCountAsync(0);
            await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Blocked" }).ClickAsync();
            await Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Unblock alice" })).ToBeVisibleAsync();

            // In the shared channel, Alice's message is collapsed for Bob (live and after a reload), not for Carol.
            await bob.Page.GotoAsync($"/servers/{serverId}/channels/{channelId}");
            await carol.Page.GotoAsync($"/servers/{serverId}/channels/{channelId}");
            await Expect(bob.Page.Locator("#connection[data-state='connected']")).ToBeVisibleAsync();
            await alice.Page.GotoAsync($"/servers/{serverId}/channels/{channelId}");
            await alice.SayAsync("Chapter three was the best");
            var bobsView = bob.Page.Locator(".message", new() { Has = bob.Page.Locator(".message-body", new() { HasText = "Chapter three was the best" }) });
            await Expect(bobsView.Locator(".blocked-notice")).ToContainTextAsync("Message from a blocked user");
            await Expect(bobsView.Locator(".message-body")).ToBeHiddenAsync();
            var carolsView = carol.Page.Locator(".message", new() { HasText = "Chapter three was the best" });
            await Expect(carolsView.Locator(".message-body")).ToBeVisibleAsync();
            await Expect(carolsView.Locator(".blocked-notice")).ToHaveCountAsync(0);

            await bob.Page.ReloadAsync();
            await Expect(bobsView.Locator(".blocked-notice")).ToBeVisibleAsync();
            await Expect(bobsView.Locator(".message-body")).ToBeHiddenAsync();
            await Shot(bob, "friends-blocked-message-desktop.png");
            await bobsView.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Expect(bobsView.Locator(".message-body")).ToBeVisibleAsync();

            // On a phone.
            await bob.Page.SetViewportSizeAsync(390, 844);
            await Shot(bob, "friends-blocked-message-phone.png");
            await bob.Page.GotoAsync("/friends");
            await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Blocked" }).ClickAsync();
            await Shot(bob, "friends-blocked-phone.png");
            await alice.Page.SetViewportSizeAsync(390, 844);
            await OpenFriendsAsync(alice);
            await alice.Page.GetByLabel("Add friend").FillAsync("bob");
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send friend request" }).ClickAsync();
            await Expect(alice.Page.Locator("#add-friend-result")).ToContainTextAsync("You cannot send a friend request to this person.");
            await Shot(alice, "friends-refused-phone.png");

            // The refusal is a 403 answer, which the browser logs; nothing else may be.
            Assert.DoesNotContain(alice.ConsoleErrors, e => !e.Contains("status of 403", StringComparison.Ordinal));
            Assert.Empty(bob.ConsoleErrors);
            Assert.Empty(carol.ConsoleErrors);
        }
        catch
        {
            await Shot(alice, "failed-friends-alice.png");
            await Shot(bob, "failed-friends-bob.png");
            await Shot(carol, "failed-friends-carol.png");
            if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
            {
                foreach (var p in new[] { alice, bob, carol })
                {
                    await File.WriteAllTextAsync(Path.Combine(folder, $"failed-friends-{p.Name}.txt"), string.Join('\n', p.ConsoleErrors) + "\n---\n" + await p.Page.ContentAsync());
                }
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
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file), FullPage = true });
        }
    }
}
