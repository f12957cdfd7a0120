namespace Meurs.Tests.Media.Rtcp;

// Annotated RTCP packets shared by the tests: common header (RFC 3550 §6.4.1) then the body.
internal static class RtcpSamples
{
    // Sender report with one report block (RFC 3550 §6.4.1).
    public static readonly byte[] SenderReport =
    [
        0x81, 0xC8, 0x00, 0x0C,                         // V=2 P=0 RC=1, PT=200 SR, length 12
        0x8E, 0x3D, 0x1F, 0x27,                         // SSRC of sender
        0xE9, 0x5C, 0x2B, 0x13,                         // NTP timestamp, most significant word
        0x4F, 0x1A, 0x00, 0x00,                         // NTP timestamp, least significant word
        0x00, 0x01, 0x5F, 0x90,                         // RTP timestamp 90000
        0x00, 0x00, 0x01, 0xF4,                         // sender's packet count 500
        0x00, 0x00, 0x9C, 0x40,                         // sender's octet count 40000
        0x11, 0x22, 0x33, 0x44,                         // SSRC_1
        0x05,                                           // fraction lost 5/256
        0xFF, 0xFF, 0xFE,                               // cumulative lost -2 (duplicates)
        0x00, 0x01, 0x12, 0x34,                         // extended highest seq: 1 cycle, 0x1234
        0x00, 0x00, 0x00, 0x2A,                         // interarrival jitter 42
        0x2B, 0x13, 0x4F, 0x1A,                         // LSR: middle 32 bits of an NTP time
        0x00, 0x01, 0x80, 0x00,                         // DLSR 1.5 s in 1/65536 s
    ];

    // A compound packet from a real packet dump, as pion/rtcp's packet_test.go records it:
    // RR, SDES (CNAME), BYE, PLI, RRR (RFC 6051, kept raw) and APP (kept raw).
    public static readonly byte[] RealCompound =
    [
        // Receiver Report (offset 0)
        0x81, 0xC9, 0x00, 0x07,                         // V=2 P=0 RC=1, PT=201 RR, length 7
        0x90, 0x2F, 0x9E, 0x2E,                         // SSRC of packet sender
        0xBC, 0x5E, 0x9A, 0x40,                         // SSRC_1
        0x00, 0x00, 0x00, 0x00,                         // fraction lost 0, cumulative lost 0
        0x00, 0x00, 0x46, 0xE1,                         // extended highest seq 0x46E1
        0x00, 0x00, 0x01, 0x11,                         // jitter 273
        0x09, 0xF3, 0x64, 0x32,                         // LSR 0x09F36432
        0x00, 0x02, 0x4A, 0x79,                         // DLSR 150137

        // Source Description (offset 32)
        0x81, 0xCA, 0x00, 0x0C,                         // V=2 P=0 SC=1, PT=202 SDES, length 12
        0x90, 0x2F, 0x9E, 0x2E,                         // SSRC
        0x01, 0x26,                                     // CNAME, length 38
        0x7B, 0x39, 0x63, 0x30, 0x30, 0x65, 0x62, 0x39, // "{9c00eb9"
        0x32, 0x2D, 0x31, 0x61, 0x66, 0x62, 0x2D, 0x39, // "2-1afb-9"
        0x64, 0x34, 0x39, 0x2D, 0x61, 0x34, 0x37, 0x64, // "d49-a47d"
        0x2D, 0x39, 0x31, 0x66, 0x36, 0x34, 0x65, 0x65, // "-91f64ee"
        0x65, 0x36, 0x39, 0x66, 0x35, 0x7D,             // "e69f5}"
        0x00, 0x00, 0x00, 0x00,                         // END, then zeros to the boundary

        // Goodbye (offset 84)
        0x81, 0xCB, 0x00, 0x01,                         // V=2 P=0 SC=1, PT=203 BYE, length 1
        0x90, 0x2F, 0x9E, 0x2E,                         // SSRC

        // Picture Loss Indication (offset 92)
        0x81, 0xCE, 0x00, 0x02,                         // V=2 P=0 FMT=1, PT=206 PSFB, length 2
        0x90, 0x2F, 0x9E, 0x2E,                         // SSRC of packet sender
        0x90, 0x2F, 0x9E, 0x2E,                         // SSRC of media source

        // Rapid Resynchronisation Request (offset 104)
        0x85, 0xCD, 0x00, 0x02,                         // V=2 P=0 FMT=5, PT=205 RTPFB, length 2
        0x90, 0x2F, 0x9E, 0x2E,                         // SSRC of packet sender
        0x90, 0x2F, 0x9E, 0x2E,                         // SSRC of media source

        // Application-defined (offset 116)
        0x80, 0xCC, 0x00, 0x03,                         // V=2 P=0 subtype 0, PT=204 APP, length 3
        0x4B, 0xAA, 0xE1, 0xAB,                         // SSRC
        0x4E, 0x41, 0x4D, 0x45,                         // name "NAME"
        0x41, 0x42, 0x43, 0x44,                         // data "ABCD"
    ];

