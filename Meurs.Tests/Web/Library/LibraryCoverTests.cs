using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Library;

public sealed partial class LibraryCoverTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task GetCover_EmbeddedCover_ServesTheJpegWithCachingHeaders()
    {
        using var browser = await factory.SignedUpAsync();
        var url = await CoverUrlAsync(browser, TestLibrary.TaggedTitle);

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal((true, TimeSpan.FromDays(7)), (response.Headers.CacheControl!.Private, response.Headers.CacheControl.MaxAge));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task GetCover_WithMatchingIfNoneMatch_Returns304WithoutBody()
    {
        using var browser = await factory.SignedUpAsync();
        var url = await CoverUrlAsync(browser, TestLibrary.TaggedTitle);
        var etag = (await browser.GetAsync(url)).Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Equal((true, TimeSpan.FromDays(7)), (response.Headers.CacheControl!.Private, response.Headers.CacheControl.MaxAge));
    }

    [Fact]
    public async Task GetCover_WithOtherIfNoneMatch_ServesTheImage()
    {
        using var browser = await factory.SignedUpAsync();
        var url = await CoverUrlAsync(browser, TestLibrary.TaggedTitle);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000000000000000\""));

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetCover_FileWithoutCover_ServesAnEscapedSvgPlaceholderThatCaches()
    {
        using var browser = await factory.SignedUpAsync();
        var url = await CoverUrlAsync(browser, TestLibrary.AlphaTitle);

        var response = await browser.GetAsync(url);
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.Contains(">AS</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await browser.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public void Placeholder_TitleWithMarkup_IsEscaped()
    {
        var item = new Meurs.Web.Features.Library.MediaItem(Guid.NewGuid(), "music/x.mp3", Meurs.Web.Features.Library.MediaKind.Audio, "audio/mpeg",
            "<script>alert(1)</script> &", null, null, null, null, null, null);

        var svg = System.Text.Encoding.UTF8.GetString(Meurs.Web.Features.Library.LibraryCovers.Placeholder(item));

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains(">♪</text>", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/library/covers/00000000-0000-0000-0000-000000000000")]
    [InlineData("/library/covers/not-a-guid")]
    public async Task GetCover_UnknownId_Returns404(string url)
    {
        using var browser = await factory.SignedUpAsync();

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetCover_AsVisitor_IsRefused()
    {
        using var owner = await factory.SignedUpAsync();
        var url = await CoverUrlAsync(owner, TestLibrary.TaggedTitle);
        using var visitor = factory.NewBrowser();

        var response = await visitor.GetAsync(url);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("image/jpeg", response.Content.Headers.ContentType?.MediaType);
    }

    // The cover URL the home page shows next to the item titled `title`.
    private static async Task<string> CoverUrlAsync(TestBrowser browser, string title)
    {
        var html = (await browser.GetHtmlAsync("/?q=" + Uri.EscapeDataString(title))).Html;
        var match = TrackCover().Match(html);
        Assert.True(match.Success, "no track cover in " + html);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<img class=\"thumb\" src=\"([^\"]+)\"")]
    private static partial Regex TrackCover();
}
