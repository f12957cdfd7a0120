using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Hosting;

/// <summary>
/// A bodiless 404 or 403 becomes the styled status page, in the site's layout with its stylesheet and security headers,
/// for a browser opening a page; the JSON API gets problem details; htmx requests keep an empty body.
/// </summary>
public sealed class ErrorPagesTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/rooms/abcdefg/nothing/here")]
    [InlineData("/css/missing.css")]
    public async Task Get_UnknownAddress_Returns404StyledPage(string path)
    {
        using var visitor = factory.NewBrowser();

        var (response, html) = await visitor.GetHtmlAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertStyledPage(html, 404, "Page not found");
        Assert.Contains($"There is nothing at <code>{path}</code>", html, StringComparison.Ordinal);
        Assert.NotEmpty(response.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task Get_UnknownAddressSignedIn_ShowsTheLayoutWithTheUser()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await browser.GetHtmlAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertStyledPage(html, 404, "Page not found");
        Assert.Contains($"data-testid=\"signed-in-user\">{browser.UserName}<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AdminPageAsNonAdmin_Returns403StyledPage()
    {
        // Its own host, so the grant does not leak into other tests.
        using var host = MeursFactory.With();
        using var admin = await host.SignedUpAdminAsync("a");
        using var other = await host.SignedUpAsync("b");

        var (response, html) = await other.GetHtmlAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertStyledPage(html, 403, "Not open to you");
        Assert.Contains("for administrators", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/jobs")).StatusCode);
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/comuni/nothing/here")]
    public async Task Get_UnknownApiAddress_Returns404ProblemDetails(string path)
    {
        using var visitor = factory.NewBrowser();

        var response = await visitor.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Not Found", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Get_UnknownAddressFromHtmx_KeepsAnEmptyBody()
    {
        using var visitor = factory.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Add("HX-Request", "true");

        using var response = await visitor.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_StatusPageDirectly_IsItselfNotFound()
    {
        using var visitor = factory.NewBrowser();

        var (response, html) = await visitor.GetHtmlAsync("/error/403");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertStyledPage(html, 404, "Page not found");
    }

    [Fact]
    public async Task Get_ClosedRoom_KeepsTheRoomsOwnExplanation()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await browser.GetHtmlAsync("/rooms/zzzzzzz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Room not found", html, StringComparison.Ordinal);
        // Not the generic status page (its card carries the code; a presence dot's data-status is a word).
        Assert.DoesNotContain("data-status=\"404\"", html, StringComparison.Ordinal);
    }

    // The whole document (layout, stylesheet, navigation), not a bare message.
    private static void AssertStyledPage(string html, int status, string title)
    {
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/css/meurs.css\"", html, StringComparison.Ordinal);
        Assert.Contains("<nav aria-label=\"Main\">", html, StringComparison.Ordinal);
        Assert.Contains($"data-status=\"{status}\"><h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{title} · Meurs</title>", html, StringComparison.Ordinal);
    }
}