    // SDES with two chunks, the first with three items and the END landing mid-word.
    public static readonly byte[] SourceDescription =
    [
        0x82, 0xCA, 0x00, 0x08,                         // V=2 P=0 SC=2, PT=202 SDES, length 8
        0x11, 0x11, 0x11, 0x11,                         // SSRC of chunk 1
        0x01, 0x03, 0x61, 0x40, 0x62,                   // CNAME, 3: "a@b"
        0x02, 0x03, 0x41, 0x6E, 0x6E,                   // NAME, 3: "Ann"
        0x06, 0x05, 0x4D, 0x65, 0x75, 0x72, 0x73,       // TOOL, 5: "Meurs"
        0x00,                                           // END: 4+5+5+7+1 = 22 ...
        0x00, 0x00,                                     // ... zeros to 24
        0x22, 0x22, 0x22, 0x22,                         // SSRC of chunk 2
        0x00, 0x00, 0x00, 0x00,                         // no items: END and three zeros
    ];

    // BYE for two sources with a reason (RFC 3550 §6.6).
    public static readonly byte[] Goodbye =
    [
        0x82, 0xCB, 0x00, 0x04,                         // V=2 P=0 SC=2, PT=203 BYE, length 4
        0x11, 0x22, 0x33, 0x44,                         // SSRC 1
        0x55, 0x66, 0x77, 0x88,                         // SSRC 2
        0x05, 0x63, 0x6C, 0x6F,                         // reason length 5, "clo"
        0x73, 0x65, 0x00, 0x00,                         // "se", zeros to the boundary
    ];

    // Generic NACK (RFC 4585 §6.2.1) for 258 with BLP 0x0005: 258, 259 and 261 lost.
    public static readonly byte[] Nack =
    [
        0x81, 0xCD, 0x00, 0x04,                         // V=2 P=0 FMT=1, PT=205 RTPFB, length 4
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x11, 0x22, 0x33, 0x44,                         // SSRC of media source
        0x01, 0x02, 0x00, 0x05,                         // PID 258, BLP bits 0 and 2
        0xFF, 0xFF, 0x80, 0x00,                         // PID 65535, BLP bit 15: 65535 and 15
    ];

    // PLI (RFC 4585 §6.3.1), no FCI.
    public static readonly byte[] Pli =
    [
        0x81, 0xCE, 0x00, 0x02,                         // V=2 P=0 FMT=1, PT=206 PSFB, length 2
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x11, 0x22, 0x33, 0x44,                         // SSRC of media source
    ];

    // FIR (RFC 5104 §4.3.1) with two entries.
    public static readonly byte[] Fir =
    [
        0x84, 0xCE, 0x00, 0x06,                         // V=2 P=0 FMT=4, PT=206 PSFB, length 6
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x00, 0x00, 0x00, 0x00,                         // SSRC of media source: unused, 0
        0x11, 0x22, 0x33, 0x44,                         // entry 1: SSRC
        0x07, 0x00, 0x00, 0x00,                         //          seq nr 7, reserved
        0x55, 0x66, 0x77, 0x88,                         // entry 2: SSRC
        0xFF, 0x00, 0x00, 0x00,                         //          seq nr 255, reserved
    ];

    // REMB sent by Chrome while watching a 6 Mb/s stream, as recorded in pion/rtcp's
    // receiver_estimated_maximum_bitrate_test.go.
    public static readonly byte[] ChromeRemb =
    [
        0x8F, 0xCE, 0x00, 0x05,                         // V=2 P=0 FMT=15, PT=206 PSFB, length 5
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x00, 0x00, 0x00, 0x00,                         // SSRC of media source, 0
        0x52, 0x45, 0x4D, 0x42,                         // "REMB"
        0x01,                                           // Num SSRC 1
        0x1A,                                           // BR Exp 6 (0x1A >> 2), mantissa high bits 2
        0x20, 0xDF,                                     // mantissa 0x220DF = 139487; 139487 << 6 = 8927168
        0x48, 0x74, 0xED, 0x16,                         // SSRC feedback 1215622422
    ];

