using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// PictureLossIndication is an RTCP PLI (RFC 4585 §6.3.1, PSFB PT 206 FMT 1): the receiver lost
/// part of a picture and asks the sender of <see cref="MediaSsrc"/> for a keyframe.
/// </summary>
public sealed class PictureLossIndication : IRtcpPacket
{
    /// <summary>Format is the FMT value of a PLI.</summary>
    public const int Format = 1;

    /// <summary>SenderSsrc is the SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; init; }

    /// <summary>MediaSsrc is the SSRC of the media source asked for a keyframe.</summary>
    public uint MediaSsrc { get; init; }

    /// <summary>
    /// TryParse reads one PLI.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet.</param>
    /// <param name="pli">The PLI on success.</param>
    /// <returns>False when the header is malformed or it is not PSFB FMT 1. A PLI has no FCI
    /// (§6.3.1); any is ignored. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out PictureLossIndication? pli)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|  FMT=1  |    PT=206     |          length=2             |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of packet sender                        |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of media source                         |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        pli = null;
        if (!RtcpHeader.TryParseFeedback(
                packet, RtcpPacketType.PayloadFeedback, Format, out var sender, out var media, out _))
        {
            return false;
        }

        pli = new PictureLossIndication { SenderSsrc = sender, MediaSsrc = media };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength() => RtcpHeader.FeedbackHeaderLength;

    /// <inheritdoc/>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < RtcpHeader.FeedbackHeaderLength)
        {
            return false;
        }

        RtcpHeader.WriteFeedback(
            destination, Format, RtcpPacketType.PayloadFeedback, RtcpHeader.FeedbackHeaderLength, SenderSsrc, MediaSsrc);
        written = RtcpHeader.FeedbackHeaderLength;
        return true;
    }
}
