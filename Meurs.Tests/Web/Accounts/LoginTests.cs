using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;

namespace Meurs.Tests.Web.Accounts;

public sealed class LoginTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task LogIn_RightPassword_RedirectsHomeWithAuthCookie()
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.LogInAsync(name, TestBrowser.DefaultPassword);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
        Assert.Equal("/", Target(response));
        Assert.True(browser.HasAuthCookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task LogIn_RightPassword_ResponseDoesNotEchoThePassword()
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.LogInAsync(name, TestBrowser.DefaultPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(TestBrowser.DefaultPassword, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIn_WrongPassword_ResponseDoesNotEchoThePassword()
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();

        var (_, html) = await browser.LogInAsync(name, "wrong-but-secret-guess");

        Assert.DoesNotContain("wrong-but-secret-guess", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIn_WrongPassword_Returns400WithErrorAndNoCookie()
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.LogInAsync(name, "not the password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Wrong username or password", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.False(browser.HasAuthCookie);
    }

    [Fact]
    public async Task LogIn_UnknownUser_Returns400WithSameError()
    {
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.LogInAsync("nobody" + Guid.NewGuid().ToString("N")[..8], TestBrowser.DefaultPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Wrong username or password", TestBrowser.Errors(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIn_NameInOtherCase_Succeeds()
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.LogInAsync(name.ToUpperInvariant(), TestBrowser.DefaultPassword);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
    }

    [Fact]
    public async Task LogIn_AfterFiveWrongPasswords_RefusesRightPasswordLikeAnUnknownName()
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            var (wrong, _) = await browser.LogInAsync(name, "wrong password " + i);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var (response, html) = await browser.LogInAsync(name, TestBrowser.DefaultPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The same words an unknown name gets: the page must not say that this name exists.
        Assert.Equal(CheckCredentials.Refusal, TestBrowser.Errors(html));
        Assert.False(browser.HasAuthCookie);
    }

    [Fact]
    public async Task LogIn_FourWrongPasswords_StillAcceptsRightPassword()
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();
        for (var i = 0; i < 4; i++)
        {
            await browser.LogInAsync(name, "wrong password " + i);
        }

        var (response, html) = await browser.LogInAsync(name, TestBrowser.DefaultPassword);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
    }

    [Theory]
    [InlineData("/rooms", "/rooms")]
    [InlineData("/rooms/abcdefg", "/rooms/abcdefg")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public async Task LogIn_WithReturnUrl_RedirectsOnlyToLocalPaths(string returnUrl, string expected)
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.LogInAsync(name, TestBrowser.DefaultPassword, returnUrl);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
        var location = new Uri(MeursFactory.BaseAddress, response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal(expected, location.AbsolutePath);
    }

    [Theory]
    [InlineData("/\u3000/evil.example", "/%E3%80%80/evil.example")]
    [InlineData("/rooms/caf\u00e9?q=\u00fc", "/rooms/caf%C3%A9?q=%C3%BC")]
    [InlineData("/a b", "/a%20b")]
    public async Task LogIn_WithNonAsciiReturnUrl_RedirectsToItEncodedOnThisSite(string returnUrl, string expected)
    {
        var name = await NewAccountAsync();
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.LogInAsync(name, TestBrowser.DefaultPassword, returnUrl);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {TestBrowser.Errors(html)}");
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal(expected, new Uri(MeursFactory.BaseAddress, location).PathAndQuery);
        Assert.Equal("localhost", new Uri(MeursFactory.BaseAddress, location).Host);
        Assert.True(location.All(char.IsAscii), location);
    }

    [Fact]
    public async Task LogInPage_WithTheAttacksNonAsciiReturnUrl_Renders()
    {
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.GetHtmlAsync("/login?returnUrl=%2F%E3%80%80%2Fevil.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/signup?returnUrl=%2F%25E3%2580%2580%2Fevil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogOut_WithToken_EndsTheSession()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, _) = await browser.PostFormAsync("/logout", [], "/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", Target(response));
        var profile = await browser.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
    }

    private async Task<string> NewAccountAsync()
    {
        using var browser = await factory.SignedUpAsync("l");
        return browser.UserName;
    }

    private static string Target(HttpResponseMessage response) => new Uri(MeursFactory.BaseAddress, response.Headers.Location!).AbsolutePath;
}
