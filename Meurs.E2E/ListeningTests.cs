using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Listening sessions in two real Chromium pages (the browser runs with --autoplay-policy=no-user-gesture-required):
/// a host starts a session and queues a track from the library, a guest joins by code and asks to add one, the host
/// approves and both queues show it; after play and after a seek, each page's audio is where the session's playback
/// state says it should be, within <see cref="ToleranceMs"/>; the guest goes on following the session on other pages
/// (a skip, then the end). Screenshots at desktop and phone sizes go to MEURS_SCREENSHOTS when set.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class ListeningTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>How far a page's audio may be from the expected position, in milliseconds.</summary>
    private const double ToleranceMs = 150;

    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoPeople_RequestApproved_PlayAndSeek_StayInStep()
    {
        await using var ann = await Person.OpenAsync(browser.Browser, server.BaseAddress, "ann");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        await ann.SignUpAsync();
        await bob.SignUpAsync();

        // Ann starts a session and adds a track from the library search.
        var host = ann.Page;
        await host.GotoAsync("/listen");
        await host.GetByRole(AriaRole.Button, new() { Name = "Start a session" }).ClickAsync();
        await host.WaitForURLAsync(SessionUrl(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "Listening with ann" })).ToBeVisibleAsync();
        await AddAsync(host, "chord progression", "Add chord progression");
        await ExplainedAsync(ann, () => Expect(host.Locator("#listen-queue .queue-item")).ToHaveCountAsync(1));
        var code = (await host.GetByTestId("invite-code").InnerTextAsync()).Trim();

        // Bob joins by code and sees the same queue; the manage controls are not his.
        var guest = bob.Page;
        await guest.GotoAsync("/listen");
        await guest.GetByLabel("Invite code").FillAsync(code);
        await guest.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await guest.WaitForURLAsync(SessionUrl(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(guest.Locator("#listen-queue .queue-item")).ToHaveCountAsync(1);
        await Expect(guest.GetByRole(AriaRole.Button, new() { Name = "End session" })).ToHaveCountAsync(0);
        await Expect(guest.Locator("#listen-now").GetByRole(AriaRole.Button, new() { Name = "Play" })).ToBeDisabledAsync();
        await Expect(host.Locator("#listen-members")).ToContainTextAsync("bob");

        // Bob's add becomes a request: waiting for him, Approve for Ann; approved, both queues have it.
        await AddAsync(guest, "Morning Chord", "Add Morning Chord");
        await Expect(guest.Locator("#listen-requests")).ToContainTextAsync("waiting for approval");
        var request = host.Locator("#listen-requests .listen-request", new() { HasText = "Morning Chord" });
        await Expect(request).ToContainTextAsync("waiting for approval");
        await request.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        foreach (var page in new[] { host, guest })
        {
            await Expect(page.Locator("#listen-queue .queue-item")).ToHaveCountAsync(2);
            await Expect(page.Locator("#listen-queue")).ToContainTextAsync("Morning Chord");
            await Expect(page.Locator("#listen-requests")).ToContainTextAsync("approved");
        }

        // Play: both pages' audio plays the first track where the session says it is.
        await host.Locator("#listen-now").GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        foreach (var page in new[] { host, guest })
        {
            await Expect(page.Locator("#player-title")).ToHaveTextAsync("chord progression");
            await page.WaitForFunctionAsync("() => { const a = document.getElementById('player-audio'); return !a.paused && a.currentTime > 0.5; }");
        }
        await InStepAsync(host, guest);

        // Seek to the middle of the track: both follow.
        // The middle of the track, on the slider's step (a range input refuses a value off its step).
        var step = int.Parse(await host.Locator("#listen-seek").GetAttributeAsync("step") ?? "1", CultureInfo.InvariantCulture);
        var target = int.Parse(await host.Locator("#listen-seek").GetAttributeAsync("max") ?? "0", CultureInfo.InvariantCulture) / 2 / step * step;
        Assert.True(target > 1000, "the current track's duration should be known");
        await host.Locator("#listen-seek").FillAsync(target.ToString(CultureInfo.InvariantCulture));
        foreach (var page in new[] { host, guest })
        {
            await page.WaitForFunctionAsync("(t) => { const a = document.getElementById('player-audio'); return !a.paused && a.currentTime * 1000 > t - 300; }", target);
        }
        await InStepAsync(host, guest);
        await Screenshots(ann, "listen-host");
        await Screenshots(bob, "listen-guest");

        // Bob moves around Meurs: his player keeps following the session, whose socket lives in the player bar. Ann
        // skips to the next track; Bob's bar, away from the session page, plays it in step with hers.
        await guest.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true }).ClickAsync();
        await Expect(guest.Locator("#listen")).ToHaveCountAsync(0);
        var back = guest.Locator("#player-session");
        await Expect(back).ToBeVisibleAsync();
        await Expect(guest.Locator("#player-next")).ToBeDisabledAsync(); // a guest without playback control, as on the page
        await host.Locator("#listen-now").GetByRole(AriaRole.Button, new() { Name = "Next track" }).ClickAsync();
        await Expect(guest.Locator("#player-title")).ToHaveTextAsync("Morning Chord");
        await InStepAsync(host, guest);
        await Screenshots(bob, "listen-guest-away");

        // The bar's link takes him back to the session page, which shows the track playing now.
        await back.ClickAsync();
        await guest.WaitForURLAsync(SessionUrl(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(guest.Locator("#listen-now")).ToContainTextAsync("Morning Chord");
        await Expect(back).ToBeHiddenAsync();

        // Away again when Ann ends the session: Bob's music stops there too.
        await guest.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true }).ClickAsync();
        await Expect(back).ToBeVisibleAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "End the session for everyone" }).ClickAsync();
        await guest.WaitForFunctionAsync("() => document.getElementById('player-audio').paused && !window.MeursListen.active && !document.getElementById('listen-link')");
        await Expect(back).ToBeHiddenAsync();

        Assert.True(ann.ConsoleErrors.IsEmpty, string.Join("\n", ann.ConsoleErrors));
        Assert.True(bob.ConsoleErrors.IsEmpty, string.Join("\n", bob.ConsoleErrors));
    }

    /// <summary>Runs <paramref name="check"/>; when it fails, says what the page shows in its status line and console.</summary>
    private static async Task ExplainedAsync(Person person, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (PlaywrightException ex)
        {
            var status = await person.Page.Locator("#listen-status").InnerTextAsync();
            throw new InvalidOperationException($"{person.Name}'s page says “{status}”; console: {string.Join(" | ", person.ConsoleErrors)}", ex);
        }
    }

    internal static async Task AddAsync(IPage page, string query, string button)
    {
        await page.GetByLabel("Add from the library").FillAsync(query);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).First.ClickAsync();
    }

    /// <summary>
    /// Each page's audio is within <see cref="ToleranceMs"/> of the expected position (the playback state advanced by the
    /// page's clock offset), and the two pages agree with each other. The players correct drift over a few hundred
    /// milliseconds, so each condition is awaited (converged), not sampled once.
    /// </summary>
    internal static async Task InStepAsync(IPage first, IPage second)
    {
        const string near = "(tolerance) => { const a = document.getElementById('player-audio'); const e = window.MeursListen && window.MeursListen.expectedMs();"
            + " return !a.paused && e !== null && Math.abs(a.currentTime * 1000 - e) < tolerance; }";
        foreach (var page in new[] { first, second })
        {
            await page.WaitForFunctionAsync(near, ToleranceMs, new() { Timeout = 15000 });
        }
        // The two pages against each other: each page's distance from its expected position, sampled at nearly the
        // same moment, and both expected positions taken from the same server state.
        const string sample = "() => { const a = document.getElementById('player-audio'); return [a.currentTime * 1000, window.MeursListen.expectedMs()]; }";
        var a = await first.EvaluateAsync<double[]>(sample);
        var b = await second.EvaluateAsync<double[]>(sample);
        Assert.True(Math.Abs(a[0] - a[1]) < ToleranceMs, $"first page at {a[0]:0} ms, expected {a[1]:0}");
        Assert.True(Math.Abs(b[0] - b[1]) < ToleranceMs, $"second page at {b[0]:0} ms, expected {b[1]:0}");
    }

    /// <summary>
    /// In a call with a listening session: <paramref name="host"/> presses Play on the session, both pages play
    /// <paramref name="title"/> in step, and each still receives the other's microphone while the music plays.
    /// </summary>
    internal static async Task PlayInStepHearingEachOtherAsync(MeursServer server, Person host, Person guest, string title)
    {
        await host.Page.Locator("#listen-now").GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        foreach (var page in new[] { host.Page, guest.Page })
        {
            await Expect(page.Locator("#player-title")).ToHaveTextAsync(title);
            await page.WaitForFunctionAsync("() => { const a = document.getElementById('player-audio'); return !a.paused && a.currentTime > 0.3; }");
        }
        await InStepAsync(host.Page, guest.Page);
        await CallStats.RisingAsync(server, host, guest.Name, "mic", "totalSamplesReceived");
        await CallStats.RisingAsync(server, guest, host.Name, "mic", "totalSamplesReceived");
        await InStepAsync(host.Page, guest.Page);
    }

    internal static async Task Screenshots(Person person, string name)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        var page = person.Page;
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + "-desktop.png"), FullPage = true, Caret = ScreenshotCaret.Initial });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + "-phone.png"), Caret = ScreenshotCaret.Initial });
        await page.SetViewportSizeAsync(1280, 900);
    }

    [GeneratedRegex("/listen/[0-9a-f]{32}$")]
    private static partial Regex SessionUrl();
}
