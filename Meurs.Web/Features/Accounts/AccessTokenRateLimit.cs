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
            var retryAfter = RateLimits.SetRetryAfter(context.HttpContext.Response, RateLimits.RetryAfter(context.Lease));
            await context.HttpContext.Response.WriteAsJsonAsync(
                new { detail = $"Too many requests with this token; retry in {retryAfter} s." }, cancellationToken);
        };
    }

    private static TokenBucketRateLimiterOptions Bucket(AccessTokensOptions options) =>
        RateLimits.Bucket(options.RequestBurst, options.RequestsPerMinute, TimeSpan.FromMinutes(1));

    private static Guid? TokenIdOf(HttpContext http) =>
        http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true, Properties: { } properties }
        && properties.Items.TryGetValue(AccessTokenAuthenticationHandler.TokenIdItem, out var value)
        && Guid.TryParse(value, out var tokenId)
            ? tokenId
            : null;
}
