using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

[Collection(BrowserGroup.Name)]
public sealed class LibraryTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task PlayerBar_KeepsPlayingAcrossTwoNavigations()
    {
        await using var frank = await Person.OpenAsync(browser.Browser, server.BaseAddress, "frank");
        await frank.SignUpAsync();
        var page = frank.Page;
        await page.GotoAsync("/");

        // The 10 s track starts in the player bar.
        await page.GetByRole(AriaRole.Button, new() { Name = "Play chord progression" }).ClickAsync();
        var player = page.GetByRole(AriaRole.Region, new() { Name = "Player" });
        await Expect(player).ToBeVisibleAsync();
        await Expect(page.Locator("#player-title")).ToHaveTextAsync("chord progression");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 0.3");
        await Screenshots(frank);
        // Remember this element: after boosted navigation the page must still hold this very one.
        await page.EvaluateAsync("() => { window.startedAudio = document.getElementById('player-audio'); }");

        foreach (var (link, heading) in new[] { ("Rooms", "Rooms"), ("About", "About Meurs") })
        {
            var before = await page.EvaluateAsync<double>("() => document.getElementById('player-audio').currentTime");
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await Expect(page).ToHaveTitleAsync(heading.Split(' ')[0] + " · Meurs");

            Assert.True(await page.EvaluateAsync<bool>("() => window.startedAudio === document.getElementById('player-audio')"),
                "the audio element should be the one that started playing (a full page load would have replaced it)");
            Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('player-audio').paused"));
            await page.WaitForFunctionAsync($"() => document.getElementById('player-audio').currentTime > {(before + 0.2).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            await Expect(player).ToBeVisibleAsync();
            await Expect(page.Locator("#player-title")).ToHaveTextAsync("chord progression");
        }

        // The duration is known before the end, not "0:00".
        await Expect(page.Locator("#player-time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0:\d\d / 0:10$"));
        Assert.True(frank.ConsoleErrors.IsEmpty, string.Join("\n", frank.ConsoleErrors));
    }

    [Fact]
    public async Task PlayerBar_NextAndPrevious_FollowTheListTheTrackStartedFrom()
    {
        await using var gina = await Person.OpenAsync(browser.Browser, server.BaseAddress, "gina");
        await gina.SignUpAsync();
        var page = gina.Page;
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("Signal Garden"));
        await Expect(page.Locator(".track")).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Signal Garden" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Play Morning Chord" }).ClickAsync();
        await Expect(page.Locator("#player-title")).ToHaveTextAsync("Morning Chord");
        await Expect(page.Locator("#player-artist")).ToHaveTextAsync("The Test Tones · Signal Garden");
        await Expect(page.Locator("#player-time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"/ 0:04$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous track" })).ToBeDisabledAsync();

        // The list changes under the player (another filter); next still follows the list the track started from.
        await page.GetByLabel("Filter the library").FillAsync("sine");
        await Expect(page.Locator(".track")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next track" }).ClickAsync();

        await Expect(page.Locator("#player-title")).ToHaveTextAsync("Paper Boats");
        await page.WaitForFunctionAsync("() => { const a = document.getElementById('player-audio'); return a.src.endsWith('/02-paper-boats.mp3') && !a.paused && a.currentTime > 0.2; }");
        // The MP3 whose Info header TagLib# misreads shows its real length.
        await Expect(page.Locator("#player-time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"/ 0:05$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Next track" }).ClickAsync();
        await Expect(page.Locator("#player-title")).ToHaveTextAsync("Slow Sweep");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next track" })).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Previous track" }).ClickAsync();
        await Expect(page.Locator("#player-title")).ToHaveTextAsync("Paper Boats");
        Assert.True(gina.ConsoleErrors.IsEmpty, string.Join("\n", gina.ConsoleErrors));
    }

    [Fact]
    public async Task Video_PlaysInThePage()
    {
        await using var hugo = await Person.OpenAsync(browser.Browser, server.BaseAddress, "hugo");
        await hugo.SignUpAsync();
        await hugo.Page.GotoAsync("/?q=countdown");
        var video = hugo.Page.GetByLabel("Play countdown");

        await video.EvaluateAsync("v => v.play()");
        await hugo.Page.WaitForFunctionAsync("() => document.querySelector('video').currentTime > 0.5");

        Assert.Null(await video.EvaluateAsync<object?>("v => v.error && v.error.message"));
        Assert.Empty(hugo.ConsoleErrors);
    }

    private static async Task Screenshots(Person person)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        // Caret "initial": hiding it would take an inline style, which the CSP refuses (and reports as a console error).
        var page = person.Page;
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "library-phone.png"), Caret = ScreenshotCaret.Initial });
        await page.SetViewportSizeAsync(1280, 800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "library-desktop.png"), Caret = ScreenshotCaret.Initial });
    }
}
