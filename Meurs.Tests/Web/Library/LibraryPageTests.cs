using System.Net;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Library;

public sealed class LibraryPageTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task GetHome_PlainRequest_ServesTheWholePageWithVary()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await browser.GetHtmlAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("id=\"library-filter\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"player\"", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"library-list\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHome_HtmxPartialRequest_ServesOnlyTheListWithVary()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await SendAsync(browser, "/?q=alpha", ("HX-Request", "true"), ("HX-Request-Type", "partial"), ("HX-Target", "div#library-list"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.StartsWith("<div id=\"library-list\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("id=\"player\"", html, StringComparison.Ordinal);
        Assert.Contains(TestLibrary.AlphaTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.BetaTitle, html, StringComparison.Ordinal);
        Assert.Contains("data-src=\"/media/music/alpha-song.wav\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHome_BoostedNavigation_ServesTheWholePage()
    {
        using var browser = await factory.SignedUpAsync();

        // htmx 4 marks a boosted link's request "full": it swaps the body, so it needs the page.
        var (response, html) = await SendAsync(browser, "/", ("HX-Request", "true"), ("HX-Boosted", "true"), ("HX-Request-Type", "full"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("id=\"player\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHome_ListsAlbumsArtistsTracksAndVideos()
    {
        using var browser = await factory.SignedUpAsync();

        var html = (await browser.GetHtmlAsync("/")).Html;

        Assert.Contains("<h2 id=\"albums-heading\">Albums</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"album-name\">" + TestLibrary.TaggedAlbum + "</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"artists-heading\">Artists</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">" + TestLibrary.TaggedArtist + "</a>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Play " + TestLibrary.TaggedTitle + "\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Play " + TestLibrary.VideoTitle + "\"", html, StringComparison.Ordinal);
        Assert.Contains("3 tracks · 1 video", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"duration\">0:05</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("notes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden.wav", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TEST TONES")]
    [InlineData("signal")]
    [InlineData("2026")]
    public async Task GetHome_FilterOnAnyTagField_KeepsOnlyTheTaggedTrack(string q)
    {
        using var browser = await factory.SignedUpAsync();

        var (_, html) = await SendAsync(browser, "/?q=" + Uri.EscapeDataString(q), ("HX-Request", "true"));

        Assert.Contains(TestLibrary.TaggedTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.AlphaTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.VideoTitle, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHome_NothingMatches_SaysSoWithTheQueryEscaped()
    {
        using var browser = await factory.SignedUpAsync();

        var (_, html) = await SendAsync(browser, "/?q=" + Uri.EscapeDataString("<b>zzz"), ("HX-Request", "true"));

        Assert.Contains("Nothing matches", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;zzz", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>zzz", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHome_FilterTooLong_Returns400OnPageAndFragment()
    {
        using var browser = await factory.SignedUpAsync();
        var url = "/?q=" + new string('x', 201);

        var (page, pageHtml) = await browser.GetHtmlAsync(url);
        var (fragment, _) = await SendAsync(browser, url, ("HX-Request", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("at most 200 characters", pageHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, fragment.StatusCode);
    }

    [Fact]
    public async Task GetHome_HtmxRequestAsVisitor_Returns401WithRedirectHeader()
    {
        using var browser = factory.NewBrowser();

        var (response, html) = await SendAsync(browser, "/?q=alpha", ("HX-Request", "true"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Relative: redirects are never built from the Host header (Hosting/ProxyHosting).
        Assert.StartsWith("/login?returnUrl=", response.Headers.GetValues("HX-Redirect").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.AlphaTitle, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHome_AsVisitor_RedirectsToLogin()
    {
        using var browser = factory.NewBrowser();

        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task GetOtherPage_HtmxPartialRequest_IsNotAffected()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await SendAsync(browser, "/rooms", ("HX-Request", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(HttpResponseMessage Response, string Html)> SendAsync(TestBrowser browser, string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        var response = await browser.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }
}
