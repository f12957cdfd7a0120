using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Presence between two people sharing a server, in two browsers, with the idle delay shortened to four seconds: Bob
/// sees Alice come online in the member list, go idle when she gives no input, come back the moment she moves the
/// mouse, show do-not-disturb and then offline while invisible (her own header saying invisible), and go offline when
/// her tab closes. Screenshots at desktop and phone sizes.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class PresenceTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync()
    {
        server.Environment["Presence__IdleAfter"] = "00:00:04";
        return server.StartAsync();
    }

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task AMemberSeesTheOtherComeOnline_GoIdle_ComeBack_ChooseAStatus_AndLeave()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob", phone: true);
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var (serverId, channelId) = await alice.CreateServerAsync("Presence club");
        await bob.JoinServerAsync(serverId);
        await bob.Page.GotoAsync($"/servers/{serverId}/channels/{channelId}");
        await bob.Page.GetByRole(AriaRole.Tab, new() { Name = "Members" }).ClickAsync();
        var aliceDot = bob.Page.Locator("#member-list li.member", new() { HasText = "alice" }).Locator(".presence-dot");

        // Alice's page is open (she created the server on it): online for Bob.
        await alice.Page.Mouse.MoveAsync(10, 10);
        await Expect(aliceDot).ToHaveAttributeAsync("data-status", "online", new() { Timeout = 15_000 });

        // No input from Alice: idle after a few seconds, live on Bob's page; moving her mouse brings her back.
        await Expect(aliceDot).ToHaveAttributeAsync("data-status", "idle", new() { Timeout = 20_000 });
        await Expect(alice.Page.Locator(".status-picker > summary .presence-dot")).ToHaveAttributeAsync("data-status", "idle");
        await alice.Page.Mouse.MoveAsync(200, 200);
        await alice.Page.Mouse.MoveAsync(220, 240);
        await Expect(aliceDot).ToHaveAttributeAsync("data-status", "online", new() { Timeout = 15_000 });
        await ShotAsync(bob.Page, "presence-member-list-phone.png");

        // Alice chooses do not disturb in her header, then invisible: Bob sees dnd, then offline; Alice sees invisible.
        await alice.Page.Locator(".status-picker > summary").ClickAsync();
        await alice.Page.Locator(".status-picker").GetByRole(AriaRole.Button, new() { Name = "Do not disturb" }).ClickAsync();
        await Expect(aliceDot).ToHaveAttributeAsync("data-status", "dnd", new() { Timeout = 15_000 });
        await alice.Page.Locator(".status-picker > summary").ClickAsync();
        await ShotAsync(alice.Page, "presence-status-picker-desktop.png");
        await alice.Page.Locator(".status-picker").GetByRole(AriaRole.Button, new() { Name = "Invisible" }).ClickAsync();
        await Expect(aliceDot).ToHaveAttributeAsync("data-status", "offline", new() { Timeout = 15_000 });
        await Expect(alice.Page.Locator(".status-picker .status-label")).ToHaveTextAsync("Invisible");

        // Online again, then her tab closes: offline for Bob once the grace period has passed.
        await alice.Page.Locator(".status-picker > summary").ClickAsync();
        await alice.Page.Locator(".status-picker").GetByRole(AriaRole.Button, new() { Name = "Online" }).ClickAsync();
        await Expect(aliceDot).ToHaveAttributeAsync("data-status", "online", new() { Timeout = 15_000 });
        await alice.Page.CloseAsync();
        await Expect(aliceDot).ToHaveAttributeAsync("data-status", "offline", new() { Timeout = 20_000 });
        Assert.Empty(bob.ConsoleErrors);
    }

    // Kept where MEURS_SCREENSHOTS points (as the other E2E tests do), to look at.
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
        }
    }
}
