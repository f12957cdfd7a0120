using System.Net;
using Meurs.Bench.Rooms;
using Microsoft.Playwright;

namespace Meurs.Bench.Listen;

/// <summary>
/// --chromium: real pages of Debian's Chromium (/usr/bin/chromium, or MEURS_CHROMIUM; Playwright never downloads a
/// browser) on the session page /listen/{id}, each signed in through the /login form in its own browser context, with
/// --autoplay-policy=no-user-gesture-required. Every <see cref="SampleMs"/> each page is asked, in one evaluation, for
/// its clock (performance.timeOrigin + performance.now(): the machine's clock, unshifted) and #player-audio's
/// currentTime, so the reading carries its own true time whatever the evaluation's round trip.
/// </summary>
internal sealed class ChromiumPages : IAsyncDisposable
{
    public const int SampleMs = 100;

    private const string Reading = "() => { const a = document.getElementById('player-audio'); return a ? [performance.timeOrigin + performance.now(), a.currentTime * 1000] : null; }";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly List<IBrowserContext> contexts = [];
    private readonly List<(IPage Page, ClientTrace Trace)> pages = [];

    private ChromiumPages(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public IReadOnlyList<ClientTrace> Traces => [.. pages.Select(p => p.Trace)];

    /// <summary>Opens one page per user name on the session page; null (and <paramref name="why"/>) when this build has no such page.</summary>
    public static async Task<ChromiumPages> OpenAsync(Uri baseAddress, IEnumerable<string> userNames, string sessionId)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MEURS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
        });
        var opened = new ChromiumPages(playwright, browser);
        try
        {
            foreach (var name in userNames)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
                opened.contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/login");
                await page.Locator("#login-username").FillAsync(name);
                await page.Locator("#login-password").FillAsync(MeursApi.Password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
                await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
                var response = await page.GotoAsync($"/listen/{sessionId}");
                if (response is null || response.Status != (int)HttpStatusCode.OK)
                {
                    throw new PageMissingException($"GET /listen/{sessionId} answered {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}: this build has no session page, so no Chromium figures.");
                }
                await page.Locator("#player-audio").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                opened.pages.Add((page, new ClientTrace(null)));
            }
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
        return opened;
    }

    /// <summary>Samples every page until cancelled.</summary>
    public Task SampleAsync(CancellationToken ct) => Task.WhenAll(pages.Select(p => Task.Run(async () =>
    {
        var next = TrueClock.NowMs();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var reading = await p.Page.EvaluateAsync<double[]?>(Reading);
                if (reading is [var at, var position])
                {
                    p.Trace.Samples.Add((at, position));
                }
                next += SampleMs;
                await TrueClock.WaitUntilAsync(next, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (PlaywrightException)
            {
                // A navigation or a closing page: try again at the next sample.
                next += SampleMs;
            }
        }
    }, CancellationToken.None)));

    /// <summary>Each page's element as it is now (paused, readyState, currentTime, playbackRate, src, error), for the progress log.</summary>
    public async Task<string[]> DescribeAsync()
    {
        var lines = new List<string>();
        foreach (var (page, _) in pages)
        {
            lines.Add(await page.EvaluateAsync<string>("() => { const a = document.getElementById('player-audio'); return a ? JSON.stringify({ paused: a.paused, readyState: a.readyState, currentTime: a.currentTime, rate: a.playbackRate, src: a.currentSrc, error: a.error && a.error.code, status: (document.getElementById('listen-status') || {}).textContent }) : 'no #player-audio'; }"));
        }
        return [.. lines];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        await browser.CloseAsync();
        playwright.Dispose();
    }
}

/// <summary>The build has no session page: --chromium is skipped with a note.</summary>
internal sealed class PageMissingException(string message) : Exception(message);
