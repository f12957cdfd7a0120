using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>A media server browsers cannot reach: the page says so instead of showing a silent call.</summary>
[Collection(BrowserGroup.Name)]
public sealed class CallUnreachableTests(BrowserFixture browser) : IAsyncLifetime
{
    // The media port is announced on 127.0.0.2, where nothing listens (the server binds 127.0.0.1 only): every
    // check the browser sends is lost, as behind a firewall that drops UDP.
    private readonly MeursServer server = new() { Environment = { ["Media__AnnouncedAddress"] = "127.0.0.2" } };

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task MediaServerUnreachable_ThePageSaysSo()
    {
        await using var dana = await Person.OpenAsync(browser.Browser, server.BaseAddress, "dana");
        await dana.SignUpAsync();
        await dana.CreateRoomAsync();

        await dana.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();

        await Expect(dana.Page.Locator("#call-status")).ToContainTextAsync("The media server cannot be reached", new() { Timeout = 60_000 });
    }
}
