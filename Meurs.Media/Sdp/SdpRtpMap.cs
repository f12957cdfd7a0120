using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpRtpMap is a=rtpmap (RFC 8866 §6.6):
/// "a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]",
/// e.g. "111 opus/48000/2"; for audio the encoding parameter is the channel count.
/// </summary>
public sealed record SdpRtpMap
{
    /// <summary>The attribute name, "rtpmap".</summary>
    public const string AttributeName = "rtpmap";

    /// <summary>
    /// Creates an rtpmap.
    /// </summary>
    /// <param name="payloadType">RTP payload type, 0..127 (RFC 3550 §5.1).</param>
    /// <param name="encodingName">Encoding name, e.g. "opus", "VP8", "H264", "rtx"; case preserved.</param>
    /// <param name="clockRate">RTP clock rate in Hz, at least 1.</param>
    /// <param name="channels">Audio channel count 1..255, or null when not written.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    /// <exception cref="ArgumentException">encodingName is not a token or holds '/'.</exception>
    public SdpRtpMap(int payloadType, string encodingName, uint clockRate, int? channels = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)payloadType, 127u, nameof(payloadType));
        ArgumentOutOfRangeException.ThrowIfZero(clockRate);
        if (channels is { } c && (c < 1 || c > 255))
        {
            throw new ArgumentOutOfRangeException(nameof(channels));
        }

        if (SdpText.RequireToken(encodingName, nameof(encodingName)).Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("An encoding name cannot contain '/'.", nameof(encodingName));
        }

        PayloadType = payloadType;
        EncodingName = encodingName;
        ClockRate = clockRate;
        Channels = channels;
    }

    /// <summary>PayloadType is the RTP payload type number, 0..127.</summary>
    public int PayloadType { get; }

    /// <summary>EncodingName is the codec name as written; compare it case-insensitively.</summary>
    public string EncodingName { get; }

    /// <summary>ClockRate is the RTP timestamp rate in Hz.</summary>
    public uint ClockRate { get; }

    /// <summary>Channels is the audio channel count, or null when absent (meaning 1).</summary>
    public int? Channels { get; }

    /// <summary>
    /// TryParse reads the value of a=rtpmap.
    /// </summary>
    /// <param name="value">Text after "rtpmap:", e.g. "111 opus/48000/2".</param>
    /// <param name="result">The rtpmap, or null when false.</param>
    /// <returns>False unless the value is "pt name/rate[/channels]" with pt 0..127.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpRtpMap? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var pt)
            || !SdpText.NextToken(ref value, out var encoding)
            || SdpText.NextToken(ref value, out _)
            || !SdpText.TryParseInt32(pt, 0, 127, out var payloadType))
        {
            return false;
        }

        var slash = encoding.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var name = encoding[..slash];
        var rest = encoding[(slash + 1)..];
        var second = rest.IndexOf('/');
        var rate = second < 0 ? rest : rest[..second];
        int? channels = null;
        if (second >= 0)
        {
            if (!SdpText.TryParseInt32(rest[(second + 1)..], 1, 255, out var count))
            {
                return false;
            }

            channels = count;
        }

        if (!SdpText.IsToken(name) || !SdpText.TryParseUInt32(rate, out var clockRate) || clockRate == 0)
        {
            return false;
        }

        result = new SdpRtpMap(payloadType, name.ToString(), clockRate, channels);
        return true;
    }

    /// <summary>ToAttribute gives the a=rtpmap line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, e.g. "111 opus/48000/2".</summary>
    public override string ToString() => Channels is { } c
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{c}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}");
}
