using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Transport;
using Meurs.Tests.Support;

namespace Meurs.Tests.Media.Transport;

public sealed class PacketClassifierTests
{
    // RFC 5769 §2.1 "Sample Request", byte for byte: a Binding request with SOFTWARE, PRIORITY,
    // ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY (password "VOkJxbRl1RmTxUk/WvJxBt") and
    // FINGERPRINT. 108 bytes = 20-byte header + 0x58 (88) bytes of attributes.
    private static readonly byte[] StunBindingRequest =
    [
        0x00, 0x01, 0x00, 0x58,                         // type 0x0001 Binding request, length 88
        0x21, 0x12, 0xA4, 0x42,                         // magic cookie
        0xB7, 0xE7, 0xA7, 0x01,                         // transaction id (96 bits) ...
        0xBC, 0x34, 0xD6, 0x86,
        0xFA, 0x87, 0xDF, 0xAE,                         // ... transaction id
        0x80, 0x22, 0x00, 0x10,                         // SOFTWARE, length 16
        0x53, 0x54, 0x55, 0x4E,                         // "STUN"
        0x20, 0x74, 0x65, 0x73,                         // " tes"
        0x74, 0x20, 0x63, 0x6C,                         // "t cl"
        0x69, 0x65, 0x6E, 0x74,                         // "ient"
        0x00, 0x24, 0x00, 0x04,                         // PRIORITY, length 4
        0x6E, 0x00, 0x01, 0xFF,                         // priority 0x6E0001FF
        0x80, 0x29, 0x00, 0x08,                         // ICE-CONTROLLED, length 8
        0x93, 0x2F, 0xF9, 0xB1,                         // tie breaker ...
        0x51, 0x26, 0x3B, 0x36,                         // ... tie breaker
        0x00, 0x06, 0x00, 0x09,                         // USERNAME, length 9
        0x65, 0x76, 0x74, 0x6A,                         // "evtj"
        0x3A, 0x68, 0x36, 0x76,                         // ":h6v"
        0x59, 0x20, 0x20, 0x20,                         // "Y" + 3 bytes padding
        0x00, 0x08, 0x00, 0x14,                         // MESSAGE-INTEGRITY, length 20
        0x9A, 0xEA, 0xA7, 0x0C,                         // HMAC-SHA1 ...
        0xBF, 0xD8, 0xCB, 0x56,
        0x78, 0x1E, 0xF2, 0xB5,
        0xB2, 0xD3, 0xF2, 0x49,
        0xC1, 0xB5, 0x71, 0xA2,                         // ... HMAC-SHA1
        0x80, 0x28, 0x00, 0x04,                         // FINGERPRINT, length 4
        0xE5, 0x7A, 0x3B, 0xCF,                         // CRC-32 ^ 0x5354554E
    ];

    // ZRTP Hello (RFC 6189 §5, §5.2), first 24 bytes.
    private static readonly byte[] ZrtpHello =
    [
        0x10, 0x00, 0x00, 0x01,                         // 0001 + zeros, sequence number 1
        0x5A, 0x52, 0x54, 0x50,                         // magic cookie "ZRTP"
        0x1D, 0x2C, 0x3B, 0x4A,                         // source identifier
        0x50, 0x5A, 0x00, 0x1E,                         // preamble 0x505A, length 30 words
        0x48, 0x65, 0x6C, 0x6C,                         // message type "Hello   " ...
        0x6F, 0x20, 0x20, 0x20,                         // ... message type
    ];

