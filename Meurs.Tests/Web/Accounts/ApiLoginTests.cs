using System.Globalization;
using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Accounts;

public sealed class ApiLoginTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task LogIn_RightPassword_Returns200WithBearerTokenExpiringIn30Days()
    {
        using var api = ApiClient.For(factory);
        var username = await NewAccountAsync(api);
        var before = DateTime.UtcNow;

        var response = await api.LogInAsync(username);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("bearer", response.Text("token_type"));
        Assert.Matches("^meurs_[A-Za-z0-9_-]{43}$", response.Text("access_token"));
        var expiresAt = response.Text("expires_at");
        Assert.EndsWith("Z", expiresAt, StringComparison.Ordinal);
        var expires = DateTime.Parse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(DateTimeKind.Utc, expires.Kind);
        Assert.InRange(expires, before.AddDays(30), DateTime.UtcNow.AddDays(30));
        Assert.Contains("no-store", response.Message.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIn_RightPassword_StoresATokenNamedApiLoginHoldingOnlyTheHash()
    {
        using var api = ApiClient.For(factory);
        var username = await NewAccountAsync(api);

        var secret = (await api.LogInAsync(username)).Text("access_token");

        var stored = await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.User!.UserName == username).ToListAsync());
        var token = Assert.Single(stored);
        Assert.Equal("api login", token.Name);
        Assert.Equal(AccessTokenSecret.Hash(secret), token.TokenHash);
        Assert.DoesNotContain(secret[AccessTokenSecret.Prefix.Length..], token.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIn_Twice_GivesTwoDifferentWorkingTokens()
    {
        using var api = ApiClient.For(factory);
        var username = await NewAccountAsync(api);

        var first = await api.TokenForAsync(username);
        var second = await api.TokenForAsync(username);

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", first)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", second)).Status);
    }

    [Fact]
    public async Task LogIn_NameInOtherCase_Succeeds()
    {
        using var api = ApiClient.For(factory);
        var username = await NewAccountAsync(api);

        var response = await api.LogInAsync(username.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task LogIn_WrongPassword_Returns401WithDetailAndIssuesNoToken()
    {
        using var api = ApiClient.For(factory);
        var username = await NewAccountAsync(api);

        var response = await api.LogInAsync(username, "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(CheckCredentials.Refusal, response.Detail);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AccessTokens.CountAsync(t => t.User!.UserName == username)));
    }

    [Fact]
    public async Task LogIn_UnknownUser_Returns401WithTheSameDetail()
    {
        using var api = ApiClient.For(factory);

        var response = await api.LogInAsync("nobody" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(CheckCredentials.Refusal, response.Detail);
    }

    [Fact]
    public async Task LogIn_AfterFiveWrongPasswords_RefusesEvenTheRightPasswordAsAnyFailure()
    {
        using var api = ApiClient.For(factory);
        var username = await NewAccountAsync(api);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.LogInAsync(username, "wrong password " + i)).Status);
        }

        var response = await api.LogInAsync(username);

        // Locked, but told exactly what an unknown name is told: a 423 would say the name exists.
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(CheckCredentials.Refusal, response.Detail);
        Assert.Null(response.Message.Headers.RetryAfter);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AccessTokens.CountAsync(t => t.User!.UserName == username)));
    }

    [Fact]
    public async Task LogIn_UnknownWrongPasswordAndLocked_AnswerTheSameStatusHeadersAndBody()
    {
        using var api = ApiClient.For(factory);
        var known = await NewAccountAsync(api);
        var locked = await NewAccountAsync(api);
        for (var i = 0; i < 5; i++)
        {
            await api.LogInAsync(locked, "wrong password " + i);
        }

        var answers = new[]
        {
            await api.LogInAsync("nobody" + Guid.NewGuid().ToString("N")[..8], "some password"),
            await api.LogInAsync(known, "some password"),
            await api.LogInAsync(locked, "some password"),
            await api.LogInAsync(locked, TestBrowser.DefaultPassword),
        };

        var shapes = answers.Select(a => (a.Status, a.Message.Content.Headers.ContentType?.ToString(), Comparable(a), string.Join(",", a.Message.Headers.Select(h => h.Key).Order()))).Distinct().ToList();
        var shape = Assert.Single(shapes);
        Assert.Equal(HttpStatusCode.Unauthorized, shape.Status);
    }

    [Fact]
    public async Task LogIn_UnknownWrongPasswordAndLocked_EachVerifyExactlyOnePasswordHash()
    {
        // "About the same time" made checkable without a clock: the time is the one password hash each case verifies.
        var hasher = new CountingPasswordHasher();
        using var host = MeursFactory.With(services => services.AddSingleton<IPasswordHasher<MeursUser>>(hasher));
        using var api = ApiClient.For(host);
        var known = await NewAccountAsync(api);
        var locked = await NewAccountAsync(api);
        for (var i = 0; i < 5; i++)
        {
            await api.LogInAsync(locked, "wrong password " + i);
        }

        foreach (var (name, password) in new[] { ("nobody" + Guid.NewGuid().ToString("N")[..8], "x-password"), (known, "x-password"), (locked, "x-password"), (locked, TestBrowser.DefaultPassword) })
        {
            var before = hasher.Verifications;
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.LogInAsync(name, password)).Status);
            Assert.True(hasher.Verifications - before == 1, $"{name}: {hasher.Verifications - before} hash verifications");
        }
    }

    [Fact]
    public async Task LogIn_FourWrongPasswords_StillAcceptsTheRightOne()
    {
        using var api = ApiClient.For(factory);
        var username = await NewAccountAsync(api);
        for (var i = 0; i < 4; i++)
        {
            await api.LogInAsync(username, "wrong password " + i);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync(username)).Status);
    }

    [Fact]
    public async Task LogIn_FailuresOnThePageAndTheApi_CountTogetherTowardsLockout()
    {
        using var api = ApiClient.For(factory);
        var username = await NewAccountAsync(api);
        using var browser = factory.NewBrowser();
        for (var i = 0; i < 3; i++)
        {
            await browser.LogInAsync(username, "wrong on the page " + i);
        }
        for (var i = 0; i < 2; i++)
        {
            await api.LogInAsync(username, "wrong in the api " + i);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.LogInAsync(username)).Status);
        var (page, html) = await browser.LogInAsync(username, TestBrowser.DefaultPassword);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(CheckCredentials.Refusal, TestBrowser.Errors(html));
        Assert.False(browser.HasAuthCookie);
    }

    [Theory]
    [InlineData("{}", "'username' is required. 'password' is required.")]
    [InlineData("{\"username\": \"someone\"}", "'password' is required.")]
    [InlineData("{\"username\": 1, \"password\": \"x\"}", "'username' must be a string.")]
    [InlineData("{\"username\": \"someone\", \"password\": false}", "'password' must be a string.")]
    [InlineData("[]", "The body must be a JSON object")]
    [InlineData("not json", "The body is not valid JSON.")]
    [InlineData("{\"username\": \"\", \"password\": \"\"}", "Enter a username and a password.")]
    [InlineData("{\"username\": \"   \", \"password\": \"x\"}", "Enter a username and a password.")]
    public async Task LogIn_MalformedBody_Returns400SayingWhat(string body, string expected)
    {
        using var api = ApiClient.For(factory);

        var response = await api.PostAsync("/api/auth/login", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith(expected, response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(33, 8)]
    [InlineData(8, 129)]
    public async Task LogIn_TooLongUsernameOrPassword_Returns400WithoutCheckingIt(int usernameLength, int passwordLength)
    {
        using var api = ApiClient.For(factory);

        var response = await api.LogInAsync(new string('a', usernameLength), new string('b', passwordLength));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("at most", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIn_WithConfiguredLifetime_TokenExpiresThen()
    {
        using var configured = MeursFactory.With(settings: new Dictionary<string, string?> { ["AccessTokens:DefaultLifetime"] = "2.00:00:00" });
        using var api = ApiClient.For(configured);
        var (_, token) = await api.NewAccountWithTokenAsync();

        var hash = AccessTokenSecret.Hash(token);
        var expires = await configured.WithDbAsync(db => db.AccessTokens.Where(t => t.TokenHash == hash).Select(t => t.ExpiresAt).SingleAsync());

        Assert.InRange(expires, DateTime.UtcNow.AddDays(2).AddMinutes(-1), DateTime.UtcNow.AddDays(2));
    }

    [Fact]
    public void Start_WithLifetimeOverAYear_FailsOptionsValidation()
    {
        using var configured = MeursFactory.With(settings: new Dictionary<string, string?> { ["AccessTokens:DefaultLifetime"] = "400.00:00:00" });

        var error = Assert.ThrowsAny<Exception>(() => configured.Services);

        Assert.Contains("AccessTokens:DefaultLifetime", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/auth/login")]
    [InlineData("/api/auth/register")]
    public async Task Post_LoneSurrogateInAField_Returns400ProblemDetails(string path)
    {
        using var api = ApiClient.For(factory);

        var response = await api.PostAsync(path, "{\"username\": \"a\\ud800b\", \"password\": \"correct horse battery\"}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid Unicode", response.Detail, StringComparison.Ordinal);
    }

    // The problem document without its per-request trace id.
    private static string Comparable(ApiResponse answer)
    {
        var fields = answer.Json!.Value.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.Name + "=" + p.Value.GetRawText());
        return string.Join(";", fields.Order());
    }

    private static async Task<string> NewAccountAsync(ApiClient api)
    {
        var username = "l" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterAsync(username)).Status);
        return username;
    }
}

/// <summary>Identity's own hasher, counting how many hashes it verifies.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<MeursUser>
{
    private readonly PasswordHasher<MeursUser> inner = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(MeursUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(MeursUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
