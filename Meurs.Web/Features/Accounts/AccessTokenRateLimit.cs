using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// The per-token request limit: every request authenticated by a personal access token (the JSON API, JSON sockets,
/// file uploads and downloads by API clients) takes one from that token's bucket, which holds
/// <see cref="AccessTokensOptions.RequestBurst"/> and refills at <see cref="AccessTokensOptions.RequestsPerMinute"/>.
/// Over it the request is answered <c>429 Too Many Requests</c> with <c>Retry-After</c> (seconds) and
/// <c>{"detail": "..."}</c>, before any endpoint runs, so nothing is half done.
/// </summary>
/// <remarks>
/// Keyed by token rather than by user so one runaway script does not lock its owner's other clients out; browsers
/// (cookies) are not limited here: their costly actions (chat, room creation) have limits of their own.
/// </remarks>
public static class AccessTokenRateLimit
{
    /// <summary>Sets the app's global limiter to the per-token buckets. Needs authentication to have run first.</summary>
    public static void Configure(RateLimiterOptions limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Guid>(http => TokenIdOf(http) is { } tokenId
            ? RateLimitPartition.GetTokenBucketLimiter(tokenId, _ => Bucket(http.RequestServices.GetRequiredService<IOptions<AccessTokensOptions>>().Value))
            : RateLimitPartition.GetNoLimiter(Guid.Empty));
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await context.HttpContext.Response.WriteAsJsonAsync(
                new { detail = $"Too many requests with this token; retry in {retryAfter} s." }, cancellationToken);
        };
    }

    // Refilled every second (or, below 60 a minute, one at a time) rather than once a minute, so a client that was
    // slowed down recovers smoothly instead of in bursts.
    private static TokenBucketRateLimiterOptions Bucket(AccessTokensOptions options) => new()
    {
        TokenLimit = options.RequestBurst,
        TokensPerPeriod = Math.Max(1, options.RequestsPerMinute / 60),
        ReplenishmentPeriod = options.RequestsPerMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1.0 / options.RequestsPerMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static Guid? TokenIdOf(HttpContext http) =>
        http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true, Properties: { } properties }
        && properties.Items.TryGetValue(AccessTokenAuthenticationHandler.TokenIdItem, out var value)
        && Guid.TryParse(value, out var tokenId)
            ? tokenId
            : null;
}
