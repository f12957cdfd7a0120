using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// Per-client-address limits on logging in and signing up (<see cref="SignInLimitsOptions"/>): the login page's and
/// <c>POST /api/auth/login</c>'s attempts share one bucket per address, the sign-up page's and
/// <c>POST /api/auth/register</c>'s another. Only form posts and API calls count, never viewing the pages. The address is
/// the connection's, or the one a known proxy (Caddy) forwarded (<c>ProxyHosting</c> runs first). Over the limit the
/// answer is 429 with <c>Retry-After</c> (seconds) and a problem document, before anything is checked or created.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The policy name for login attempts.</summary>
    public const string LogInPolicy = "login";

    /// <summary>The policy name for account creation.</summary>
    public const string SignUpPolicy = "signup";

    /// <summary>Adds both policies to the app's rate limiter.</summary>
    public static void Configure(RateLimiterOptions limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.AddPolicy(LogInPolicy, new Policy(LogInPolicy, o => RateLimits.Bucket(o.LoginBurst, o.LoginsPerMinute, TimeSpan.FromMinutes(1))));
        limiter.AddPolicy(SignUpPolicy, new Policy(SignUpPolicy, o => RateLimits.Bucket(o.SignUpBurst, o.SignUpsPerHour, TimeSpan.FromHours(1))));
    }

    private sealed class Policy(string name, Func<SignInLimitsOptions, TokenBucketRateLimiterOptions> bucket) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            // A minute when the limiter does not say: sign-in buckets refill slowly.
            var wait = RateLimits.RetryAfter(context.Lease);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var retryAfter = RateLimits.SetRetryAfter(http.Response, wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1));
            await Results.Problem(
                detail: $"Too many attempts from your address; try again in {retryAfter} s.",
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            // The pages are also opened with GET; only submitting them (and the API's POSTs) counts.
            if (!HttpMethods.IsPost(httpContext.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            var options = httpContext.RequestServices.GetRequiredService<IOptionsMonitor<SignInLimitsOptions>>().CurrentValue;
            var address = httpContext.Connection.RemoteIpAddress is { } ip ? Normalize(ip) : "unknown";
            return RateLimitPartition.GetTokenBucketLimiter(name + " " + address, _ => bucket(options));
        }

        // An IPv4 client seen through a dual-stack socket is the same client as over IPv4.
        private static string Normalize(IPAddress ip) => (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }
}
