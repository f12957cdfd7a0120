using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

[Collection(BrowserGroup.Name)]
public sealed class FileShareTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task SharedFile_DownloadsForAMember_AndIsRefusedToANonMember()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await using var mallory = await Person.OpenAsync(browser.Browser, server.BaseAddress, "mallory");
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        await mallory.SignUpAsync();
        var room = await alice.CreateRoomAsync();
        await bob.Page.GotoAsync(room);
        await Expect(alice.Members).ToContainTextAsync("bob");

        // A real PNG header followed by bytes that are not all the same, so a truncated or altered copy shows.
        var content = new byte[200_000];
        new Random(7).NextBytes(content);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        png.CopyTo(content, 0);
        await alice.Page.GetByLabel("Share a file").SetInputFilesAsync(new FilePayload { Name = "holiday.png", MimeType = "image/png", Buffer = content });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await Expect(alice.Page.Locator("#share-status")).ToContainTextAsync("Shared holiday.png");

        var link = bob.Messages.GetByRole(AriaRole.Link, new() { Name = "holiday.png" });
        await Expect(link).ToBeVisibleAsync();
        var download = await bob.Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("holiday.png", download.SuggestedFilename);
        var saved = await download.PathAsync();
        Assert.Equal(content, await File.ReadAllBytesAsync(saved!));

        // Mallory is signed in but never joined the room: the same URL is not found for her.
        var href = await link.GetAttributeAsync("href");
        var response = await mallory.Page.APIRequest.GetAsync(href!);
        Assert.Equal(404, response.Status);

        // A file whose bytes are not what its name says is refused, and nothing is announced.
        await alice.Page.GetByLabel("Share a file").SetInputFilesAsync(new FilePayload { Name = "notes.png", MimeType = "image/png", Buffer = "just text"u8.ToArray() });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await Expect(alice.Page.Locator("#share-status")).ToContainTextAsync("does not match");
        await Expect(bob.Messages).Not.ToContainTextAsync("notes.png");
        Assert.DoesNotContain(alice.ConsoleErrors, e => !e.Contains("415", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RelayedFile_ArrivesByteIdentical_InTheOtherBrowser()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var room = await alice.CreateRoomAsync();
        await bob.Page.GotoAsync(room);
        await Expect(alice.Members).ToContainTextAsync("bob");

        // Several frames' worth (48 KiB each) with an uneven tail, random so any reordering or loss shows.
        var content = new byte[300_001];
        new Random(11).NextBytes(content);
        await alice.Page.GetByLabel("Send a file directly").SetInputFilesAsync(new FilePayload { Name = "mix.bin", MimeType = "application/octet-stream", Buffer = content });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send directly" }).ClickAsync();
        await Expect(alice.Page.Locator("#relay-status")).ToContainTextAsync("Sent mix.bin");

        var link = bob.Page.GetByRole(AriaRole.List, new() { Name = "Direct transfers" }).GetByRole(AriaRole.Link, new() { Name = "mix.bin" });
        await Expect(link).ToBeVisibleAsync();
        var download = await bob.Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal(content, await File.ReadAllBytesAsync((await download.PathAsync())!));
        // The sender's own page does not receive its file back.
        await Expect(alice.Page.GetByRole(AriaRole.List, new() { Name = "Direct transfers" }).GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        Assert.Empty(alice.ConsoleErrors);
        Assert.Empty(bob.ConsoleErrors);
    }
}
