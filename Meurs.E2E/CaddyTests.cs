using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Meurs as deployed: Debian's Caddy with the repository's Caddyfile and <c>tls internal</c> in front of the app, and
/// people using it over https only. The app knows its public URL and believes Caddy's X-Forwarded-* (loopback).
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CaddyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();
    private readonly CaddyProxy caddy = new();

    public async Task InitializeAsync()
    {
        server.Environment["Proxy__PublicUrl"] = caddy.PublicAddress.ToString();
        try
        {
            await server.StartAsync();
            await caddy.StartAsync(server);
        }
        catch
        {
            // xunit does not call DisposeAsync when InitializeAsync fails: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await caddy.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task OverHttpsThroughCaddy_PeopleSignUpChatShareAFileAndHoldACallWhoseMediaFlows()
    {
        var address = caddy.PublicAddress;
        // Caddy's local CA is trusted by nothing here: these two browser contexts accept its certificate, no others.
        await using var alice = await Person.OpenAsync(browser.Browser, address, "alice", ignoreHttpsErrors: true);
        await using var bob = await Person.OpenAsync(browser.Browser, address, "bob", ignoreHttpsErrors: true);

        // Caddy serves the page: TLS, HSTS and compression.
        var page = await alice.Page.GotoAsync("/signup");
        Assert.NotNull(page);
        Assert.Equal(200, page.Status);
        Assert.StartsWith(address.AbsoluteUri, page.Url, StringComparison.Ordinal);
        var headers = await page.AllHeadersAsync();
        Assert.Equal("max-age=31536000", headers["strict-transport-security"]);
        Assert.Contains(headers["content-encoding"], new[] { "zstd", "gzip" });

        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var room = await alice.CreateRoomAsync();
        Assert.StartsWith(address.AbsoluteUri, alice.Page.Url, StringComparison.Ordinal);

        // The invite link is the public https address (from Proxy:PublicUrl), and Bob comes in by it.
        var invite = await alice.Page.GetByTestId("room-link").TextContentAsync();
        Assert.Equal(new Uri(address, room.TrimStart('/')).AbsoluteUri, invite);
        await bob.JoinRoomAsync(invite!);
        await Expect(alice.Members).ToContainTextAsync("bob");
        await Expect(bob.Members).ToContainTextAsync("alice");

        // Chat both ways over the page sockets (wss through Caddy).
        await alice.SayAsync("Hello over TLS, Bob.");
        await Expect(bob.Messages).ToContainTextAsync("Hello over TLS, Bob.");
        await bob.SayAsync("Loud and clear, Alice.");
        await Expect(alice.Messages).ToContainTextAsync("Loud and clear, Alice.");

        // A file goes up through Caddy and comes back down byte for byte.
        var content = new byte[1_500_000];
        new Random(11).NextBytes(content);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        png.CopyTo(content, 0);
        await alice.Page.GetByLabel("Share a file").SetInputFilesAsync(new FilePayload { Name = "map.png", MimeType = "image/png", Buffer = content });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await Expect(alice.Page.Locator("#share-status")).ToContainTextAsync("Shared map.png");
        // The download link (a shared picture also previews, as a link to its full size).
        var link = bob.Messages.Locator("a[download]", new() { HasText = "map.png" });
        await Expect(link).ToBeVisibleAsync();
        var download = await bob.Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal(content, await File.ReadAllBytesAsync((await download.PathAsync())!));

        // The call: signalling over wss through Caddy, media straight to the app's UDP port.
        foreach (var person in new[] { alice, bob })
        {
            await person.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
            await Expect(person.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
            await person.Page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();
        }
        string Logs() => "server:\n" + string.Join('\n', server.Log.TakeLast(30)) + "\ncaddy:\n" + caddy.Log;
        await CallStats.RisingAsync(alice, "bob", "mic", "totalSamplesReceived", Logs);
        await CallStats.RisingAsync(alice, "bob", "camera", "framesDecoded", Logs);
        await CallStats.RisingAsync(bob, "alice", "mic", "totalSamplesReceived", Logs);
        await CallStats.RisingAsync(bob, "alice", "camera", "framesDecoded", Logs);

        Assert.Empty(alice.ConsoleErrors);
        Assert.Empty(bob.ConsoleErrors);
    }
}
