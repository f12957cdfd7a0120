using Meurs.Media.Rtcp;

namespace Meurs.Fuzz.Targets;

/// <summary>
/// RtcpTarget walks a compound packet (RFC 3550 §6.1; reduced size per RFC 5506) as the transport does, decodes each
/// packet into its typed form (SR, RR, SDES, BYE, NACK, TWCC, PLI, FIR, REMB or raw), and checks that what was decoded
/// writes back to bytes that decode again and then write the same: the writer's form is a fixed point.
/// </summary>
internal static class RtcpTarget
{
    /// <inheritdoc cref="FuzzAction"/>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var valid = RtcpCompoundReader.IsValid(input);
        var reader = new RtcpCompoundReader(input);
        var consumed = 0;
        while (reader.MoveNext())
        {
            var packet = reader.Current;
            consumed += packet.Data.Length;
            InvariantViolationException.Check(packet.Data.Length >= RtcpPacket.HeaderLength && consumed <= input.Length, "a packet runs past the buffer");
            _ = packet.Payload.Length + packet.Count + packet.Length;
            if (RtcpPacketParser.TryParse(packet.Data, out var typed))
            {
                RoundTrip(typed);
            }
        }

        InvariantViolationException.Check(valid == (input.Length > 0 && !reader.IsMalformed && consumed == input.Length), "IsValid disagrees with the walk");
    }

    private static void RoundTrip(IRtcpPacket typed)
    {
        var length = typed.GetLength();
        if (length < 0)
        {
            return;
        }

        var first = RtcpCompoundWriter.Write(typed);
        InvariantViolationException.Check(first.Length == length, $"{typed.GetType().Name} wrote {first.Length} bytes, not the {length} it announced");
        if (!RtcpPacketParser.TryParse(first, out var again))
        {
            throw new InvariantViolationException($"{typed.GetType().Name} writes what it cannot read back");
        }

        InvariantViolationException.Check(again.GetType() == typed.GetType(), $"{typed.GetType().Name} reads back as {again.GetType().Name}");
        var second = RtcpCompoundWriter.Write(again);
        InvariantViolationException.Check(second.AsSpan().SequenceEqual(first), $"{typed.GetType().Name} does not round-trip");
    }
}