    // DTLS record carrying the first fragment of a ClientHello (RFC 6347 §4.1, §4.2.2): the
    // handshake is 0xA8 bytes long; this datagram holds its first 34 (client_version + random).
    private static readonly byte[] DtlsClientHello =
    [
        0x16,                                           // content type 22 handshake
        0xFE, 0xFF,                                     // record version DTLS 1.0 (as browsers send)
        0x00, 0x00,                                     // epoch 0
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00,             // sequence number 0
        0x00, 0x2E,                                     // record length 46
        0x01,                                           // handshake type 1 client_hello
        0x00, 0x00, 0xA8,                               // handshake length 168
        0x00, 0x00,                                     // message_seq 0
        0x00, 0x00, 0x00,                               // fragment_offset 0
        0x00, 0x00, 0x22,                               // fragment_length 34
        0xFE, 0xFD,                                     // client_version DTLS 1.2
        0x5F, 0x1A, 0x6B, 0x22, 0x9C, 0x01, 0x44, 0xD0, // random (32 bytes) ...
        0x7E, 0x39, 0xB2, 0x0A, 0x63, 0xF4, 0x18, 0x8D,
        0x2C, 0xC5, 0x90, 0x71, 0x3E, 0xAB, 0x06, 0x5D,
        0xE8, 0x14, 0x77, 0x42, 0xB9, 0x0F, 0xD3, 0x61, // ... random
    ];

    // TURN ChannelData (RFC 8656 §12.4) on the first channel number, 8 bytes of data.
    private static readonly byte[] TurnChannelData =
    [
        0x40, 0x00,                                     // channel number 0x4000
        0x00, 0x08,                                     // length 8
        0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, // application data
    ];

    // Opus audio as a browser sends it (RFC 3550 §5.1, RFC 8285 §4.2, RFC 6464 §3, RFC 7587).
    private static readonly byte[] RtpOpus =
    [
        0x90,                                           // V=2 P=0 X=1 CC=0
        0x6F,                                           // M=0 PT=111 (Opus)
        0x4A, 0x3C,                                     // sequence number 19004
        0x00, 0x01, 0x5F, 0x90,                         // timestamp 90000
        0x8E, 0x3D, 0x1F, 0x27,                         // SSRC
        0xBE, 0xDE, 0x00, 0x01,                         // one-byte extensions, 1 word
        0x10, 0xBA, 0x00, 0x00,                         // id 1 len 1: audio level V=1 58 dBov; pad
        0x78,                                           // Opus TOC: config 15, mono, 1 frame
        0x0B, 0xE4, 0xC1, 0x36, 0xEC, 0xC5, 0x80,       // Opus frame
    ];

    // Last packet of a VP8 frame (RFC 3550 §5.1, RFC 7741 §4.2).
    private static readonly byte[] RtpVp8WithMarker =
    [
        0x80,                                           // V=2 P=0 X=0 CC=0
        0xE0,                                           // M=1 PT=96 (VP8): 224, just past RTCP
        0x01, 0x02,                                     // sequence number 258
        0x3A, 0x98, 0x00, 0x00,                         // timestamp
        0x11, 0x22, 0x33, 0x44,                         // SSRC
        0x90, 0x80, 0x2A, 0x15,                         // VP8 descriptor: X S, I, PictureID 42
        0x9D, 0x01, 0x2A,                               // VP8 payload
    ];

    // Sender report, no report blocks (RFC 3550 §6.4.1): 28 bytes.
    private static readonly byte[] RtcpSenderReport =
    [
        0x80, 0xC8, 0x00, 0x06,                         // V=2 P=0 RC=0, PT=200 SR, length 6
        0x8E, 0x3D, 0x1F, 0x27,                         // SSRC of sender
        0xE9, 0x5C, 0x2B, 0x13,                         // NTP timestamp, seconds
        0x4F, 0x1A, 0x00, 0x00,                         // NTP timestamp, fraction
        0x00, 0x01, 0x5F, 0x90,                         // RTP timestamp 90000
        0x00, 0x00, 0x01, 0xF4,                         // sender's packet count 500
        0x00, 0x00, 0x9C, 0x40,                         // sender's octet count 40000
    ];

