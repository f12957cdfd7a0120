using System.Net;
using System.Net.Http.Json;
using Meurs.Tests.Web.Cli;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Accounts;

/// <summary>
/// Logging in and signing up are limited per client address: past the burst the answer is 429 with Retry-After and
/// nothing is checked or created. The address is the one a known proxy forwarded (real Kestrel on loopback, which is
/// the default known proxy), so two clients behind Caddy do not share a bucket.
/// </summary>
public sealed class SignInRateLimitTests
{
    private static readonly Dictionary<string, string?> Tight = new()
    {
        ["SignInLimits:LoginBurst"] = "3",
        ["SignInLimits:LoginsPerMinute"] = "1",
        ["SignInLimits:SignUpBurst"] = "2",
        ["SignInLimits:SignUpsPerHour"] = "1",
    };

    [Fact]
    public async Task LogIn_PastTheBurst_Returns429WithRetryAfterForThatAddressOnly()
    {
        using var live = LiveServer.With(Tight);
        using var client = new HttpClient { BaseAddress = live.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await LogInAsync(client, "203.0.113.7");
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        using var refused = await LogInAsync(client, "203.0.113.7");
        using var otherClient = await LogInAsync(client, "203.0.113.8");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode);
    }

    [Fact]
    public async Task LogInPage_SharesTheBucketWithTheApi_AndViewingThePageIsFree()
    {
        using var host = MeursFactory.With(settings: Tight);
        using var api = ApiClient.For(host);
        using var browser = host.NewBrowser();
        for (var i = 0; i < 3; i++)
        {
            await api.LogInAsync("nobody", "some password");
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/login")).StatusCode);
        var token = await browser.TokenFromAsync("/login");
        var (page, _) = await browser.PostFormAsync("/login",
            [new("_handler", "login"), new("Input.Username", "nobody"), new("Input.Password", "some password"), new("__RequestVerificationToken", token)],
            tokenPage: null);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
    }

    [Fact]
    public async Task Register_PastTheBurst_Returns429AndCreatesNoAccount()
    {
        using var host = MeursFactory.With(settings: Tight);
        using var api = ApiClient.For(host);
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterAsync("rl" + Guid.NewGuid().ToString("N")[..8])).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterAsync("rl" + Guid.NewGuid().ToString("N")[..8])).Status);
        var name = "rl" + Guid.NewGuid().ToString("N")[..8];

        var refused = await api.RegisterAsync(name);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.NotNull(refused.Message.Headers.RetryAfter);
        var normalized = name.ToUpperInvariant();
        Assert.Equal(0, await host.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == normalized)));
    }

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = "nobody", password = "some password" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
