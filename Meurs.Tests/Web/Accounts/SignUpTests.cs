using System.Net;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Accounts;

public sealed class SignUpTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    public static TheoryData<string> BadUsernames => new()
    {
        "ab",                     // 2: too short
        new string('a', 33),      // 33: too long
        "a b",                    // space
        "é",                      // not ASCII (and short)
        "caf\u00e9",              // not ASCII, right length
        "bob/../x",               // '/'
        "<script>",               // markup
    };

    [Theory]
    [MemberData(nameof(BadUsernames))]
    public async Task SignUp_InvalidUsername_Returns400WithRuleAndCreatesNoUser(string username)
    {
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.SignUpAsync(username, TestBrowser.DefaultPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Username must be 3", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.False(browser.HasAuthCookie);
        Assert.Equal(0, await CountUsersAsync(username));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(32)]
    public async Task SignUp_UsernameAtEdgeLength_Succeeds(int length)
    {
        using var browser = factory.NewBrowser();
        var username = ("e" + length + "_" + Guid.NewGuid().ToString("N"))[..length];

        var (response, html) = await browser.SignUpAsync(username, TestBrowser.DefaultPassword);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
        Assert.Equal(1, await CountUsersAsync(username));
    }

    [Theory]
    [InlineData(7, "Password must be 8")]
    [InlineData(129, "Password must be 8")]
    public async Task SignUp_PasswordLengthOutOfRange_Returns400AndCreatesNoUser(int length, string expected)
    {
        using var browser = factory.NewBrowser();
        var username = NewName();
        var password = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        var (response, html) = await browser.SignUpAsync(username, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(username));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(128)]
    public async Task SignUp_PasswordAtEdgeLength_Succeeds(int length)
    {
        using var browser = factory.NewBrowser();
        var username = NewName();
        var password = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        var (response, html) = await browser.SignUpAsync(username, password);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
        Assert.Equal(1, await CountUsersAsync(username));
    }

    [Fact]
    public async Task SignUp_ConfirmationDiffers_Returns400AndCreatesNoUser()
    {
        using var browser = factory.NewBrowser();
        var username = NewName();

        var (response, html) = await browser.SignUpAsync(username, TestBrowser.DefaultPassword, TestBrowser.DefaultPassword + "x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The two passwords differ", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(username));
    }

    [Fact]
    public async Task SignUp_RefusedForm_DoesNotEchoThePassword()
    {
        using var browser = factory.NewBrowser();
        const string password = "do-not-echo-me-123";

        var (response, html) = await browser.SignUpAsync("a b", password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(password, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_ValidForm_ResponseDoesNotEchoThePassword()
    {
        using var browser = factory.NewBrowser();
        const string password = "echo-check-password-1";

        var (response, html) = await browser.SignUpAsync(NewName(), password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(password, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_SameNameInOtherCase_ReportsAlreadyTakenAndKeepsOneUser()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var first = factory.NewBrowser();
        using var second = factory.NewBrowser();
        await first.SignUpOkAsync("Alice" + suffix);

        var (response, html) = await second.SignUpAsync("alice" + suffix, TestBrowser.DefaultPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already taken", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.False(second.HasAuthCookie);
        Assert.Equal(1, await CountUsersAsync("ALICE" + suffix));
    }

    [Fact]
    public async Task SignUp_ValidForm_RedirectsSetsAuthCookieAndShowsProfile()
    {
        using var browser = factory.NewBrowser();
        var username = NewName();

        var (response, html) = await browser.SignUpAsync(username, TestBrowser.DefaultPassword);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
        Assert.Equal("/", new Uri(MeursFactory.BaseAddress, response.Headers.Location!).AbsolutePath);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("meurs.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.True(browser.HasAuthCookie);

        var (profile, profileHtml) = await browser.GetHtmlAsync("/profile");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains($"data-testid=\"profile-username\">{username}<", profileHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_ValidForm_StoresAHashNotThePassword()
    {
        using var browser = factory.NewBrowser();
        var username = NewName();

        await browser.SignUpOkAsync(username);

        var hash = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.PasswordHash).SingleAsync());
        Assert.False(string.IsNullOrEmpty(hash));
        Assert.DoesNotContain(TestBrowser.DefaultPassword, hash, StringComparison.Ordinal);
    }

    private static string NewName() => "s" + Guid.NewGuid().ToString("N")[..12];

    private Task<int> CountUsersAsync(string username)
    {
        var normalized = username.ToUpperInvariant();
        return factory.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == normalized));
    }
}
