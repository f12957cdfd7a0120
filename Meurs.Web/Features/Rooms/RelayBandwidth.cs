using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Direct-transfer bandwidth per sender: a token bucket in bytes per person (all their sockets and rooms together) that
/// holds <see cref="RoomsOptions.RelayBurstBytes"/> and refills at <see cref="RoomsOptions.RelayBytesPerSecond"/>, on the
/// app's <see cref="TimeProvider"/>. A sender past it is slowed down, not refused: <see cref="Reserve"/> says how long to
/// wait before the frame goes out, and the sender's socket is not read meanwhile, so TCP pushes back on the sender alone.
/// </summary>
public sealed class RelayBandwidth(IOptions<RoomsOptions> options, TimeProvider time)
{
    private readonly Dictionary<Guid, Bucket> buckets = [];
    private long throttled;

    /// <summary>Frames that had to wait for the sender's bucket so far (for operators and tests).</summary>
    public long ThrottledFrames => Interlocked.Read(ref throttled);

    /// <summary>
    /// Takes <paramref name="bytes"/> from <paramref name="sender"/>'s bucket, which may go into debt, and returns how long
    /// the frame must wait so the sender stays within the rate: zero while the burst lasts.
    /// </summary>
    public TimeSpan Reserve(Guid sender, long bytes)
    {
        var rate = Math.Max(1, options.Value.RelayBytesPerSecond);
        var burst = Math.Max(1, options.Value.RelayBurstBytes);
        var now = time.GetTimestamp();
        lock (buckets)
        {
            if (!buckets.TryGetValue(sender, out var bucket))
            {
                buckets[sender] = bucket = new Bucket { Tokens = burst, At = now };
            }
            bucket.Tokens = Math.Min(burst, bucket.Tokens + time.GetElapsedTime(bucket.At, now).TotalSeconds * rate);
            bucket.At = now;
            bucket.Tokens -= bytes;
            if (bucket.Tokens >= 0)
            {
                return TimeSpan.Zero;
            }
            Interlocked.Increment(ref throttled);
            return TimeSpan.FromSeconds(-bucket.Tokens / rate);
        }
    }

    /// <summary>Drops <paramref name="sender"/>'s bucket if it is full again: a full bucket is the same as none, so nothing grows with people who once sent.</summary>
    public void ForgetIfIdle(Guid sender)
    {
        var burst = Math.Max(1, options.Value.RelayBurstBytes);
        var rate = Math.Max(1, options.Value.RelayBytesPerSecond);
        var now = time.GetTimestamp();
        lock (buckets)
        {
            if (buckets.TryGetValue(sender, out var bucket) && bucket.Tokens + time.GetElapsedTime(bucket.At, now).TotalSeconds * rate >= burst)
            {
                buckets.Remove(sender);
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long At { get; set; }
    }
}
