using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Rtcp;
using Meurs.Tests.Media.Rtp;
using Meurs.Tests.Support;

namespace Meurs.Tests.Media.Rtcp;

public sealed class RtcpCompoundTests
{
    [Fact]
    public void Reader_RealCompound_EnumeratesSixPacketsAndDecodesThem()
    {
        var reader = new RtcpCompoundReader(RtcpSamples.RealCompound);
        var seen = new List<(RtcpPacketType, int, int, Type)>();
        var decoded = new List<IRtcpPacket>();

        while (reader.TryRead(out var packet))
        {
            Assert.True(RtcpPacketParser.TryParse(packet.Data, out var typed));
            seen.Add((packet.PacketType, packet.Count, packet.Data.Length, typed.GetType()));
            decoded.Add(typed);
        }

        Assert.False(reader.IsMalformed);
        Assert.Equal(
            [
                (RtcpPacketType.ReceiverReport, 1, 32, typeof(ReceiverReport)),
                (RtcpPacketType.SourceDescription, 1, 52, typeof(SourceDescription)),
                (RtcpPacketType.Goodbye, 1, 8, typeof(Goodbye)),
                (RtcpPacketType.PayloadFeedback, 1, 12, typeof(PictureLossIndication)),
                (RtcpPacketType.TransportFeedback, 5, 12, typeof(RtcpRawPacket)),
                (RtcpPacketType.ApplicationDefined, 0, 16, typeof(RtcpRawPacket)),
            ],
            seen);
        Assert.Equal(RtcpSamples.RealCompound, RtcpCompoundWriter.Write(decoded));
        Assert.True(RtcpCompoundReader.IsValid(RtcpSamples.RealCompound));
    }

    [Fact]
    public void Writer_EveryType_StacksIntoAValidCompound()
    {
        IRtcpPacket[] packets =
        [
            Parse(RtcpSamples.SenderReport), Parse(RtcpSamples.SourceDescription), Parse(RtcpSamples.Goodbye),
            Parse(RtcpSamples.Nack), Parse(RtcpSamples.Pli), Parse(RtcpSamples.Fir), Parse(RtcpSamples.ChromeRemb),
            Parse(RtcpSamples.ChromeTwccOnePacket), Parse(RtcpSamples.TwccTwoBitVector),
        ];

        var compound = RtcpCompoundWriter.Write(packets);

        byte[] expected =
        [
            .. RtcpSamples.SenderReport, .. RtcpSamples.SourceDescription, .. RtcpSamples.Goodbye,
            .. RtcpSamples.Nack, .. RtcpSamples.Pli, .. RtcpSamples.Fir, .. RtcpSamples.ChromeRemb,
            .. RtcpSamples.ChromeTwccOnePacket, .. RtcpSamples.TwccTwoBitVector,
        ];
        Assert.Equal(expected, compound);
        var reader = new RtcpCompoundReader(compound);
        var count = 0;
        foreach (var packet in reader)
        {
            Assert.Equal(packets[count].GetLength(), packet.Data.Length);
            count++;
        }

        Assert.Equal(packets.Length, count);
    }

    [Fact]
    public void Writer_TooSmallOrInvalid_WritesNothing()
    {
        var pli = Parse(RtcpSamples.Pli);

        Assert.False(RtcpCompoundWriter.TryWrite(new byte[23], [pli, pli], out var written));
        Assert.Equal(0, written);
        Assert.Equal(-1, RtcpCompoundWriter.GetLength([pli, new GenericNack()]));
        Assert.Throws<ArgumentException>(() => RtcpCompoundWriter.Write(pli, new GenericNack()));
    }

