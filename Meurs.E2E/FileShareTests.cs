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
        await bob.JoinRoomAsync(room);
        await Expect(alice.Members).ToContainTextAsync("bob");

        // A real PNG header followed by bytes that are not all the same, so a truncated or altered copy shows.
        var content = new byte[200_000];
        new Random(7).NextBytes(content);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        png.CopyTo(content, 0);
        await alice.Page.GetByLabel("Share a file").SetInputFilesAsync(new FilePayload { Name = "holiday.png", MimeType = "image/png", Buffer = content });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await Expect(alice.Page.Locator("#share-status")).ToContainTextAsync("Shared holiday.png");

        // The download link (a shared picture also previews, as a link to its full size).
        var link = bob.Messages.Locator("a[download]", new() { HasText = "holiday.png" });
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
        await bob.JoinRoomAsync(room);
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

    [Fact]
    public async Task RelayedHtmlWithScript_OpenedInATab_DownloadsAndNeverRuns()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var room = await alice.CreateRoomAsync();
        await bob.JoinRoomAsync(room);
        await Expect(alice.Members).ToContainTextAsync("bob");

        // The attack of issue 10, finding 1: an HTML page announced as text/html whose script would act as the reader.
        var dialogs = new System.Collections.Concurrent.ConcurrentBag<string>();
        var apiCalls = new System.Collections.Concurrent.ConcurrentBag<string>();
        bob.Page.Context.Page += (_, p) => p.Dialog += (_, d) => dialogs.Add(d.Message);
        bob.Page.Dialog += (_, d) => dialogs.Add(d.Message);
        bob.Page.Context.Request += (_, r) => { if (r.Url.Contains("/api/", StringComparison.Ordinal)) { apiCalls.Add(r.Url); } };
        var html = "<!doctype html><title>report</title><script>fetch('/api/users/me');alert('xss ran')</script>"u8.ToArray();
        await alice.Page.GetByLabel("Send a file directly").SetInputFilesAsync(new FilePayload { Name = "report.html", MimeType = "text/html", Buffer = html });
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send directly" }).ClickAsync();
        var link = bob.Page.GetByRole(AriaRole.List, new() { Name = "Direct transfers" }).GetByRole(AriaRole.Link, new() { Name = "report.html" });
        await Expect(link).ToBeVisibleAsync();
        Assert.Equal("report.html", await link.GetAttributeAsync("download"));
        var href = (await link.GetAttributeAsync("href"))!;
        Assert.StartsWith("blob:", href, StringComparison.Ordinal);

        // Opened in a new tab (middle click, "open link in new tab"): a download, not a page of Meurs' origin.
        var tab = await bob.Page.Context.NewPageAsync();
        var downloading = tab.WaitForDownloadAsync();
        try
        {
            await tab.GotoAsync(href);
        }
        catch (PlaywrightException)
        {
            // Chromium reports the navigation as aborted because it became a download.
        }
        var download = await downloading;
        Assert.Equal(html, await File.ReadAllBytesAsync((await download.PathAsync())!));

        // Clicked in place: downloaded too.
        var clicked = await bob.Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("report.html", clicked.SuggestedFilename);
        Assert.Empty(dialogs);
        Assert.Empty(apiCalls);
        await tab.CloseAsync();
    }
}
