using System.Net;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Accounts;

/// <summary>
/// The per-token request limit. The bucket is set to 3 with a refill of 1 a minute, so nothing refills while a test
/// runs and the counts below are exact.
/// </summary>
public sealed class AccessTokenRateLimitTests
{
    private static MeursFactory Limited() => MeursFactory.With(settings: new Dictionary<string, string?>
    {
        ["AccessTokens:RequestBurst"] = "3",
        ["AccessTokens:RequestsPerMinute"] = "1",
    });

    [Fact]
    public async Task Requests_PastTheBurst_Get429WithRetryAfterAndDetail()
    {
        using var factory = Limited();
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync("lim");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await api.GetAsync("/api/users/me", token)).Status);
        }
        var refused = await api.GetAsync("/api/users/me", token);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("Too many requests with this token; retry in 60 s.", refused.Detail);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Message.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task RefusedRequest_DoesNothing()
    {
        using var factory = Limited();
        using var api = ApiClient.For(factory);
        var (user, token) = await api.NewAccountWithTokenAsync("lim");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/comuni/rooms", "", token)).Status);
        }

        var refused = await api.PostAsync("/api/comuni/rooms", "", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Rooms.CountAsync(r => r.Owner!.UserName == user)));
    }

    [Fact]
    public async Task Limit_IsPerToken_AnotherTokenAndBrowsersAreUnaffected()
    {
        using var factory = Limited();
        using var api = ApiClient.For(factory);
        var (user, first) = await api.NewAccountWithTokenAsync("lim");
        var second = await api.TokenForAsync(user);
        using var browser = await factory.SignedUpAsync("web");
        for (var i = 0; i < 3; i++)
        {
            await api.GetAsync("/api/users/me", first);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.GetAsync("/api/users/me", first)).Status);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", second)).Status);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/rooms")).StatusCode);
        }
    }

    [Fact]
    public async Task BadTokens_AreRefused401NotCounted()
    {
        using var factory = Limited();
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync("lim");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/users/me", "meurs_" + new string('x', 43))).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", token)).Status);
    }

    [Theory]
    [InlineData("AccessTokens:RequestBurst", "0")]
    [InlineData("AccessTokens:RequestsPerMinute", "0")]
    public void Startup_UnusableLimit_Fails(string key, string value)
    {
        using var factory = MeursFactory.With(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("RequestsPerMinute at least 1", error.ToString(), StringComparison.Ordinal);
    }
}
