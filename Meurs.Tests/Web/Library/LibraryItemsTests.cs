using System.Net;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Library;

public sealed class LibraryItemsTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task GetItems_WithQuery_ReturnsFragmentWithMatchingTitlesOnly()
    {
        using var browser = await factory.SignedUpAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/library/items?q=alpha");
        request.Headers.Add("HX-Request", "true");

        var response = await browser.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.StartsWith("<div id=\"library-list\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(TestLibrary.AlphaTitle, html, StringComparison.Ordinal);
        Assert.Contains("src=\"/media/music/alpha-song.wav\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.BetaTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.VideoTitle, html, StringComparison.Ordinal);
        Assert.Contains("1 item", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItems_QueryMatchingAFolderInOtherCase_ReturnsItsItems()
    {
        using var browser = await factory.SignedUpAsync();

        var html = await (await browser.GetAsync("/library/items?q=TONES")).Content.ReadAsStringAsync();

        Assert.Contains(TestLibrary.BetaTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.AlphaTitle, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItems_WithoutQuery_ListsEveryMediaFileButNotOthers()
    {
        using var browser = await factory.SignedUpAsync();

        var html = await (await browser.GetAsync("/library/items")).Content.ReadAsStringAsync();

        Assert.Contains(TestLibrary.AlphaTitle, html, StringComparison.Ordinal);
        Assert.Contains(TestLibrary.BetaTitle, html, StringComparison.Ordinal);
        Assert.Contains(TestLibrary.VideoTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain("notes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", html, StringComparison.Ordinal);
        Assert.Contains("3 items", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItems_NothingMatches_SaysSoWithTheQueryEscaped()
    {
        using var browser = await factory.SignedUpAsync();

        var html = await (await browser.GetAsync("/library/items?q=" + Uri.EscapeDataString("<b>zzz"))).Content.ReadAsStringAsync();

        Assert.Contains("Nothing matches", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;zzz", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>zzz", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItems_AsVisitor_IsRefused()
    {
        using var browser = factory.NewBrowser();

        var response = await browser.GetAsync("/library/items?q=alpha");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(TestLibrary.AlphaTitle, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHome_WithQuery_RendersFullPageFilteredList()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await browser.GetHtmlAsync("/?q=beta");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", html, StringComparison.Ordinal);
        Assert.Contains(TestLibrary.BetaTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.AlphaTitle, html, StringComparison.Ordinal);
    }
}
