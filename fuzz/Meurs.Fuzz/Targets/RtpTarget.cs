using Meurs.Media.Rtp;

namespace Meurs.Fuzz.Targets;

/// <summary>
/// RtpTarget parses a packet (RFC 3550 §5.1), walks its header extensions (RFC 8285 one- and two-byte forms) and reads
/// each as every extension the SFU knows, asks the keyframe detectors about the payload, rewrites the header fields and
/// an extension in place as forwarding does, and checks that the writer gives back the same packet.
/// </summary>
internal static class RtpTarget
{
    /// <inheritdoc cref="FuzzAction"/>
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (!RtpPacket.TryParse(input, out var packet))
        {
            return;
        }

        InvariantViolationException.Check(
            packet.HeaderLength + packet.Payload.Length + packet.PaddingLength == input.Length, "header, payload and padding do not add up");
        for (var i = 0; i < packet.CsrcCount; i++)
        {
            _ = packet.GetCsrc(i);
        }

        byte? firstId = null;
        var extensions = packet.Extensions;
        while (extensions.MoveNext())
        {
            var element = extensions.Current;
            InvariantViolationException.Check(
                element.Offset >= 0 && element.Offset + element.Data.Length <= input.Length, "an extension element lies outside the packet");
            _ = AbsSendTimeExtension.TryRead(element.Data, out _);
            _ = AudioLevelExtension.TryRead(element.Data, out _, out _);
            _ = MidExtension.TryRead(element.Data, out _);
            _ = TransportSequenceNumberExtension.TryRead(element.Data, out _);
            _ = packet.TryGetExtension(element.Id, out _);
            firstId ??= element.Id;
        }

        foreach (var codec in Enum.GetValues<VideoCodec>())
        {
            _ = KeyframeDetector.IsKeyframe(codec, packet.Payload);
        }

        var header = packet.ToHeader();
        var rewritten = RtpPacketWriter.Write(header, packet.Payload, packet.PaddingLength);
        var padding = PaddingBytesDiffer(input, packet.PaddingLength) ? packet.PaddingLength : 0;
        InvariantViolationException.Check(
            rewritten.Length == input.Length && rewritten.AsSpan(..^padding).SequenceEqual(input[..^padding]),
            "the writer does not give back the parsed packet");

        var copy = input.ToArray();
        InvariantViolationException.Check(RtpPacket.SetSequenceNumber(copy, 1) && RtpPacket.SetTimestamp(copy, 2)
            && RtpPacket.SetSsrc(copy, 3) && RtpPacket.SetPayloadType(copy, 96) && RtpPacket.SetMarker(copy, true), "a parsed packet's header cannot be rewritten");
        if (firstId is { } id)
        {
            _ = RtpPacket.TrySetExtension(copy, id, [0x01, 0x02, 0x03]);
            _ = RtpPacket.TrySetExtension(copy, id, [0x04]);
            InvariantViolationException.Check(RtpPacket.TryParse(copy, out _), "rewriting an extension broke the packet");
        }
    }

    // The writer pads with zeros ending in the count (RFC 3550 §5.1); a received packet may pad with anything.
    private static bool PaddingBytesDiffer(ReadOnlySpan<byte> input, int paddingLength) =>
        paddingLength > 1 && input[^paddingLength..^1].ContainsAnyExcept((byte)0);
}
