namespace Meurs.Media.Srtp;

/// <summary>
/// SrtcpStream is the per-SSRC SRTCP state: the next index to send and, for received streams,
/// the replay window over the 31-bit SRTCP index (RFC 3711 §3.4, §3.3.2).
/// </summary>
internal sealed class SrtcpStream
{
    /// <summary>MaxIndex is the largest SRTCP index; the E flag takes the 32nd bit.</summary>
    public const uint MaxIndex = 0x7FFF_FFFF;

    /// <summary>
    /// NextIndex starts at zero (RFC 3711 §3.4) and goes past <see cref="MaxIndex"/> only when
    /// the stream is exhausted and must be rekeyed.
    /// </summary>
    public ulong NextIndex { get; set; }

    public SrtpReplayWindow Window { get; } = new();
}
