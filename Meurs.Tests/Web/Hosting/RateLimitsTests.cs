using System.Threading.RateLimiting;
using Meurs.Web;
using Microsoft.AspNetCore.Http;

namespace Meurs.Tests.Web.Hosting;

/// <summary>The one way limits are set up: a burst, then a steady rate that refills smoothly, and an honest Retry-After.</summary>
public sealed class RateLimitsTests
{
    [Fact]
    public void Bucket_SlowRate_GivesOneTokenBackEachShareOfThePeriod()
    {
        var bucket = RateLimits.Bucket(burst: 10, count: 20, per: TimeSpan.FromHours(1));

        Assert.Equal(10, bucket.TokenLimit);
        Assert.Equal(1, bucket.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromMinutes(3), bucket.ReplenishmentPeriod);
        Assert.Equal(0, bucket.QueueLimit);
    }

    [Fact]
    public void Bucket_FastRate_RefillsEverySecondWithTheSecondsShare()
    {
        // 600 a minute is 10 a second: a 100 ms period would be under-filled by the partitioned limiters' 100 ms timer.
        var bucket = RateLimits.Bucket(burst: 5, count: 600, per: TimeSpan.FromMinutes(1));

        Assert.Equal(10, bucket.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.ReplenishmentPeriod);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Bucket_NothingAllowed_IsRefused(int burst, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RateLimits.Bucket(burst, count, TimeSpan.FromMinutes(1)));

    [Fact]
    public void PerKey_BurstSpent_RefusesThatKeyOnlyAndSaysHowLongToWait()
    {
        using var limiter = RateLimits.PerKey<string>(burst: 2, count: 1, per: TimeSpan.FromMinutes(1));

        Assert.True(RateLimits.TryAcquire(limiter, "a", out _));
        Assert.True(RateLimits.TryAcquire(limiter, "a", out _));
        Assert.False(RateLimits.TryAcquire(limiter, "a", out var wait));
        Assert.True(RateLimits.TryAcquire(limiter, "b", out _));
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.2, 1)]
    [InlineData(1.2, 2)]
    [InlineData(59.9, 60)]
    public void SetRetryAfter_WritesWholeSecondsRoundedUpAndNeverZero(double seconds, int expected)
    {
        var response = new DefaultHttpContext().Response;

        Assert.Equal(expected, RateLimits.SetRetryAfter(response, TimeSpan.FromSeconds(seconds)));
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.RetryAfter.ToString());
    }
}
