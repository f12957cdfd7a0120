using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// RtcpPacketParser decodes one RTCP packet into the matching typed packet, picking the parser by
/// packet type and, for feedback, by FMT.
/// </summary>
public static class RtcpPacketParser
{
    /// <summary>
    /// TryParse decodes one RTCP packet.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet, e.g. <see cref="RtcpPacket.Data"/> from <see cref="RtcpCompoundReader"/>.</param>
    /// <param name="result">A <see cref="SenderReport"/>, <see cref="ReceiverReport"/>,
    /// <see cref="SourceDescription"/>, <see cref="Goodbye"/>, <see cref="GenericNack"/>,
    /// <see cref="TransportWideCcFeedback"/>, <see cref="PictureLossIndication"/>,
    /// <see cref="FullIntraRequest"/>, <see cref="ReceiverEstimatedMaximumBitrate"/>, or an
    /// <see cref="RtcpRawPacket"/> for anything else well formed (including application layer
    /// feedback that is not REMB).</param>
    /// <returns>False when the packet is malformed for its type. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out IRtcpPacket? result)
    {
        result = null;
        if (!RtcpPacket.TryParse(packet, out var parsed))
        {
            return false;
        }

        bool ok;
        switch (parsed.PacketType, parsed.Count)
        {
            case (RtcpPacketType.SenderReport, _):
                ok = SenderReport.TryParse(packet, out var sr);
                result = sr;
                return ok;
            case (RtcpPacketType.ReceiverReport, _):
                ok = ReceiverReport.TryParse(packet, out var rr);
                result = rr;
                return ok;
            case (RtcpPacketType.SourceDescription, _):
                ok = SourceDescription.TryParse(packet, out var sdes);
                result = sdes;
                return ok;
            case (RtcpPacketType.Goodbye, _):
                ok = Goodbye.TryParse(packet, out var bye);
                result = bye;
                return ok;
            case (RtcpPacketType.TransportFeedback, GenericNack.Format):
                ok = GenericNack.TryParse(packet, out var nack);
                result = nack;
                return ok;
            case (RtcpPacketType.TransportFeedback, TransportWideCcFeedback.Format):
                ok = TransportWideCcFeedback.TryParse(packet, out var twcc);
                result = twcc;
                return ok;
            case (RtcpPacketType.PayloadFeedback, PictureLossIndication.Format):
                ok = PictureLossIndication.TryParse(packet, out var pli);
                result = pli;
                return ok;
            case (RtcpPacketType.PayloadFeedback, FullIntraRequest.Format):
                ok = FullIntraRequest.TryParse(packet, out var fir);
                result = fir;
                return ok;
            case (RtcpPacketType.PayloadFeedback, ReceiverEstimatedMaximumBitrate.Format)
                when ReceiverEstimatedMaximumBitrate.TryParse(packet, out var remb):
                result = remb;
                return true;
        }

        ok = RtcpRawPacket.TryParse(packet, out var raw);
        result = raw;
        return ok;
    }
}
