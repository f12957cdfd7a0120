using System.Globalization;
using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Accounts;

public sealed class ApiMeTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Me_ValidToken_ReturnsIdUsernameStatusAndCreatedAt()
    {
        using var api = ApiClient.For(factory);
        var (username, token) = await api.NewAccountWithTokenAsync();

        var response = await api.GetAsync("/api/users/me", token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var body = response.Json!.Value;
        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == username));
        Assert.Equal(user.Id, body.GetProperty("id").GetGuid());
        Assert.Equal(username, body.GetProperty("username").GetString());
        Assert.Equal("offline", body.GetProperty("status").GetString());
        var createdAt = body.GetProperty("created_at").GetString()!;
        Assert.EndsWith("Z", createdAt, StringComparison.Ordinal);
        Assert.Equal(user.CreatedAt, DateTime.Parse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        // The profile fields of issue 13 come after these (UsersApiTests).
        Assert.Equal(["id", "username", "status"], body.EnumerateObject().Select(p => p.Name).Take(3));
    }

    [Fact]
    public async Task Me_WhileTheUserHasAMeSocket_SaysOnline()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();
        await using var socket = await TestSocket.ConnectAsync(factory, "/ws/me", cookie: null, origin: null, authorization: "Bearer " + token);

        var deadline = DateTime.UtcNow + TestSocket.Patience;
        string? status;
        do
        {
            status = (await api.GetAsync("/api/users/me", token)).Text("status");
        }
        while (status != "online" && DateTime.UtcNow < deadline);

        Assert.Equal("online", status);
    }

    [Fact]
    public async Task Me_ValidToken_RecordsLastUsedAt()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();
        var hash = AccessTokenSecret.Hash(token);
        Assert.Null(await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.TokenHash == hash).Select(t => t.LastUsedAt).SingleAsync()));

        await api.GetAsync("/api/users/me", token);

        var lastUsed = await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.TokenHash == hash).Select(t => t.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);
        Assert.InRange(lastUsed.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow);
    }

    [Fact]
    public async Task Me_WithoutToken_Returns401WithBearerChallenge()
    {
        using var api = ApiClient.For(factory);

        var response = await api.GetAsync("/api/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Bearer", response.Message.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Authorization: Bearer", response.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadAuthorizations => new()
    {
        "Bearer",
        "Bearer ",
        "Bearer not-a-token",
        "Bearer meurs_",
        "Bearer meurs_" + new string('A', 43),             // well formed, never issued
        "Bearer meurs_" + new string('A', 42) + "=",      // padded base64 is not the format
        "Bearer meurs_" + new string('A', 44),             // one character too many
        "Bearer " + new string('A', 49),                   // right length, no prefix
    };

    [Theory]
    [MemberData(nameof(BadAuthorizations))]
    public async Task Me_BadToken_Returns401InvalidToken(string authorization)
    {
        using var api = ApiClient.For(factory);

        var response = await api.SendAsync(HttpMethod.Get, "/api/users/me", bearer: null, content: null, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Me_TokenWithSecretAlteredByOneCharacter_Returns401()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        var response = await api.GetAsync("/api/users/me", altered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("invalid_token", response.Message.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_TokenInTheQueryString_Returns401()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        foreach (var name in new[] { "access_token", "token", "bearer" })
        {
            var response = await api.GetAsync($"/api/users/me?{name}={Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        }
    }

    [Fact]
    public async Task Me_OnlyTheAuthCookie_Returns401()
    {
        using var browser = await factory.SignedUpAsync();

        var response = await browser.GetAsync("/api/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_RevokedToken_Returns401()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();
        var hash = AccessTokenSecret.Hash(token);
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.AccessTokens.SingleAsync(t => t.TokenHash == hash);
            stored.RevokedAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });

        var response = await api.GetAsync("/api/users/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Me_TokenPastItsExpiry_Returns401AndJustBeforeItWorks()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var timed = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var api = ApiClient.For(timed);
        var (_, token) = await api.NewAccountWithTokenAsync();

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", token)).Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/users/me", token)).Status);
    }

    [Fact]
    public async Task Me_UserLockedOut_Returns401UntilTheLockoutEnds()
    {
        using var api = ApiClient.For(factory);
        var (username, token) = await api.NewAccountWithTokenAsync();
        await SetLockoutEndAsync(username, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/users/me", token)).Status);

        await SetLockoutEndAsync(username, DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", token)).Status);
    }

    [Fact]
    public async Task Me_AfterFiveWrongApiLogins_ExistingTokenStopsWorking()
    {
        using var api = ApiClient.For(factory);
        var (username, token) = await api.NewAccountWithTokenAsync();
        for (var i = 0; i < 5; i++)
        {
            await api.LogInAsync(username, "wrong password " + i);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/users/me", token)).Status);
    }

    [Fact]
    public async Task LogOut_WithBearer_Returns204AndRevokesOnlyThatToken()
    {
        using var api = ApiClient.For(factory);
        var (username, first) = await api.NewAccountWithTokenAsync();
        var second = await api.TokenForAsync(username);

        var response = await api.PostAsync("/api/auth/logout", "", first);

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/users/me", first)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", second)).Status);
        var firstHash = AccessTokenSecret.Hash(first);
        Assert.NotNull(await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.TokenHash == firstHash).Select(t => t.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task LogOut_WithOnlyTheAuthCookie_Returns401AndChangesNothing()
    {
        using var browser = await factory.SignedUpAsync();
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == browser.UserName).Select(u => u.Id).SingleAsync());
        using var api = ApiClient.For(factory);
        var secret = await api.TokenForAsync(browser.UserName);

        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        var response = await browser.Client.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AccessTokens.CountAsync(t => t.UserId == userId && t.RevokedAt != null)));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", secret)).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
    }

    private Task<int> SetLockoutEndAsync(string username, DateTimeOffset end) =>
        factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == username);
            user.LockoutEnd = end;
            return await db.SaveChangesAsync();
        });
}