    // Receiver report with one report block (RFC 3550 §6.4.2): 32 bytes.
    private static readonly byte[] RtcpReceiverReport =
    [
        0x81, 0xC9, 0x00, 0x07,                         // V=2 P=0 RC=1, PT=201 RR, length 7
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x8E, 0x3D, 0x1F, 0x27,                         // SSRC_1 (source reported on)
        0x05, 0x00, 0x00, 0x03,                         // fraction lost 5/256, cumulative lost 3
        0x00, 0x00, 0x4A, 0x3C,                         // extended highest sequence number
        0x00, 0x00, 0x00, 0x14,                         // interarrival jitter 20
        0x5C, 0x2B, 0x13, 0x4F,                         // last SR (LSR)
        0x00, 0x00, 0x80, 0x00,                         // delay since last SR (0.5 s)
    ];

    // Picture Loss Indication (RFC 4585 §6.3.1): 12 bytes.
    private static readonly byte[] RtcpPli =
    [
        0x81, 0xCE, 0x00, 0x02,                         // V=2 P=0 FMT=1, PT=206 PSFB, length 2
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x11, 0x22, 0x33, 0x44,                         // SSRC of media source
    ];

    // Generic NACK (RFC 4585 §6.2.1): 16 bytes.
    private static readonly byte[] RtcpNack =
    [
        0x81, 0xCD, 0x00, 0x03,                         // V=2 P=0 FMT=1, PT=205 RTPFB, length 3
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x11, 0x22, 0x33, 0x44,                         // SSRC of media source
        0x01, 0x02, 0x00, 0x05,                         // PID 258, BLP: 259 and 261 lost too
    ];

    private static readonly byte[][] Seeds =
    [
        StunBindingRequest, ZrtpHello, DtlsClientHello, TurnChannelData, RtpOpus, RtpVp8WithMarker,
        RtcpSenderReport, RtcpReceiverReport, RtcpPli, RtcpNack,
    ];

    public static TheoryData<byte[], PacketKind> Samples => new()
    {
        { StunBindingRequest, PacketKind.Stun },
        { ZrtpHello, PacketKind.Zrtp },
        { DtlsClientHello, PacketKind.Dtls },
        { TurnChannelData, PacketKind.TurnChannel },
        { RtpOpus, PacketKind.Rtp },
        { RtpVp8WithMarker, PacketKind.Rtp },
        { RtcpSenderReport, PacketKind.Rtcp },
        { RtcpReceiverReport, PacketKind.Rtcp },
        { RtcpPli, PacketKind.Rtcp },
        { RtcpNack, PacketKind.Rtcp },
    };

    // Each range edge is tried on a packet that is valid for the neighbouring kind, so an
    // off-by-one in either direction changes the answer.
    public static TheoryData<byte, byte[], PacketKind> RangeBoundaries => new()
    {
        { 0, StunBindingRequest, PacketKind.Stun },
        { 3, StunBindingRequest, PacketKind.Stun },
        { 4, StunBindingRequest, PacketKind.Unknown },
        { 15, ZrtpHello, PacketKind.Unknown },
        { 16, ZrtpHello, PacketKind.Zrtp },
        { 19, ZrtpHello, PacketKind.Zrtp },
        { 20, DtlsClientHello, PacketKind.Dtls },
        { 63, DtlsClientHello, PacketKind.Dtls },
        { 64, TurnChannelData, PacketKind.TurnChannel },
        { 79, TurnChannelData, PacketKind.TurnChannel },
        { 80, TurnChannelData, PacketKind.Unknown },
        { 127, RtpOpus, PacketKind.Unknown },
        { 128, RtpOpus, PacketKind.Rtp },
        { 191, RtpOpus, PacketKind.Rtp },
        { 192, RtpOpus, PacketKind.Unknown },
        { 255, RtcpSenderReport, PacketKind.Unknown },
    };

