using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Security;

public sealed class AccessTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/rooms")]
    [InlineData("/rooms/abcdefg")]
    [InlineData("/profile")]
    public async Task Get_PageNeedingUserAsVisitor_RedirectsToLoginWithReturnUrl(string path)
    {
        using var browser = factory.NewBrowser();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(MeursFactory.BaseAddress, response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal("/login", location.AbsolutePath);
        Assert.Equal("?returnUrl=" + Uri.EscapeDataString(path), location.Query);
    }

    [Theory]
    [InlineData("/about")]
    [InlineData("/games")]
    [InlineData("/login")]
    [InlineData("/signup")]
    public async Task Get_PublicPageAsVisitor_Returns200(string path)
    {
        using var browser = factory.NewBrowser();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_PageNeedingUserWhenSignedIn_Returns200()
    {
        using var browser = await factory.SignedUpAsync();

        foreach (var path in new[] { "/", "/rooms", "/profile" })
        {
            var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Get_Page_CarriesSecurityHeaders()
    {
        using var browser = factory.NewBrowser();

        var response = await browser.GetAsync("/about");

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Get_Health_Returns200WithStatusOk()
    {
        using var browser = factory.NewBrowser();

        var response = await browser.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
    }
}
