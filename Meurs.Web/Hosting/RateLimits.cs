using System.Globalization;
using System.Threading.RateLimiting;

namespace Meurs.Web;

/// <summary>
/// The one way Meurs sets up a rate limit (System.Threading.RateLimiting token buckets) and tells a client how long to
/// wait: chat, room creation, uploads, call messages, access tokens and sign-in all use it.
/// </summary>
public static class RateLimits
{
    /// <summary>
    /// A token bucket that allows <paramref name="burst"/> at once and then <paramref name="count"/> per
    /// <paramref name="per"/>, never queueing. Tokens come back smoothly (one each <paramref name="per"/> ÷
    /// <paramref name="count"/>), or in per-second batches above one a second, since the partitioned limiters
    /// replenish on a 100 ms timer and would under-fill shorter periods.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="burst"/> or <paramref name="count"/> is below 1, or <paramref name="per"/> is not positive.</exception>
    public static TokenBucketRateLimiterOptions Bucket(int burst, int count, TimeSpan per)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(per, TimeSpan.Zero);
        var perSecond = count / per.TotalSeconds;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond > 1 ? (int)Math.Ceiling(perSecond) : 1,
            ReplenishmentPeriod = perSecond > 1 ? TimeSpan.FromSeconds(1) : per / count,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>One limiter per key (a user, an address), each a <see cref="Bucket"/>.</summary>
    public static PartitionedRateLimiter<TKey> PerKey<TKey>(int burst, int count, TimeSpan per) where TKey : notnull
    {
        var bucket = Bucket(burst, count, per);
        return PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));
    }

    /// <summary>
    /// Takes one permit for <paramref name="key"/>. False when over the limit, with how long until one comes back
    /// (zero when the limiter does not say).
    /// </summary>
    public static bool TryAcquire<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        using var lease = limiter.AttemptAcquire(key);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero : RetryAfter(lease);
        return lease.IsAcquired;
    }

    /// <summary>How long a refused lease says to wait, or zero.</summary>
    public static TimeSpan RetryAfter(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
    }

    /// <summary>A wait in whole seconds, rounded up, at least <paramref name="atLeast"/> (a zero wait says "now", which a client would hammer).</summary>
    public static int Seconds(TimeSpan wait, int atLeast = 1) => Math.Max(atLeast, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Sets <c>Retry-After</c> (RFC 9110 §10.2.3, in seconds) and returns the seconds written.</summary>
    public static int SetRetryAfter(HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = Seconds(wait);
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
