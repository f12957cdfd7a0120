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
        chat = RateLimits.PerKey<Guid>(Math.Max(1, o.ChatBurst), Math.Max(1, o.ChatPerMinute), TimeSpan.FromMinutes(1));
        creation = RateLimits.PerKey<Guid>(Math.Max(1, o.CreationsPerHour), Math.Max(1, o.CreationsPerHour), TimeSpan.FromHours(1));
        uploads = RateLimits.PerKey<Guid>(Math.Max(1, o.SharedFileUploadBurst), Math.Max(1, o.SharedFileUploadsPerMinute), TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// Takes one shared-file upload from <paramref name="userId"/>'s allowance; false when it is used up, with
    /// <paramref name="retryAfter"/> set to how long until the next upload is allowed (zero when the limiter does not say).
    /// </summary>
    public bool TryUpload(Guid userId, out TimeSpan retryAfter) => RateLimits.TryAcquire(uploads, userId, out retryAfter);

    /// <summary>
    /// Takes one chat message from <paramref name="userId"/>'s allowance; false when it is used up, with
    /// <paramref name="retryAfter"/> set to how long until the next message is allowed (zero when the limiter does not say).
    /// </summary>
    public bool TryChat(Guid userId, out TimeSpan retryAfter) => RateLimits.TryAcquire(chat, userId, out retryAfter);

    /// <summary>Takes one room creation from <paramref name="userId"/>'s allowance; false when it is used up.</summary>
    public bool TryCreateRoom(Guid userId) => RateLimits.TryAcquire(creation, userId, out _);

    /// <inheritdoc />
    public void Dispose()
    {
        chat.Dispose();
        creation.Dispose();
        uploads.Dispose();
    }
}
