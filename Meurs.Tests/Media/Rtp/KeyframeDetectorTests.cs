using Meurs.Media.Rtp;

namespace Meurs.Tests.Media.Rtp;

public sealed class KeyframeDetectorTests
{
    public static TheoryData<string, byte[], bool> Vp8Payloads => new()
    {
        // RFC 7741 §4.2 descriptor, then the first byte of the VP8 frame tag (P = bit 0).
        { "minimal descriptor, key frame", [0x10, 0x50, 0x9D], true },
        { "minimal descriptor, inter frame", [0x10, 0x51, 0x9D], false },
        { "not the start of a partition", [0x00, 0x50], false },
        { "start of partition 1, not 0", [0x11, 0x50], false },
        { "X, I with 7-bit PictureID", [0x90, 0x80, 0x2A, 0x50], true },
        { "X, I with 15-bit PictureID", [0x90, 0x80, 0x81, 0x23, 0x50], true },
        { "X, I 15-bit, inter frame", [0x90, 0x80, 0x81, 0x23, 0x51], false },
        { "X, I, L, T: PictureID, TL0PICIDX, TID/KEYIDX", [0x90, 0xE0, 0x2A, 0x05, 0x40, 0x50], true },
        { "X with K only", [0x90, 0x10, 0x20, 0x50], true },
        { "descriptor only, no frame byte", [0x90, 0x80, 0x2A], false },
        { "X bit but nothing after", [0x90], false },
        { "15-bit PictureID cut off", [0x90, 0x80, 0x81], false },
        { "empty", [], false },
    };

    public static TheoryData<string, byte[], bool> Vp9Payloads => new()
    {
        // RFC 9628 §4.2: |I|P|L|F|B|E|V|Z|
        { "B=1 P=0, no optional fields", [0x08, 0x00], true },
        { "B=1 P=1", [0x48, 0x00], false },
        { "B=0 P=0 (middle of a frame)", [0x00, 0x00], false },
        { "I with 15-bit picture id, B, V", [0x8A, 0x80, 0x01, 0x18], true },
        { "I, L, non-flexible: SID 0", [0xA8, 0x05, 0x00, 0x03], true },
        { "I, L, non-flexible: SID 1 predicts from the base layer", [0xA8, 0x05, 0x02, 0x03], false },
        { "L cut off", [0x28], false },
        { "I cut off", [0x88], false },
        { "empty", [], false },
    };

    public static TheoryData<string, byte[], bool> H264Payloads => new()
    {
        // RFC 6184 §5.3: |F|NRI|Type|
        { "single NAL: IDR slice (5)", [0x65, 0x88, 0x84], true },
        { "single NAL: SPS (7)", [0x67, 0x42, 0xC0, 0x1F], true },
        { "single NAL: PPS (8)", [0x68, 0xCE, 0x3C, 0x80], false },
        { "single NAL: non-IDR slice (1)", [0x41, 0x9A], false },
        { "STAP-A: SPS + PPS", [0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xCE], true },
        { "STAP-A: SEI + non-IDR", [0x78, 0x00, 0x02, 0x06, 0x05, 0x00, 0x02, 0x41, 0x9A], false },
        { "STAP-A: second NAL is IDR", [0x78, 0x00, 0x01, 0x09, 0x00, 0x02, 0x65, 0x88], true },
        { "STAP-A: size past end", [0x78, 0x00, 0x09, 0x67, 0x42], false },
        { "STAP-A: zero size", [0x78, 0x00, 0x00, 0x67], false },
        { "FU-A start of IDR", [0x7C, 0x85, 0x88], true },
        { "FU-A middle of IDR", [0x7C, 0x05, 0x88], false },
        { "FU-A end of IDR", [0x7C, 0x45, 0x88], false },
        { "FU-A start of non-IDR", [0x5C, 0x81, 0x9A], false },
        { "FU-A without FU header", [0x7C], false },
        { "STAP-B (25) is not decoded", [0x79, 0x00, 0x00, 0x00, 0x02, 0x65, 0x88], false },
        { "empty", [], false },
    };

    [Theory]
    [MemberData(nameof(Vp8Payloads))]
    public void IsKeyframe_Vp8(string description, byte[] payload, bool expected)
    {
        Assert.True(expected == KeyframeDetector.IsKeyframe(VideoCodec.Vp8, payload), description);
    }

    [Theory]
    [MemberData(nameof(Vp9Payloads))]
    public void IsKeyframe_Vp9(string description, byte[] payload, bool expected)
    {
        Assert.True(expected == KeyframeDetector.IsKeyframe(VideoCodec.Vp9, payload), description);
    }

    [Theory]
    [MemberData(nameof(H264Payloads))]
    public void IsKeyframe_H264(string description, byte[] payload, bool expected)
    {
        Assert.True(expected == KeyframeDetector.IsKeyframe(VideoCodec.H264, payload), description);
    }

    [Fact]
    public void IsKeyframe_UnknownCodec_IsFalse()
    {
        Assert.False(KeyframeDetector.IsKeyframe((VideoCodec)99, [0x65]));
    }

    [Fact]
    public void IsKeyframe_RandomPayloads_NeverThrow()
    {
        var random = new Random(6184);
        var buffer = new byte[24];
        for (var i = 0; i < 20_000; i++)
        {
            var payload = buffer.AsSpan(0, random.Next(buffer.Length + 1));
            random.NextBytes(payload);
            foreach (var codec in Enum.GetValues<VideoCodec>())
            {
                _ = KeyframeDetector.IsKeyframe(codec, payload);
            }
        }
    }
}
