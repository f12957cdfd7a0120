using System.Diagnostics.CodeAnalysis;
namespace Meurs.Media.Sdp;

/// <summary>
/// SdpTiming is a t= line (RFC 8866 §5.9): "t=&lt;start-time&gt; &lt;stop-time&gt;" in NTP seconds;
/// "0 0" (the only value WebRTC uses) means a permanent session.
/// </summary>
/// <param name="StartTime">Start, NTP seconds, 0 for unbounded.</param>
/// <param name="StopTime">Stop, NTP seconds, 0 for unbounded.</param>
public sealed record SdpTiming(ulong StartTime, ulong StopTime)
{
    /// <summary>Permanent is "t=0 0".</summary>
    public static SdpTiming Permanent { get; } = new(0, 0);

    /// <summary>ToString gives the value of the t= line.</summary>
    public override string ToString() => $"{StartTime} {StopTime}";

    /// <summary>
    /// TryParse reads "start stop" as two unsigned decimals.
    /// </summary>
    /// <param name="value">Text after "t=".</param>
    /// <param name="result">The timing, or null when false.</param>
    /// <returns>False unless exactly two unsigned decimals are present.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpTiming? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var start)
            || !SdpText.NextToken(ref value, out var stop)
            || SdpText.NextToken(ref value, out _)
            || !SdpText.TryParseUInt64(start, out var startTime)
            || !SdpText.TryParseUInt64(stop, out var stopTime))
        {
            return false;
        }

        result = new SdpTiming(startTime, stopTime);
        return true;
    }
}
