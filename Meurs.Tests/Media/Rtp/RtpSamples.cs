namespace Meurs.Tests.Media.Rtp;

// Annotated sample packets shared by the RTP tests (RFC 3550 §5.1 field order throughout).
internal static class RtpSamples
{
    // The packet pion/rtp, webrtc-rs and others use as their basic RTP test vector: a
    // non-RFC 8285 extension (profile 0x0001) with one opaque word.
    public static readonly byte[] PionBasic =
    [
        0x90,                                           // V=2 P=0 X=1 CC=0
        0xE0,                                           // M=1 PT=96
        0x69, 0x8F,                                     // sequence number 27023
        0xD9, 0xC2, 0x93, 0xDA,                         // timestamp 3653407706
        0x1C, 0x64, 0x27, 0x82,                         // SSRC 476325762
        0x00, 0x01, 0x00, 0x01,                         // profile 0x0001, 1 word
        0xFF, 0xFF, 0xFF, 0xFF,                         // opaque extension word
        0x98, 0x36, 0xBE, 0x88, 0x9E,                   // payload
    ];

    // Opus as a browser sends it: one-byte extension with the audio level (RFC 6464 §3).
    public static readonly byte[] OpusWithAudioLevel =
    [
        0x90,                                           // V=2 P=0 X=1 CC=0
        0x6F,                                           // M=0 PT=111
        0x4A, 0x3C,                                     // sequence number 19004
        0x00, 0x01, 0x5F, 0x90,                         // timestamp 90000
        0x8E, 0x3D, 0x1F, 0x27,                         // SSRC 0x8E3D1F27
        0xBE, 0xDE, 0x00, 0x01,                         // one-byte form, 1 word
        0x10, 0xBA,                                     // ID 1 L=0: V=1, level 58 -dBov
        0x00, 0x00,                                     // padding
        0x78,                                           // Opus TOC: config 15, mono, 1 frame
        0x0B, 0xE4, 0xC1, 0x36, 0xEC, 0xC5, 0x80,       // Opus frame
    ];

    // The first packet of a VP8 keyframe with the elements a Chromium sender adds.
    public static readonly byte[] Vp8KeyframeWithExtensions =
    [
        0x90,                                           // V=2 P=0 X=1 CC=0
        0x60,                                           // M=0 PT=96
        0x12, 0x34,                                     // sequence number 4660
        0x00, 0x00, 0x0B, 0xB8,                         // timestamp 3000
        0x11, 0x22, 0x33, 0x44,                         // SSRC
        0xBE, 0xDE, 0x00, 0x03,                         // one-byte form, 3 words
        0x22, 0x12, 0x34, 0x56,                         // ID 2 L=2: abs-send-time 0x123456
        0x31, 0x00, 0x2A,                               // ID 3 L=1: transport-wide seq 42
        0x40, 0x30,                                     // ID 4 L=0: mid "0"
        0x00, 0x00, 0x00,                               // padding to the word
        0x90,                                           // VP8: X=1 S=1 PID=0
        0x80,                                           // I=1
        0x2A,                                           // M=0 PictureID 42
        0x50,                                           // VP8 frame tag: P=0, a key frame
        0x00, 0x00, 0x9D, 0x01, 0x2A,                   // ... and the key frame start code
    ];

    // PCMU with two CSRCs (a mixer's output) and 4 bytes of padding.
    public static readonly byte[] PaddedWithCsrcs =
    [
        0xA2,                                           // V=2 P=1 X=0 CC=2
        0x00,                                           // M=0 PT=0 (PCMU)
        0x00, 0x01,                                     // sequence number 1
        0x00, 0x00, 0x00, 0xA0,                         // timestamp 160
        0xDE, 0xAD, 0xBE, 0xEF,                         // SSRC
        0x00, 0x00, 0x00, 0x01,                         // CSRC 1
        0x00, 0x00, 0x00, 0x02,                         // CSRC 2
        0xFF, 0xFF, 0xFF, 0xFF,                         // payload
        0x00, 0x00, 0x00, 0x04,                         // padding, count 4 (itself included)
    ];

    // RFC 8285 §4.2's one-byte example: elements of 1, 2 and 4 bytes with two padding bytes
    // between the second and third. The RFC leaves IDs and data open; these are 1, 2, 3.
    public static readonly byte[] Rfc8285OneByteExample =
    [
        0x80 | 0x10, 0x60,                              // V=2 X=1, PT=96
        0x00, 0x07, 0x00, 0x00, 0x00, 0x10,             // sequence number 7, timestamp 16
        0x00, 0x00, 0x00, 0x09,                         // SSRC 9
        0xBE, 0xDE, 0x00, 0x03,                         // 0xBEDE, length=3
        0x10, 0xAA,                                     // ID 1 L=0, data
        0x21, 0xBB, 0xCC,                               // ID 2 L=1, data data
        0x00, 0x00,                                     // 0 (pad) 0 (pad)
        0x33,                                           // ID 3 L=3
        0x01, 0x02, 0x03, 0x04,                         // data (4 bytes)
    ];

    // RFC 8285 §4.3's two-byte example: elements of 0, 1 and 4 bytes with one padding byte.
    public static readonly byte[] Rfc8285TwoByteExample =
    [
        0x90, 0x60,                                     // V=2 X=1, PT=96
        0x00, 0x07, 0x00, 0x00, 0x00, 0x10,             // sequence number 7, timestamp 16
        0x00, 0x00, 0x00, 0x09,                         // SSRC 9
        0x10, 0x00, 0x00, 0x03,                         // 0x1000 (appbits 0), length=3
        0x01, 0x00,                                     // ID 1 L=0 (no data)
        0x02, 0x01,                                     // ID 2 L=1
        0xDD,                                           // data
        0x00,                                           // 0 (pad)
        0x03, 0x04,                                     // ID 3 L=4
        0x01, 0x02, 0x03, 0x04,                         // data
    ];

    public static readonly byte[][] All =
    [
        PionBasic, OpusWithAudioLevel, Vp8KeyframeWithExtensions, PaddedWithCsrcs,
        Rfc8285OneByteExample, Rfc8285TwoByteExample,
    ];
}