    // Transport-wide CC feedback sent by Chrome (pion/rtcp transport_layer_cc_test.go
    // "example1"): one packet, aligned with RTCP padding as libwebrtc does.
    public static readonly byte[] ChromeTwccOnePacket =
    [
        0xAF, 0xCD, 0x00, 0x05,                         // V=2 P=1 FMT=15, PT=205 RTPFB, length 5
        0xFA, 0x17, 0xFA, 0x17,                         // SSRC of packet sender
        0x43, 0x03, 0x2F, 0xA0,                         // SSRC of media source
        0x00, 0x99,                                     // base sequence number 153
        0x00, 0x01,                                     // packet status count 1
        0x3D, 0xE8, 0x02,                               // reference time 4057090 (x 64 ms)
        0x17,                                           // fb pkt. count 23
        0x20, 0x01,                                     // run length chunk: T=0 S=01 (small delta), run 1
        0x94,                                           // recv delta 148 x 250 µs = 37 ms
        0x01,                                           // padding, count 1
    ];

    // Chrome again ("example4"): seven packets in one run, three bytes of padding.
    public static readonly byte[] ChromeTwccSevenPackets =
    [
        0xAF, 0xCD, 0x00, 0x07,                         // V=2 P=1 FMT=15, PT=205 RTPFB, length 7
        0xFA, 0x17, 0xFA, 0x17,                         // SSRC of packet sender
        0x19, 0x3D, 0xD8, 0xBB,                         // SSRC of media source
        0x00, 0x04,                                     // base sequence number 4
        0x00, 0x07,                                     // packet status count 7
        0x10, 0x63, 0x6E,                               // reference time 1074030
        0x01,                                           // fb pkt. count 1
        0x20, 0x07,                                     // run length chunk: small delta, run 7
        0x4C, 0x24, 0x24, 0x10, 0x0C, 0x0C, 0x10,       // recv deltas 76 36 36 16 12 12 16
        0x00, 0x00, 0x03,                               // padding, count 3
    ];

    // TWCC with the draft's one-bit status vector example (§3.1.4: 0x9F1C).
    public static readonly byte[] TwccOneBitVector =
    [
        0xAF, 0xCD, 0x00, 0x07,                         // V=2 P=1 FMT=15, PT=205, length 7
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x00, 0x00, 0x00, 0x02,                         // SSRC of media source
        0x01, 0x00,                                     // base sequence number 256
        0x00, 0x0E,                                     // packet status count 14
        0x00, 0x00, 0x10,                               // reference time 16
        0x00,                                           // fb pkt. count 0
        0x9F, 0x1C,                                     // |1|0|0 1 1 1 1 1 0 0 0 1 1 1 0 0|
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, // 8 small recv deltas
        0x00, 0x02,                                     // padding, count 2
    ];

    // TWCC with the draft's run length example (§3.1.3: 221 x not received, 0x00DD) then one
    // received packet; the sequence numbers wrap past 65535.
    public static readonly byte[] TwccRunLengths =
    [
        0xAF, 0xCD, 0x00, 0x06,                         // V=2 P=1 FMT=15, PT=205, length 6
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x00, 0x00, 0x00, 0x02,                         // SSRC of media source
        0xFF, 0xC0,                                     // base sequence number 65472
        0x00, 0xDE,                                     // packet status count 222
        0x80, 0x00, 0x00,                               // reference time -8388608 (most negative)
        0xFF,                                           // fb pkt. count 255
        0x00, 0xDD,                                     // |0|0 0|0 0 0 0 0 1 1 0 1 1 1 0 1|: 221 not received
        0x20, 0x01,                                     // run of 1, small delta
        0xFA,                                           // recv delta 250 = 62.5 ms
        0x00, 0x00, 0x03,                               // padding, count 3
    ];

    // TWCC with a two-bit status vector: small, lost, large negative, small 255, lost, large, small.
    public static readonly byte[] TwccTwoBitVector =
    [
        0xAF, 0xCD, 0x00, 0x07,                         // V=2 P=1 FMT=15, PT=205, length 7
        0x00, 0x00, 0x00, 0x01,                         // SSRC of packet sender
        0x00, 0x00, 0x00, 0x02,                         // SSRC of media source
        0xFF, 0xFE,                                     // base sequence number 65534
        0x00, 0x07,                                     // packet status count 7
        0xFF, 0xFF, 0xFF,                               // reference time -1
        0x05,                                           // fb pkt. count 5
        0xD2, 0x49,                                     // |1|1|01 00 10 01 00 10 01|
        0x04,                                           // 65534: +1 ms
        0xFF, 0xFC,                                     // 0: -1 ms (large, signed)
        0xFF,                                           // 1: 63.75 ms
        0x01, 0x2C,                                     // 3: 75 ms (large)
        0x00,                                           // 4: 0
        0x00, 0x00, 0x03,                               // padding, count 3
    ];

    public static readonly byte[][] All =
    [
        SenderReport, RealCompound, SourceDescription, Goodbye, Nack, Pli, Fir, ChromeRemb,
        ChromeTwccOnePacket, ChromeTwccSevenPackets, TwccOneBitVector, TwccRunLengths, TwccTwoBitVector,
    ];
}
