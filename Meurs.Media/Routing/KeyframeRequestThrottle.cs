namespace Meurs.Media.Routing;

/// <summary>
/// KeyframeRequestThrottle decides when the keyframe requests (PLI, RFC 4585 §6.3.1; FIR,
/// RFC 5104 §4.3.1) of all the subscribers of one Producer are forwarded to its sender: at most
/// once per <see cref="Interval"/>, with a request that arrives in the quiet period remembered and
/// sent when the period ends, unless a keyframe arrives first and makes it moot.
/// </summary>
/// <remarks>
/// <para>
/// A keyframe costs several times a delta frame, and every subscriber that joins, resumes or
/// loses packets asks for one; unthrottled, a room of N subscribers makes the sender encode up to
/// N keyframes at once. One keyframe serves every waiting subscriber, so the pending flag
/// collapses all the requests of a quiet period into one.
/// </para>
/// <para>
/// The default interval is 500 ms: short enough that someone joining sees video within about half
/// a second of the previous request, long enough to cap the sender at two extra keyframes a second.
/// (LiveKit throttles its lowest simulcast layer to 500 ms and the others to 1 s; Meurs uses one
/// value per Producer until it has layers.)
/// </para>
/// <para>
/// Times are passed in explicitly (a monotonic <see cref="TimeSpan"/> from any fixed origin).
/// Not thread-safe; the <see cref="Router"/> calls it under its lock.
/// </para>
/// </remarks>
public sealed class KeyframeRequestThrottle
{
    /// <summary>
    /// DefaultInterval is the default least time between two requests sent upstream: 500 ms.
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Creates a throttle with nothing sent and nothing pending.
    /// </summary>
    /// <param name="interval">The least time between two requests sent upstream; null for
    /// <see cref="DefaultInterval"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is
    /// negative.</exception>
    public KeyframeRequestThrottle(TimeSpan? interval = null)
    {
        Interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThan(Interval, TimeSpan.Zero, nameof(interval));
    }

    /// <summary>
    /// Interval is the least time between two requests sent upstream.
    /// </summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// IsPending is true when a request is waiting for the interval to end.
    /// </summary>
    public bool IsPending { get; private set; }

    /// <summary>
    /// LastSentAt is when a request was last sent upstream, or null if never.
    /// </summary>
    public TimeSpan? LastSentAt { get; private set; }

    /// <summary>
    /// DueAt is when the pending request may be sent (<see cref="Poll"/> returns true from then
    /// on), or null when nothing is pending.
    /// </summary>
    public TimeSpan? DueAt => IsPending ? LastSentAt + Interval : null;

    /// <summary>
    /// Request records a subscriber's keyframe request.
    /// </summary>
    /// <param name="now">The current monotonic time.</param>
    /// <returns>True when the caller must send a request upstream now; false when one went out
    /// less than <see cref="Interval"/> ago, in which case this one is pending.</returns>
    public bool Request(TimeSpan now)
    {
        if (LastSentAt is { } last && now - last < Interval)
        {
            IsPending = true;
            return false;
        }

        IsPending = false;
        LastSentAt = now;
        return true;
    }

    /// <summary>
    /// Poll sends the pending request once its interval has ended.
    /// </summary>
    /// <param name="now">The current monotonic time.</param>
    /// <returns>True when the caller must send a request upstream now (the pending flag is then
    /// cleared); false when nothing is pending or it is not yet due.</returns>
    public bool Poll(TimeSpan now)
    {
        if (!IsPending || now < DueAt)
        {
            return false;
        }

        IsPending = false;
        LastSentAt = now;
        return true;
    }

    /// <summary>
    /// OnKeyframe records that a keyframe arrived from the Producer, which answers every request
    /// made so far: the pending one is dropped.
    /// </summary>
    public void OnKeyframe() => IsPending = false;
}
