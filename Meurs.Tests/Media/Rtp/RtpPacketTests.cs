using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Rtp;
using Meurs.Tests.Support;

namespace Meurs.Tests.Media.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void TryParse_PionBasic_ReadsEveryFieldAndRewritesSameBytes()
    {
        var bytes = RtpSamples.PionBasic;

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.False(packet.HasPadding);
        Assert.True(packet.HasExtension);
        Assert.Equal(0, packet.CsrcCount);
        Assert.True(packet.Marker);
        Assert.Equal(96, packet.PayloadType);
        Assert.Equal(27023, packet.SequenceNumber);
        Assert.Equal(3653407706u, packet.Timestamp);
        Assert.Equal(476325762u, packet.Ssrc);
        Assert.Equal(0x0001, packet.ExtensionProfile);
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF], packet.ExtensionData.ToArray());
        Assert.Equal(20, packet.HeaderLength);
        Assert.Equal([0x98, 0x36, 0xBE, 0x88, 0x9E], packet.Payload.ToArray());
        Assert.Equal(0, packet.PaddingLength);

        // Profile 0x0001 is not RFC 8285, so it holds no elements.
        var extensions = packet.Extensions;
        Assert.False(extensions.MoveNext());
        Assert.False(extensions.IsMalformed);

        Assert.Equal(bytes, RtpPacketWriter.Write(packet.ToHeader(), packet.Payload));
    }

    [Fact]
    public void TryParse_OpusWithAudioLevel_ReadsLevelAndRewritesSameBytes()
    {
        var bytes = RtpSamples.OpusWithAudioLevel;

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.False(packet.Marker);
        Assert.Equal(111, packet.PayloadType);
        Assert.Equal(19004, packet.SequenceNumber);
        Assert.Equal(90000u, packet.Timestamp);
        Assert.Equal(0x8E3D1F27u, packet.Ssrc);
        Assert.Equal(RtpHeaderExtensionEnumerator.OneByteProfile, packet.ExtensionProfile);
        Assert.True(packet.TryGetExtension(1, out var level));
        Assert.True(AudioLevelExtension.TryRead(level, out var voice, out var dbov));
        Assert.True(voice);
        Assert.Equal(58, dbov);
        Assert.Equal(8, packet.Payload.Length);
        Assert.Equal(0x78, packet.Payload[0]);

        Assert.Equal(bytes, RtpPacketWriter.Write(packet.ToHeader(), packet.Payload));
    }

    [Fact]
    public void TryParse_Vp8KeyframeWithExtensions_ReadsTypedElements()
    {
        Assert.True(RtpPacket.TryParse(RtpSamples.Vp8KeyframeWithExtensions, out var packet));

        Assert.True(packet.TryGetExtension(2, out var absSendTime));
        Assert.True(AbsSendTimeExtension.TryRead(absSendTime, out var sendTime));
        Assert.Equal(0x123456u, sendTime);
        Assert.True(packet.TryGetExtension(3, out var twcc));
        Assert.True(TransportSequenceNumberExtension.TryRead(twcc, out var transportSequence));
        Assert.Equal(42, transportSequence);
        Assert.True(packet.TryGetExtension(4, out var mid));
        Assert.True(MidExtension.TryRead(mid, out var midValue));
        Assert.Equal("0", midValue);
        Assert.False(packet.TryGetExtension(5, out _));
        Assert.True(KeyframeDetector.IsKeyframe(VideoCodec.Vp8, packet.Payload));

        Assert.Equal(
            RtpSamples.Vp8KeyframeWithExtensions,
            RtpPacketWriter.Write(packet.ToHeader(), packet.Payload));
    }

    [Fact]
    public void TryParse_PaddedWithCsrcs_ExcludesPaddingAndRewritesSameBytes()
    {
        var bytes = RtpSamples.PaddedWithCsrcs;

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.HasPadding);
        Assert.False(packet.HasExtension);
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(1u, packet.GetCsrc(0));
        Assert.Equal(2u, packet.GetCsrc(1));
        Assert.Equal(0xDEADBEEFu, packet.Ssrc);
        Assert.Equal(20, packet.HeaderLength);
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF], packet.Payload.ToArray());
        Assert.Equal(4, packet.PaddingLength);

        Assert.Equal(bytes, RtpPacketWriter.Write(packet.ToHeader(), packet.Payload, packet.PaddingLength));
    }

    [Fact]
    public void TryParse_Rfc8285OneByteExample_SkipsPaddingBetweenElements()
    {
        Assert.True(RtpPacket.TryParse(RtpSamples.Rfc8285OneByteExample, out var packet));

        var elements = Collect(packet);

        Assert.Equal(
            [(1, "AA", 17), (2, "BBCC", 19), (3, "01020304", 24)],
            elements);
        Assert.Equal(
            RtpSamples.Rfc8285OneByteExample,
            RtpPacketWriter.Write(packet.ToHeader(), packet.Payload));
    }

    [Fact]
    public void TryParse_Rfc8285TwoByteExample_ReadsEmptyElementAndSkipsPadding()
    {
        Assert.True(RtpPacket.TryParse(RtpSamples.Rfc8285TwoByteExample, out var packet));

        var elements = Collect(packet);

        Assert.Equal(
            [(1, "", 18), (2, "DD", 20), (3, "01020304", 24)],
            elements);
        Assert.True(packet.TryGetExtension(1, out var empty));
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void TryParse_TwoByteProfileWithAppBits_IsStillTwoByte()
    {
        var bytes = RtpSamples.Rfc8285TwoByteExample.ToArray();
        bytes[13] = 0x0F; // 0x100F: the low 4 bits are application bits (RFC 8285 §4.3)

        Assert.True(RtpPacket.TryParse(bytes, out var packet));

        Assert.Equal(3, Collect(packet).Count);
    }

    [Fact]
    public void TryParse_OneByteId15_StopsWithoutMalformed()
    {
        byte[] bytes =
        [
            0x90, 0x60, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xBE, 0xDE, 0x00, 0x02,
            0x10, 0xAA,                                 // ID 1 L=0
            0xF3,                                       // ID 15: stop, length ignored
            0x20, 0xBB, 0x00, 0x00, 0x00,               // ID 2 never reached
        ];

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        var extensions = packet.Extensions;

        Assert.True(extensions.MoveNext());
        Assert.Equal(1, extensions.Current.Id);
        Assert.False(extensions.MoveNext());
        Assert.False(extensions.IsMalformed);
        Assert.False(packet.TryGetExtension(2, out _));
    }

    [Fact]
    public void Extensions_TruncatedOneByteElement_StopsAsMalformedKeepingEarlierElements()
    {
        byte[] bytes =
        [
            0x90, 0x60, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xBE, 0xDE, 0x00, 0x01,
            0x10, 0xAA,                                 // ID 1 L=0, fine
            0x23, 0xBB,                                 // ID 2 L=3 claims 4 bytes, 1 left
        ];

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        var extensions = packet.Extensions;

        Assert.True(extensions.MoveNext());
        Assert.Equal(1, extensions.Current.Id);
        Assert.False(extensions.MoveNext());
        Assert.True(extensions.IsMalformed);
        Assert.True(packet.TryGetExtension(1, out _));
        Assert.False(packet.TryGetExtension(2, out _));
        Assert.False(RtpPacket.TrySetExtension(bytes, 2, [0x01]));
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x05, 0xAA, 0xBB })]  // ID 1 claims 5 bytes, 2 left
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x01 })]  // ID 1 without its length byte
    public void Extensions_TruncatedTwoByteElement_StopsAsMalformed(byte[] body)
    {
        byte[] bytes =
        [
            0x90, 0x60, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0x10, 0x00, 0x00, 0x01,
            .. body,
        ];

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        var extensions = packet.Extensions;

        Assert.False(extensions.MoveNext());
        Assert.True(extensions.IsMalformed);
    }

    [Fact]
    public void TryParse_ExtensionLengthPastEnd_Fails()
    {
        var bytes = RtpSamples.OpusWithAudioLevel.ToArray();
        bytes[15] = 0x10; // 16 words claimed, 12 bytes follow

        Assert.False(RtpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_ExtensionHeaderCutOff_Fails()
    {
        Assert.False(RtpPacket.TryParse(RtpSamples.OpusWithAudioLevel.AsSpan(0, 14), out _));
    }

    [Fact]
    public void TryParse_CsrcCountPastEnd_Fails()
    {
        var bytes = RtpSamples.PaddedWithCsrcs.ToArray();
        bytes[0] = 0x8F; // CC=15: 60 bytes of CSRCs claimed in a 32-byte packet

        Assert.False(RtpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_CsrcListExactlyFillsPacket_SucceedsWithEmptyPayload()
    {
        var bytes = RtpSamples.PaddedWithCsrcs.AsSpan(0, 20).ToArray();
        bytes[0] = 0x82; // P=0 CC=2

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void TryParse_PaddingLongerThanPacket_Fails()
    {
        var bytes = RtpSamples.PaddedWithCsrcs.ToArray();
        bytes[^1] = 0x0D; // 13 bytes of padding would reach into the CSRCs

        Assert.False(RtpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_PaddingEatingWholePayload_Succeeds()
    {
        var bytes = RtpSamples.PaddedWithCsrcs.ToArray();
        bytes[^1] = 0x08;

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.Payload.IsEmpty);
        Assert.Equal(8, packet.PaddingLength);
    }

    [Fact]
    public void TryParse_PaddingCountZero_Fails()
    {
        var bytes = RtpSamples.PaddedWithCsrcs.ToArray();
        bytes[^1] = 0x00;

        Assert.False(RtpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_ZeroLengthAndShortPackets_Fail()
    {
        Assert.False(RtpPacket.TryParse([], out _));
        Assert.False(RtpPacket.TryParse(default, out _));
        Assert.False(RtpPacket.TryParse(RtpSamples.PionBasic.AsSpan(0, 11), out _));
    }

    [Theory]
    [InlineData(0x10)]
    [InlineData(0x50)]
    [InlineData(0xD0)]
    public void TryParse_VersionOtherThan2_Fails(byte firstByte)
    {
        var bytes = RtpSamples.PionBasic.ToArray();
        bytes[0] = firstByte;

        Assert.False(RtpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_EmptyExtensionBody_IsValid()
    {
        byte[] bytes =
        [
            0x90, 0x60, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xBE, 0xDE, 0x00, 0x00,                     // one-byte form, 0 words
            0x01,
        ];

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.HasExtension);
        Assert.True(packet.ExtensionData.IsEmpty);
        Assert.Equal([0x01], packet.Payload.ToArray());
        Assert.Equal(bytes, RtpPacketWriter.Write(packet.ToHeader(), packet.Payload));
    }

    [Fact]
    public void Setters_RewriteHeaderInPlace()
    {
        var bytes = RtpSamples.OpusWithAudioLevel.ToArray();

        Assert.True(RtpPacket.SetSequenceNumber(bytes, 0xBEEF));
        Assert.True(RtpPacket.SetTimestamp(bytes, 0x01020304));
        Assert.True(RtpPacket.SetSsrc(bytes, 0xCAFEBABE));
        Assert.True(RtpPacket.SetPayloadType(bytes, 100));
        Assert.True(RtpPacket.SetMarker(bytes, true));

        byte[] expected =
        [
            0x90,                                       // unchanged
            0xE4,                                       // M=1 PT=100
            0xBE, 0xEF,                                 // sequence number
            0x01, 0x02, 0x03, 0x04,                     // timestamp
            0xCA, 0xFE, 0xBA, 0xBE,                     // SSRC
            .. RtpSamples.OpusWithAudioLevel.AsSpan(12),
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Setters_ShortBuffer_WriteNothing()
    {
        var bytes = new byte[11];

        Assert.False(RtpPacket.SetSequenceNumber(bytes, 1));
        Assert.False(RtpPacket.SetTimestamp(bytes, 1));
        Assert.False(RtpPacket.SetSsrc(bytes, 1));
        Assert.False(RtpPacket.SetPayloadType(bytes, 1));
        Assert.False(RtpPacket.SetMarker(bytes, true));
        Assert.False(RtpPacket.SetPayloadType(RtpSamples.PionBasic.ToArray(), 128));
        Assert.All(bytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TrySet_AbsSendTimeAndTransportSequence_RewriteOnlyTheirBytes()
    {
        var bytes = RtpSamples.Vp8KeyframeWithExtensions.ToArray();

        Assert.True(AbsSendTimeExtension.TrySet(bytes, 2, 0xABCDEF));
        Assert.True(TransportSequenceNumberExtension.TrySet(bytes, 3, 0x0102));

        var expected = RtpSamples.Vp8KeyframeWithExtensions.ToArray();
        expected[17] = 0xAB;
        expected[18] = 0xCD;
        expected[19] = 0xEF;
        expected[21] = 0x01;
        expected[22] = 0x02;
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void TrySetExtension_ShorterValue_LowersLengthAndPadsWithZeros()
    {
        var bytes = RtpSamples.Vp8KeyframeWithExtensions.ToArray();

        Assert.True(RtpPacket.TrySetExtension(bytes, 2, [0x77]));

        var expected = RtpSamples.Vp8KeyframeWithExtensions.ToArray();
        expected[16] = 0x20; // ID 2 L=0
        expected[17] = 0x77;
        expected[18] = 0x00; // freed bytes become padding
        expected[19] = 0x00;
        Assert.Equal(expected, bytes);
        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.TryGetExtension(3, out var twcc));
        Assert.Equal([0x00, 0x2A], twcc.ToArray());
    }

    [Fact]
    public void TrySetExtension_TwoByteShrinkToEmpty_Works()
    {
        var bytes = RtpSamples.Rfc8285TwoByteExample.ToArray();

        Assert.True(RtpPacket.TrySetExtension(bytes, 2, []));

        Assert.Equal(0x00, bytes[19]); // L=0
        Assert.Equal(0x00, bytes[20]); // former data is padding
        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.Equal([(1, "", 18), (2, "", 20), (3, "01020304", 24)], Collect(packet));
    }

    [Fact]
    public void TrySetExtension_TooLongAbsentOrEmptyOneByte_WritesNothing()
    {
        var bytes = RtpSamples.Vp8KeyframeWithExtensions.ToArray();

        Assert.False(RtpPacket.TrySetExtension(bytes, 3, [0x01, 0x02, 0x03]));
        Assert.False(RtpPacket.TrySetExtension(bytes, 9, [0x01]));
        Assert.False(RtpPacket.TrySetExtension(bytes, 4, []));
        Assert.False(RtpPacket.TrySetExtension(RtpSamples.PionBasic.ToArray(), 1, [0x01]));
        Assert.False(RtpPacket.TrySetExtension(bytes.AsSpan(0, 11), 3, [0x01, 0x02]));
        Assert.Equal(RtpSamples.Vp8KeyframeWithExtensions, bytes);
    }

    [Fact]
    public void Write_InvalidHeaders_AreRefused()
    {
        var buffer = new byte[128];

        Assert.False(RtpPacketWriter.TryWrite(buffer, new RtpHeader { PayloadType = 128 }, [], 0, out _));
        Assert.False(RtpPacketWriter.TryWrite(buffer, new RtpHeader { Csrcs = new uint[16] }, [], 0, out _));
        Assert.False(RtpPacketWriter.TryWrite(
            buffer, new RtpHeader { HasExtension = true, ExtensionData = new byte[3] }, [], 0, out _));
        Assert.False(RtpPacketWriter.TryWrite(buffer, new RtpHeader { ExtensionData = new byte[4] }, [], 0, out _));
        Assert.False(RtpPacketWriter.TryWrite(buffer, new RtpHeader(), [], 256, out _));
        Assert.False(RtpPacketWriter.TryWrite(buffer.AsSpan(0, 11), new RtpHeader(), [], 0, out var written));
        Assert.Equal(0, written);
        Assert.Throws<ArgumentException>(() => RtpPacketWriter.Write(new RtpHeader { PayloadType = 200 }, []));
    }

    [Fact]
    public void WriteThenParse_RandomHeaders_RoundTrip()
    {
        var property = Prop.ForAll(Arb.From(RandomPackets()), sample =>
        {
            var (header, payload, padding) = sample;
            var bytes = RtpPacketWriter.Write(header, payload, padding);
            if (!RtpPacket.TryParse(bytes, out var packet))
            {
                return false;
            }

            var csrcs = new uint[packet.CsrcCount];
            for (var i = 0; i < csrcs.Length; i++)
            {
                csrcs[i] = packet.GetCsrc(i);
            }

            return packet.Marker == header.Marker
                && packet.PayloadType == header.PayloadType
                && packet.SequenceNumber == header.SequenceNumber
                && packet.Timestamp == header.Timestamp
                && packet.Ssrc == header.Ssrc
                && csrcs.SequenceEqual(header.Csrcs)
                && packet.HasExtension == header.HasExtension
                && packet.ExtensionProfile == (header.HasExtension ? header.ExtensionProfile : 0)
                && packet.ExtensionData.SequenceEqual(header.ExtensionData.Span)
                && packet.Payload.SequenceEqual(payload)
                && packet.PaddingLength == padding
                && RtpPacketWriter.Write(packet.ToHeader(), packet.Payload, packet.PaddingLength).SequenceEqual(bytes);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000), property);
    }

    [Fact]
    public void TryParse_MutatedSamples_NeverThrowAndStayInBounds()
    {
        // Any byte of the fixed header may be a count or a flag that changes what follows (CC, X, P).
        MutatedPackets.NeverThrow(MutatedPackets.From(RtpSamples.All, LengthField.EachByte(0, 12)), Exercise);
    }

    // Reads everything a consumer would read; any inconsistency between the parts and the
    // whole (lengths not adding up) is a failure.
    private static bool Exercise(byte[] bytes)
    {
        if (!RtpPacket.TryParse(bytes, out var packet))
        {
            return !RtpPacket.TrySetExtension(bytes.ToArray(), 1, [0x00]);
        }

        var total = packet.HeaderLength + packet.Payload.Length + packet.PaddingLength;
        var elements = 0;
        foreach (var element in packet.Extensions)
        {
            elements++;
            if (element.Offset < packet.ExtensionDataOffset
                || element.Offset + element.Data.Length > packet.ExtensionDataOffset + packet.ExtensionData.Length)
            {
                return false;
            }

            _ = AbsSendTimeExtension.TryRead(element.Data, out _);
            _ = MidExtension.TryRead(element.Data, out _);
            _ = RtpPacket.TrySetExtension(bytes.ToArray(), element.Id, element.Data);
        }

        foreach (var codec in Enum.GetValues<VideoCodec>())
        {
            _ = KeyframeDetector.IsKeyframe(codec, packet.Payload);
        }

        return total == bytes.Length
            && elements <= packet.ExtensionData.Length
            && RtpPacketWriter.Write(packet.ToHeader(), packet.Payload, packet.PaddingLength).Length == bytes.Length;
    }

    private static List<(int Id, string Data, int Offset)> Collect(RtpPacket packet)
    {
        var elements = new List<(int, string, int)>();
        foreach (var element in packet.Extensions)
        {
            elements.Add((element.Id, Convert.ToHexString(element.Data), element.Offset));
        }

        return elements;
    }

    private static Gen<(RtpHeader Header, byte[] Payload, int Padding)> RandomPackets()
    {
        var bytes = Gen.Choose(0, 255).Select(i => (byte)i);
        var uints = Gen.Choose(0, 0xFFFF).SelectMany(hi => Gen.Choose(0, 0xFFFF).Select(lo => ((uint)hi << 16) | (uint)lo));
        return
            from marker in Gen.Elements(true, false)
            from payloadType in Gen.Choose(0, 127)
            from sequenceNumber in Gen.Choose(0, 0xFFFF)
            from timestamp in uints
            from ssrc in uints
            from csrcCount in Gen.Choose(0, 15)
            from csrcs in Gen.ArrayOf(uints, csrcCount)
            from hasExtension in Gen.Elements(true, false)
            from profile in Gen.Choose(0, 0xFFFF)
            from words in Gen.Choose(0, 6)
            from extension in Gen.ArrayOf(bytes, hasExtension ? 4 * words : 0)
            from payloadLength in Gen.Choose(0, 40)
            from payload in Gen.ArrayOf(bytes, payloadLength)
            from padding in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 255)))
            select (new RtpHeader
            {
                Marker = marker,
                PayloadType = (byte)payloadType,
                SequenceNumber = (ushort)sequenceNumber,
                Timestamp = timestamp,
                Ssrc = ssrc,
                Csrcs = csrcs,
                HasExtension = hasExtension,
                ExtensionProfile = (ushort)profile,
                ExtensionData = extension,
            }, payload, padding);
    }
}
