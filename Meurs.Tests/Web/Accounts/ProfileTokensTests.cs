using System.Net;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Accounts;

/// <summary>The profile page's "Personal access tokens" section, driven through its real forms.</summary>
public sealed partial class ProfileTokensTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Profile_CreateToken_ShowsTheSecretOnceAndListsTheToken()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await CreateTokenAsync(browser, "laptop CLI", "7");

        Assert.True(response.StatusCode == HttpStatusCode.OK, TestBrowser.Errors(html));
        var secret = Assert.Single(SecretRegex().Matches(html)).Value;
        Assert.Contains("it will not be shown again", html, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.AccessTokens.SingleAsync(t => t.User!.UserName == browser.UserName));
        Assert.Equal("laptop CLI", stored.Name);
        Assert.Equal(AccessTokenSecret.Hash(secret), stored.TokenHash);
        Assert.Equal(TimeSpan.FromDays(7), stored.ExpiresAt - stored.CreatedAt);
        Assert.Equal("active", RowState(html, stored.Id));

        var (_, again) = await browser.GetHtmlAsync("/profile");
        Assert.DoesNotContain(secret, again, StringComparison.Ordinal);
        Assert.Empty(SecretRegex().Matches(again));
        Assert.Contains("laptop CLI", again, StringComparison.Ordinal);
        Assert.Equal("active", RowState(again, stored.Id));
    }

    [Fact]
    public async Task Profile_CreatedToken_AuthenticatesTheApiAsThisUser()
    {
        using var browser = await factory.SignedUpAsync();
        var (_, html) = await CreateTokenAsync(browser, "bot", "30");
        var secret = SecretRegex().Match(html).Value;
        using var api = ApiClient.For(factory);

        var me = await api.GetAsync("/api/users/me", secret);

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(browser.UserName, me.Text("username"));
    }

    [Fact]
    public async Task Profile_Page_OffersTheFormWithDefault30Days()
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await browser.GetHtmlAsync("/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Personal access tokens", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"token-name\">Token name</label>", html, StringComparison.Ordinal);
        Assert.Matches("id=\"token-days\"[^>]*value=\"30\"|value=\"30\"[^>]*id=\"token-days\"", html);
        Assert.Contains("You have no tokens yet.", html, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadCreateInputs => new()
    {
        { "", "30", "Give the token a name." },
        { "    ", "30", "Give the token a name." },
        { new string('n', 65), "30", "A token name is at most 64 characters." },
        { "ok", "0", "A token lasts 1 to 365 days." },
        { "ok", "366", "A token lasts 1 to 365 days." },
        { "ok", "-1", "A token lasts 1 to 365 days." },
        { "ok", "abc", "A token lasts 1 to 365 days." },
        { "ok", "", "A token lasts 1 to 365 days." },
        { "ok", "7.5", "A token lasts 1 to 365 days." },
        { "ok", "99999999999", "A token lasts 1 to 365 days." },
    };

    [Theory]
    [MemberData(nameof(BadCreateInputs))]
    public async Task Profile_CreateTokenWithBadInput_Returns400WithTheErrorAndCreatesNothing(string name, string days, string expected)
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await CreateTokenAsync(browser, name, days);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Empty(SecretRegex().Matches(html));
        Assert.Equal(0, await CountTokensAsync(browser));
    }

    [Theory]
    [InlineData("64", 64)]
    [InlineData("1", 1)]
    [InlineData("365", 365)]
    public async Task Profile_CreateTokenAtTheEdges_Succeeds(string days, int expectedDays)
    {
        using var browser = await factory.SignedUpAsync();

        var (response, html) = await CreateTokenAsync(browser, new string('n', 64), days);

        Assert.True(response.StatusCode == HttpStatusCode.OK, TestBrowser.Errors(html));
        var stored = await factory.WithDbAsync(db => db.AccessTokens.SingleAsync(t => t.User!.UserName == browser.UserName));
        Assert.Equal(TimeSpan.FromDays(expectedDays), stored.ExpiresAt - stored.CreatedAt);
    }

    [Fact]
    public async Task Profile_RevokeOwnToken_ShowsItRevokedAndTheApiRefusesIt()
    {
        using var browser = await factory.SignedUpAsync();
        var (_, created) = await CreateTokenAsync(browser, "old laptop", "30");
        var secret = SecretRegex().Match(created).Value;
        var tokenId = await TokenIdAsync(secret);

        var (response, html) = await RevokeAsync(browser, tokenId.ToString());

        Assert.True(response.StatusCode == HttpStatusCode.OK, TestBrowser.Errors(html));
        Assert.Contains("Token “old laptop” revoked.", html, StringComparison.Ordinal);
        Assert.Equal("revoked", RowState(html, tokenId));
        Assert.DoesNotContain($"value=\"{tokenId}\"", html, StringComparison.Ordinal);
        using var api = ApiClient.For(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/users/me", secret)).Status);
    }

    [Fact]
    public async Task Profile_RevokeAnotherUsersToken_Returns404AndChangesNothing()
    {
        using var owner = await factory.SignedUpAsync();
        var (_, created) = await CreateTokenAsync(owner, "mine", "30");
        var secret = SecretRegex().Match(created).Value;
        var tokenId = await TokenIdAsync(secret);
        using var attacker = await factory.SignedUpAsync();

        var (response, html) = await RevokeAsync(attacker, tokenId.ToString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("That token was not found among yours", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.Id == tokenId).Select(t => t.RevokedAt).SingleAsync()));
        using var api = ApiClient.For(factory);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", secret)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("1' OR '1'='1")]
    public async Task Profile_RevokeWithMalformedId_Returns400(string id)
    {
        using var browser = await factory.SignedUpAsync();
        await CreateTokenAsync(browser, "keep", "30");

        var (response, html) = await RevokeAsync(browser, id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose a token to revoke.", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AccessTokens.CountAsync(t => t.User!.UserName == browser.UserName && t.RevokedAt != null)));
    }

    [Fact]
    public async Task Profile_CreateTokenWithoutAntiforgery_Returns400AndCreatesNothing()
    {
        using var browser = await factory.SignedUpAsync();
        await browser.GetAsync("/profile");

        var (response, _) = await browser.PostFormAsync("/profile",
            [new("_handler", "create-token"), new("NewToken.Name", "csrf"), new("NewToken.Days", "30")], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountTokensAsync(browser));
    }

    [Fact]
    public async Task Profile_RevokeWithoutAntiforgery_Returns400AndTheTokenStaysActive()
    {
        using var browser = await factory.SignedUpAsync();
        var (_, created) = await CreateTokenAsync(browser, "keep", "30");
        var tokenId = await TokenIdAsync(SecretRegex().Match(created).Value);

        var (response, _) = await browser.PostFormAsync("/profile", [new("_handler", "revoke-token"), new("RevokeId", tokenId.ToString())], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.Id == tokenId).Select(t => t.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task Profile_TokenList_ShowsActiveExpiredRevokedAndLastUse()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var timed = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var browser = await timed.SignedUpAsync();
        using var api = ApiClient.For(timed);
        var shortLived = SecretRegex().Match((await CreateTokenAsync(browser, "short", "1")).Html).Value;
        var revoked = SecretRegex().Match((await CreateTokenAsync(browser, "revoked", "30")).Html).Value;
        var used = await api.TokenForAsync(browser.UserName);
        await api.GetAsync("/api/users/me", used);
        await RevokeAsync(browser, (await TokenIdAsync(revoked, timed)).ToString());
        clock.Advance(TimeSpan.FromDays(2));

        var (_, html) = await browser.GetHtmlAsync("/profile");

        Assert.Equal("expired", RowState(html, await TokenIdAsync(shortLived, timed)));
        Assert.Equal("revoked", RowState(html, await TokenIdAsync(revoked, timed)));
        var usedId = await TokenIdAsync(used, timed);
        Assert.Equal("active", RowState(html, usedId));
        var usedRow = Row(html, usedId);
        Assert.Contains("api login", usedRow, StringComparison.Ordinal);
        Assert.DoesNotContain("never", usedRow, StringComparison.Ordinal);
        Assert.Contains("never", Row(html, await TokenIdAsync(shortLived, timed)), StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"Revoke api login\"", usedRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_Page_EveryInputHasAVisibleLabelAndEveryButtonAName()
    {
        using var browser = await factory.SignedUpAsync();
        var (_, html) = await CreateTokenAsync(browser, "a11y", "30");

        var inputs = InputRegex().Matches(html).Select(m => m.Value).Where(i => !i.Contains("type=\"hidden\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(inputs);
        foreach (var input in inputs)
        {
            var id = IdRegex().Match(input);
            Assert.True(id.Success, "input without id: " + input);
            Assert.Contains($"<label for=\"{id.Groups[1].Value}\">", html, StringComparison.Ordinal);
        }
        var buttons = ButtonRegex().Matches(html);
        Assert.Contains(buttons, b => b.Groups[2].Value.Contains("Create token", StringComparison.Ordinal));
        foreach (Match button in buttons)
        {
            var ariaLabel = Regex.Match(button.Groups[1].Value, "aria-label=\"([^\"]+)\"").Groups[1].Value;
            var text = Regex.Replace(button.Groups[2].Value, "<[^>]+>", "");
            Assert.False(string.IsNullOrWhiteSpace(ariaLabel + text), "button without a name: " + button.Value);
        }
    }

    private static Task<(HttpResponseMessage Response, string Html)> CreateTokenAsync(TestBrowser browser, string name, string days) =>
        browser.PostFormAsync("/profile", [new("_handler", "create-token"), new("NewToken.Name", name), new("NewToken.Days", days)], "/profile");

    private static Task<(HttpResponseMessage Response, string Html)> RevokeAsync(TestBrowser browser, string id) =>
        browser.PostFormAsync("/profile", [new("_handler", "revoke-token"), new("RevokeId", id)], "/profile");

    private Task<int> CountTokensAsync(TestBrowser browser) =>
        factory.WithDbAsync(db => db.AccessTokens.CountAsync(t => t.User!.UserName == browser.UserName));

    private Task<Guid> TokenIdAsync(string secret, MeursFactory? host = null)
    {
        var hash = AccessTokenSecret.Hash(secret);
        return (host ?? factory).WithDbAsync(db => db.AccessTokens.Where(t => t.TokenHash == hash).Select(t => t.Id).SingleAsync());
    }

    private static string Row(string html, Guid tokenId)
    {
        var match = Regex.Match(html, $"<tr id=\"token-{tokenId}\"[^>]*>.*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for token {tokenId}");
        return match.Value;
    }

    private static string RowState(string html, Guid tokenId) =>
        Regex.Match(Row(html, tokenId), "data-state=\"([a-z]+)\"").Groups[1].Value;

    [GeneratedRegex("meurs_[A-Za-z0-9_-]{43}")]
    private static partial Regex SecretRegex();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputRegex();

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex IdRegex();

    [GeneratedRegex("<button\\b([^>]*)>(.*?)</button>", RegexOptions.Singleline)]
    private static partial Regex ButtonRegex();
}