    [Fact]
    public void Reader_LengthPastEnd_StopsWithFailureAfterGoodPackets()
    {
        byte[] bytes =
        [
            .. RtcpSamples.Pli,
            0x81, 0xC9, 0x00, 0x64,                     // RR claiming 101 words ...
            0x00, 0x00, 0x00, 0x01,                     // ... with 4 bytes behind the header
        ];
        var reader = new RtcpCompoundReader(bytes);

        Assert.True(reader.MoveNext());
        Assert.Equal(RtcpPacketType.PayloadFeedback, reader.Current.PacketType);
        Assert.False(reader.MoveNext());
        Assert.True(reader.IsMalformed);
        Assert.False(reader.MoveNext());
        Assert.False(RtcpCompoundReader.IsValid(bytes));
        Assert.False(ReceiverReport.TryParse(bytes.AsSpan(12), out _));
    }

    [Fact]
    public void Reader_LengthJustPastEnd_Fails()
    {
        var bytes = RtcpSamples.Pli.ToArray();
        bytes[3] = 0x03; // 16 bytes claimed, 12 present

        Assert.False(RtcpPacket.TryReadFirst(bytes, out _));
        Assert.False(RtcpCompoundReader.IsValid(bytes));
        Assert.False(RtcpPacketParser.TryParse(bytes, out _));
    }

