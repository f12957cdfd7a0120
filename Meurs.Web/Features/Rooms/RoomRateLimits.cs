using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Per-user limits on room activity (token buckets from System.Threading.RateLimiting): chat messages (default burst
/// 10, refilled at 60 a minute), room creation (default 20 an hour) and shared-file uploads (default burst 10, then 10 a
/// minute). Over a limit the caller is told so
/// (an error frame, a composer error, or 429); nothing is dropped silently.
/// </summary>
public sealed class RoomRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> chat;
    private readonly PartitionedRateLimiter<Guid> creation;
    private readonly PartitionedRateLimiter<Guid> uploads;

    /// <summary>Builds the limiters from <see cref="RoomsOptions"/>.</summary>
    public RoomRateLimits(IOptions<RoomsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        chat = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.ChatBurst,
            TokensPerPeriod = Math.Max(1, o.ChatPerMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        creation = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.CreationsPerHour,
            TokensPerPeriod = Math.Max(1, o.CreationsPerHour / 12),
            ReplenishmentPeriod = TimeSpan.FromMinutes(5),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        // One upload back each 60/n seconds, so a person slowed down recovers steadily rather than once a minute.
        uploads = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.SharedFileUploadBurst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / Math.Max(1, o.SharedFileUploadsPerMinute)),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>
    /// Takes one shared-file upload from <paramref name="userId"/>'s allowance; false when it is used up, with
    /// <paramref name="retryAfter"/> set to how long until the next upload is allowed (zero when the limiter does not say).
    /// </summary>
    public bool TryUpload(Guid userId, out TimeSpan retryAfter)
    {
        using var lease = uploads.AttemptAcquire(userId);
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    /// <summary>
    /// Takes one chat message from <paramref name="userId"/>'s allowance; false when it is used up, with
    /// <paramref name="retryAfter"/> set to how long until the next message is allowed (zero when the limiter does not say).
    /// </summary>
    public bool TryChat(Guid userId, out TimeSpan retryAfter)
    {
        using var lease = chat.AttemptAcquire(userId);
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    /// <summary>Takes one room creation from <paramref name="userId"/>'s allowance; false when it is used up.</summary>
    public bool TryCreateRoom(Guid userId)
    {
        using var lease = creation.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        chat.Dispose();
        creation.Dispose();
        uploads.Dispose();
    }
}