    // The fixed-size header each kind needs, and the smallest valid prefix of a sample.
    public static TheoryData<byte[], int, PacketKind> MinimumLengths => new()
    {
        { StunBindingRequest, PacketClassifier.StunHeaderLength, PacketKind.Stun },
        { ZrtpHello, PacketClassifier.ZrtpHeaderLength, PacketKind.Zrtp },
        { DtlsClientHello, PacketClassifier.DtlsRecordHeaderLength, PacketKind.Dtls },
        { RtpOpus, PacketClassifier.RtpFixedHeaderLength, PacketKind.Rtp },
        { RtpVp8WithMarker, PacketClassifier.RtpFixedHeaderLength, PacketKind.Rtp },
        { RtcpSenderReport, PacketClassifier.RtcpMinimumLength, PacketKind.Rtcp },
        { RtcpPli, PacketClassifier.RtcpMinimumLength, PacketKind.Rtcp },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Classify_CapturedSample_ReturnsItsKind(byte[] packet, PacketKind expected)
    {
        Assert.Equal(expected, PacketClassifier.Classify(packet));
    }

    [Theory]
    [MemberData(nameof(RangeBoundaries))]
    public void Classify_FirstByteAtRangeBoundary_ReturnsRangeKind(
        byte firstByte, byte[] template, PacketKind expected)
    {
        var packet = With(template, 0, firstByte);

        Assert.Equal(expected, PacketClassifier.Classify(packet));
    }

    [Theory]
    [MemberData(nameof(MinimumLengths))]
    public void Classify_ExactlyMinimumLength_ReturnsKind(byte[] sample, int length, PacketKind expected)
    {
        Assert.Equal(expected, PacketClassifier.Classify(sample.AsSpan(0, length)));
    }

    [Theory]
    [MemberData(nameof(MinimumLengths))]
    public void Classify_OneByteShortOfMinimum_ReturnsUnknown(byte[] sample, int length, PacketKind expected)
    {
        Assert.NotEqual(PacketKind.Unknown, expected);
        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify(sample.AsSpan(0, length - 1)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Classify_EveryTruncationOfSample_NeverGivesAnotherKind(byte[] packet, PacketKind expected)
    {
        for (var length = 0; length <= packet.Length; length++)
        {
            var kind = PacketClassifier.Classify(packet.AsSpan(0, length));
            Assert.True(kind == expected || kind == PacketKind.Unknown, $"length {length}: {kind}");
        }
    }

    [Fact]
    public void Classify_Empty_ReturnsUnknown()
    {
        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify([]));
        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify(default));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x01)]
    [InlineData(0x16)]
    [InlineData(0x40)]
    [InlineData(0x80)]
    [InlineData(0xBF)]
    public void Classify_SingleByte_ReturnsUnknown(byte only)
    {
        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify([only]));
    }

    [Fact]
    public void Classify_StunHeaderOnly_ReturnsStun()
    {
        // Attributes are the STUN parser's business; the classifier promises only the header.
        var header = StunBindingRequest.AsSpan(0, 20).ToArray();
        header[3] = 0x00;

        Assert.Equal(PacketKind.Stun, PacketClassifier.Classify(header));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Classify_StunWithWrongMagicCookieByte_ReturnsUnknown(int index)
    {
        var packet = With(StunBindingRequest, index, (byte)(StunBindingRequest[index] ^ 0x01));

        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify(packet));
    }

    [Fact]
    public void Classify_Rfc3489StunWithoutCookie_ReturnsUnknown()
    {
        // RFC 3489 messages carry transaction-id bytes where the cookie now sits. The cookie is
        // what tells STUN from other traffic starting with 0..3 (RFC 8489 §5), and ICE peers
        // always send it, so these are dropped rather than guessed at.
        var classic = StunBindingRequest.ToArray();
        classic[4] = 0x9F;
        classic[5] = 0x3B;
        classic[6] = 0x07;
        classic[7] = 0xC4;

        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify(classic));
    }

    [Fact]
    public void Classify_StunWithTopBitSet_IsNotStun()
    {
        // The top two bits being zero is what puts STUN in 0..3; set one and the first byte
        // lands in another protocol's range (here 0x80: RTP), so it can never read as STUN.
        var packet = With(StunBindingRequest, 0, 0x80);

        Assert.NotEqual(PacketKind.Stun, PacketClassifier.Classify(packet));
    }

    [Fact]
    public void Classify_ZrtpWithoutMagicCookie_ReturnsUnknown()
    {
        var packet = With(ZrtpHello, 7, 0x00);

        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify(packet));
    }

    [Theory]
    [InlineData(20)] // change_cipher_spec
    [InlineData(21)] // alert
    [InlineData(22)] // handshake
    [InlineData(23)] // application_data
    public void Classify_DtlsContentTypes_ReturnsDtls(byte contentType)
    {
        var packet = With(DtlsClientHello, 0, contentType);

        Assert.Equal(PacketKind.Dtls, PacketClassifier.Classify(packet));
    }

    [Fact]
    public void Classify_TurnChannelHeaderWithZeroLength_ReturnsTurnChannel()
    {
        // RFC 8656 §12.4: "0 is a valid length".
        Assert.Equal(PacketKind.TurnChannel, PacketClassifier.Classify([0x4F, 0xFF, 0x00, 0x00]));
    }

    [Fact]
    public void Classify_TurnChannelShorterThanClaimed_ReturnsUnknown()
    {
        var packet = TurnChannelData.AsSpan(0, TurnChannelData.Length - 1);

        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify(packet));
    }

    [Fact]
    public void Classify_TurnChannelWithPadding_ReturnsTurnChannel()
    {
        // RFC 8656 §12.5: over UDP the padding to a multiple of 4 is optional, so extra is fine.
        byte[] packet = [0x40, 0x01, 0x00, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05, 0x00, 0x00, 0x00];

        Assert.Equal(PacketKind.TurnChannel, PacketClassifier.Classify(packet));
    }

    [Theory]
    [InlineData(0x00, PacketKind.Rtp)]  // PT 0 PCMU
    [InlineData(0x3F, PacketKind.Rtp)]  // PT 63
    [InlineData(0x40, PacketKind.Rtcp)] // PT 64: forbidden for RTP with rtcp-mux
    [InlineData(0x5F, PacketKind.Rtcp)] // PT 95: forbidden for RTP with rtcp-mux
    [InlineData(0x60, PacketKind.Rtp)]  // PT 96
    [InlineData(0x7F, PacketKind.Rtp)]  // PT 127
    [InlineData(0xBF, PacketKind.Rtp)]  // M=1 PT 63
    [InlineData(0xC0, PacketKind.Rtcp)] // 192 FIR (RFC 2032)
    [InlineData(0xC8, PacketKind.Rtcp)] // 200 SR
    [InlineData(0xDF, PacketKind.Rtcp)] // 223, last of the RTCP range
    [InlineData(0xE0, PacketKind.Rtp)]  // M=1 PT 96
    [InlineData(0xFF, PacketKind.Rtp)]  // M=1 PT 127
    public void Classify_SecondByteAroundRtcpRange_SplitsPerRfc5761(byte secondByte, PacketKind expected)
    {
        var packet = With(RtpOpus, 1, secondByte);

        Assert.Equal(expected, PacketClassifier.Classify(packet));
    }

    [Fact]
    public void Classify_RtcpTooShortForRtp_StillRtcp()
    {
        // 8..11 bytes is enough for RTCP but not RTP; the split must happen before the length
        // check, or a minimal RTCP packet would be judged by RTP's 12-byte header.
        Assert.Equal(PacketKind.Rtcp, PacketClassifier.Classify(RtcpNack.AsSpan(0, 11)));
    }

    [Fact]
    public void Classify_RtpVersion1_ReturnsUnknown()
    {
        // Version 1 puts the first byte at 0x40 (TURN channel range); read as ChannelData its
        // "length" is the sequence number 0x4A3C, far beyond the datagram, so it is dropped.
        var packet = With(RtpOpus, 0, 0x40);

        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify(packet));
    }

    [Theory]
    [InlineData(0x00)] // version 0 without flags: the STUN range, but no cookie
    [InlineData(0x60)] // version 1 with padding: 96, in no range
    [InlineData(0xC0)] // version 3: 192, in no range
    [InlineData(0xF0)] // version 3 with flags
    public void Classify_RtpWithVersionOtherThan2_IsNeitherRtpNorRtcp(byte firstByte)
    {
        var rtp = PacketClassifier.Classify(With(RtpOpus, 0, firstByte));
        var rtcp = PacketClassifier.Classify(With(RtcpSenderReport, 0, firstByte));

        Assert.Equal(PacketKind.Unknown, rtp);
        Assert.Equal(PacketKind.Unknown, rtcp);
    }

    [Fact]
    public void Classify_RandomBytes_NeverThrowsAndRespectsRanges()
    {
        var bytes = Gen.Choose(0, 255).Select(i => (byte)i);
        var packets = Gen.Sized(size => Gen.Choose(0, size).SelectMany(n => Gen.ArrayOf(bytes, n)));
        var property = Prop.ForAll(Arb.From(packets), packet => HoldsInvariants(packet));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5_000).WithEndSize(64), property);
    }

    [Fact]
    public void Classify_RandomBytesInMediaRange_AreRtpOrRtcpOnlyThere()
    {
        // Uniform bytes hit 128..191 a quarter of the time; this biases the first byte so the
        // RTP/RTCP split and lengths 1..21 are covered densely.
        var firstBytes = Gen.Frequency(
            (3, Gen.Choose(128, 191)),
            (1, Gen.Choose(0, 255)));
        var packets =
            from first in firstBytes
            from length in Gen.Choose(0, 20)
            from rest in Gen.ArrayOf(Gen.Choose(0, 255), length)
            select rest.Prepend(first).Select(i => (byte)i).ToArray();
        var property = Prop.ForAll(Arb.From(packets), packet =>
        {
            var kind = PacketClassifier.Classify(packet);
            var isMedia = kind is PacketKind.Rtp or PacketKind.Rtcp;
            var inRange = packet[0] is >= 128 and <= 191;
            return (!isMedia || inRange) && HoldsInvariants(packet);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5_000), property);
    }

    [Fact]
    public void Classify_MutatedSamples_NeverThrowAndRespectRanges()
    {
        // The first byte is the one demultiplexing looks at (RFC 7983 §7); STUN's length word follows.
        MutatedPackets.NeverThrow(MutatedPackets.From(Seeds, [new LengthField(0, 1), new LengthField(2, 2, CountedFrom: 20)]), HoldsInvariants);
    }

    // What any answer implies about the bytes, whatever the input: the first byte is in the
    // kind's RFC 7983 range, the fixed header is there, and adding bytes cannot change the answer.
    private static bool HoldsInvariants(byte[] packet)
    {
        var kind = PacketClassifier.Classify(packet);
        if (kind == PacketKind.Unknown)
        {
            return true;
        }

        var first = packet[0];
        var fits = kind switch
        {
            PacketKind.Stun => first <= 3 && packet.Length >= 20,
            PacketKind.Zrtp => first is >= 16 and <= 19 && packet.Length >= 12,
            PacketKind.Dtls => first is >= 20 and <= 63 && packet.Length >= 13,
            PacketKind.TurnChannel => first is >= 64 and <= 79 && packet.Length >= 4,
            PacketKind.Rtp => first is >= 128 and <= 191 && (packet[1] & 0x7F) is < 64 or > 95
                && packet.Length >= 12,
            PacketKind.Rtcp => first is >= 128 and <= 191 && (packet[1] & 0x7F) is >= 64 and <= 95
                && packet.Length >= 8,
            _ => false,
        };
        return fits && PacketClassifier.Classify([.. packet, 0x00, 0xFF]) == kind;
    }

    private static byte[] With(byte[] template, int index, byte value)
    {
        var copy = template.ToArray();
        copy[index] = value;
        return copy;
    }
}