    [Fact]
    public void Reader_TrailingPartialHeader_IsMalformed()
    {
        byte[] bytes = [.. RtcpSamples.Pli, 0x81, 0xCE, 0x00];
        var reader = new RtcpCompoundReader(bytes);

        Assert.True(reader.MoveNext());
        Assert.False(reader.MoveNext());
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void Reader_ZeroLength_YieldsNothingAndIsNotValid()
    {
        var reader = new RtcpCompoundReader([]);

        Assert.False(reader.MoveNext());
        Assert.False(reader.IsMalformed);
        Assert.False(RtcpCompoundReader.IsValid([]));
        Assert.False(RtcpPacket.TryParse([], out _));
        Assert.False(RtcpPacketParser.TryParse(default, out _));
    }

    [Fact]
    public void Reader_HeaderOnlyPacket_HasEmptyPayload()
    {
        // Length 0 means one word: just the header. Valid framing, but no typed packet fits.
        byte[] bytes = [0x80, 0xC9, 0x00, 0x00];

        Assert.True(RtcpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.Payload.IsEmpty);
        Assert.False(ReceiverReport.TryParse(bytes, out _));
    }

    [Fact]
    public void Reader_VersionOtherThan2_IsMalformed()
    {
        var bytes = RtcpSamples.Pli.ToArray();
        bytes[0] = 0x41;

        Assert.False(RtcpCompoundReader.IsValid(bytes));
    }

    [Fact]
    public void Padding_CountZero_Fails()
    {
        var bytes = RtcpSamples.ChromeTwccOnePacket.ToArray();
        bytes[^1] = 0x00;

        Assert.False(RtcpPacket.TryParse(bytes, out _));
        Assert.False(TransportWideCcFeedback.TryParse(bytes, out _));
    }

    [Fact]
    public void Padding_LargerThanPacket_Fails()
    {
        var bytes = RtcpSamples.ChromeTwccOnePacket.ToArray();
        bytes[^1] = 0x15; // 21 > 24 - 4

        Assert.False(RtcpPacket.TryParse(bytes, out _));
        Assert.False(RtcpCompoundReader.IsValid(bytes));
    }

    [Fact]
    public void Padding_WholeBody_LeavesEmptyPayload()
    {
        var bytes = RtcpSamples.ChromeTwccOnePacket.ToArray();
        bytes[^1] = 0x14; // 20 = everything after the header

        Assert.True(RtcpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.Payload.IsEmpty);
        Assert.Equal(20, packet.PaddingLength);
        Assert.False(TransportWideCcFeedback.TryParse(bytes, out _));
    }

    [Fact]
    public void Parser_RawPackets_KeepTheirBytes()
    {
        var rrr = RtcpSamples.RealCompound.AsSpan(104, 12).ToArray();

        Assert.True(RtcpPacketParser.TryParse(rrr, out var parsed));

        var raw = Assert.IsType<RtcpRawPacket>(parsed);
        Assert.Equal(5, raw.Count);
        Assert.Equal(RtcpPacketType.TransportFeedback, raw.PacketType);
        Assert.Equal(rrr, RtcpTestKit.Write(raw));
    }

    [Fact]
    public void Parser_AfbThatIsNotRemb_IsRaw()
    {
        var bytes = RtcpSamples.ChromeRemb.ToArray();
        bytes[12] = 0x58; // "XEMB"

        Assert.True(RtcpPacketParser.TryParse(bytes, out var parsed));
        Assert.IsType<RtcpRawPacket>(parsed);
    }

    [Fact]
    public void Reader_RandomCompounds_EnumerateExactlyWhatWasWritten()
    {
        var uints = Gen.Choose(0, int.MaxValue).Select(i => (uint)i);
        var packet = Gen.OneOf(
            uints.Select(s => (IRtcpPacket)new PictureLossIndication { SenderSsrc = s, MediaSsrc = ~s }),
            uints.Select(s => (IRtcpPacket)new ReceiverReport { Ssrc = s }),
            uints.Select(s => (IRtcpPacket)new Goodbye { Sources = [s], Reason = s % 2 == 0 ? null : "bye" }),
            uints.Select(s => (IRtcpPacket)GenericNack.FromLostSequenceNumbers(1, s, [(ushort)s, (ushort)(s + 3)])),
            uints.Select(s => (IRtcpPacket)SourceDescription.Cname(s, $"user{s}@example")));
        var compounds = Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(packet, n));
        var property = Prop.ForAll(Arb.From(compounds), packets =>
        {
            var bytes = RtcpCompoundWriter.Write(packets);
            var reader = new RtcpCompoundReader(bytes);
            var rewritten = new List<IRtcpPacket>();
            while (reader.TryRead(out var read))
            {
                if (!RtcpPacketParser.TryParse(read.Data, out var typed))
                {
                    return false;
                }

                rewritten.Add(typed);
            }

            return !reader.IsMalformed
                && rewritten.Count == packets.Length
                && RtcpCompoundWriter.Write(rewritten).SequenceEqual(bytes);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Reader_MutatedSamples_NeverThrowAndRewriteWhatTheyParse()
    {
        // The first packet's length word, and any byte of the first 24 (counts, the second packet's header).
        MutatedPackets.NeverThrow(MutatedPackets.From(RtcpSamples.All, [new LengthField(2, 2), .. LengthField.EachByte(0, 24)]), Exercise);
    }

    // Everything a receiver would do with the bytes; a packet that parses must serialize to
    // something that parses again, and the reader must account for every byte it consumed.
    private static bool Exercise(byte[] bytes)
    {
        var reader = new RtcpCompoundReader(bytes);
        var consumed = 0;
        while (reader.TryRead(out var packet))
        {
            consumed += packet.Data.Length;
            if (packet.Data.Length % 4 != 0 || packet.Payload.Length + packet.PaddingLength + 4 != packet.Data.Length)
            {
                return false;
            }

            if (!RtcpPacketParser.TryParse(packet.Data, out var typed))
            {
                continue;
            }

            if (typed is GenericNack nack)
            {
                _ = nack.GetLostSequenceNumbers();
            }

            var length = typed.GetLength();
            if (length < 0)
            {
                continue;
            }

            var rewritten = new byte[length];
            if (!typed.TryWrite(rewritten, out var written) || written != length
                || !RtcpPacketParser.TryParse(rewritten, out var again)
                || again.GetType() != typed.GetType())
            {
                return false;
            }
        }

        return reader.IsMalformed || consumed == bytes.Length;
    }

    private static IRtcpPacket Parse(byte[] bytes)
    {
        Assert.True(RtcpPacketParser.TryParse(bytes, out var packet));
        return packet;
    }
}
