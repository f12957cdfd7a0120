namespace Meurs.Media.Routing;

/// <summary>
/// RtpTimestampRewriter maps a Producer's 32-bit RTP timestamps (RFC 3550 §5.1) to one
/// Consumer's: a fixed offset modulo 2^32 while the source stays the same, and after
/// <see cref="Sync"/> a new offset chosen so that the Consumer's timeline advances by the wall
/// time that really passed, which keeps the receiver's jitter buffer and A/V sync steady.
/// </summary>
/// <remarks>
/// Times are passed in explicitly (a monotonic <see cref="TimeSpan"/> from any fixed origin, as
/// from <see cref="TimeProvider.GetElapsedTime(long)"/>) so that tests need no clock. Not
/// thread-safe; the <see cref="Router"/> calls it under its lock.
/// </remarks>
public sealed class RtpTimestampRewriter
{
    private const uint MaxJumpTicks = 1u << 30;

    private readonly uint initialOutput;
    private bool syncPending = true;
    private uint offset;
    private TimeSpan lastOutputAt;

    /// <summary>
    /// Creates a rewriter whose first output is <paramref name="initialOutput"/>.
    /// </summary>
    /// <param name="clockRate">The RTP clock rate in Hz: 90,000 for video, 48,000 for Opus
    /// (RFC 7587 §4.1).</param>
    /// <param name="initialOutput">The first output timestamp; RFC 3550 §5.1 says the initial
    /// value SHOULD be random.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clockRate"/> is not
    /// positive.</exception>
    public RtpTimestampRewriter(int clockRate, uint initialOutput)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ClockRate = clockRate;
        this.initialOutput = initialOutput;
    }

    /// <summary>
    /// ClockRate is the RTP clock rate in Hz.
    /// </summary>
    public int ClockRate { get; }

    /// <summary>
    /// HasOutput is true once a timestamp has been rewritten.
    /// </summary>
    public bool HasOutput { get; private set; }

    /// <summary>
    /// LastOutput is the newest output timestamp (by RFC 1982 serial comparison), valid when
    /// <see cref="HasOutput"/>; an RTCP sender report pairs it with <see cref="LastOutputAt"/>.
    /// </summary>
    public uint LastOutput { get; private set; }

    /// <summary>
    /// LastOutputAt is the time <see cref="LastOutput"/> was first produced.
    /// </summary>
    public TimeSpan LastOutputAt => lastOutputAt;

    /// <summary>
    /// Rewrite maps one input timestamp.
    /// </summary>
    /// <param name="input">The timestamp as the Producer sent it.</param>
    /// <param name="now">The current monotonic time.</param>
    /// <returns>
    /// <c>input + offset</c> modulo 2^32. Right after construction the offset makes the result
    /// the initial output; right after <see cref="Sync"/> it makes the result
    /// <see cref="LastOutput"/> + (now − <see cref="LastOutputAt"/>) × <see cref="ClockRate"/>,
    /// at least one tick later so that the new frame is never taken for the previous one and at
    /// most 2^30 ticks later so that it is never taken for an older one (RFC 1982).
    /// </returns>
    public uint Rewrite(uint input, TimeSpan now)
    {
        if (syncPending)
        {
            syncPending = false;
            uint target = initialOutput;
            if (HasOutput)
            {
                target = unchecked(LastOutput + ElapsedTicks(now - lastOutputAt));
            }

            offset = unchecked(target - input);
        }

        var output = unchecked(input + offset);
        if (!HasOutput || (int)(output - LastOutput) > 0)
        {
            LastOutput = output;
            lastOutputAt = now;
            HasOutput = true;
        }

        return output;
    }

    // Clamped to 1..2^30 ticks: a jump of 2^31 or more would read as going backwards (RFC 1982),
    // and 2^30 is still over 3 hours at 90 kHz.
    private uint ElapsedTicks(TimeSpan elapsed)
    {
        var ticks = Math.Max(0L, elapsed.Ticks);
        var whole = ticks / TimeSpan.TicksPerSecond;
        if (whole >= MaxJumpTicks / ClockRate)
        {
            return MaxJumpTicks;
        }

        var rtpTicks = (whole * ClockRate) + ((ticks % TimeSpan.TicksPerSecond) * ClockRate / TimeSpan.TicksPerSecond);
        return (uint)Math.Clamp(rtpTicks, 1L, MaxJumpTicks);
    }

    /// <summary>
    /// Sync makes the next <see cref="Rewrite"/> choose a new offset, for when the source's
    /// timeline changes (another Producer or simulcast layer).
    /// </summary>
    public void Sync() => syncPending = true;
}
