using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Rtp;

namespace Meurs.Tests.Media.Rtp;

public sealed class RtpHeaderExtensionTests
{
    [Fact]
    public void Write_SmallElements_UsesOneByteFormAndPadsToWord()
    {
        RtpHeaderExtension[] elements =
        [
            new(1, new byte[] { 0xBA }),
            new(3, new byte[] { 0x00, 0x2A }),
        ];

        var body = RtpHeaderExtensionWriter.Write(elements, out var profile);

        Assert.Equal(RtpHeaderExtensionEnumerator.OneByteProfile, profile);
        byte[] expected =
        [
            0x10, 0xBA,                                 // ID 1 L=0
            0x31, 0x00, 0x2A,                           // ID 3 L=1
            0x00, 0x00, 0x00,                           // padding
        ];
        Assert.Equal(expected, body);
    }

    [Theory]
    [InlineData(15, 1)]   // ID 15 is reserved in the one-byte form
    [InlineData(1, 17)]   // more than 16 bytes
    [InlineData(1, 0)]    // no data
    public void Write_ElementOutsideOneByteLimits_UsesTwoByteForm(int id, int length)
    {
        RtpHeaderExtension[] elements = [new((byte)id, new byte[length])];

        var body = RtpHeaderExtensionWriter.Write(elements, out var profile);

        Assert.Equal(RtpHeaderExtensionEnumerator.TwoByteProfile, profile);
        Assert.Equal(id, body[0]);
        Assert.Equal(length, body[1]);
        Assert.Equal((2 + length + 3) & ~3, body.Length);
    }

    [Fact]
    public void Write_Rfc8285TwoByteElements_MatchExampleExceptPaddingPlace()
    {
        RtpHeaderExtension[] elements =
        [
            new(1, Array.Empty<byte>()),
            new(2, new byte[] { 0xDD }),
            new(3, new byte[] { 0x01, 0x02, 0x03, 0x04 }),
        ];

        var body = RtpHeaderExtensionWriter.Write(elements, out var profile);

        Assert.Equal(RtpHeaderExtensionEnumerator.TwoByteProfile, profile);
        byte[] expected =
        [
            0x01, 0x00,                                 // ID 1 L=0
            0x02, 0x01, 0xDD,                           // ID 2 L=1, data
            0x03, 0x04, 0x01, 0x02, 0x03, 0x04,         // ID 3 L=4, data
            0x00,                                       // padding at the end, not in the middle
        ];
        Assert.Equal(expected, body);
    }

    [Fact]
    public void Write_ForceTwoByte_UsesTwoByteForm()
    {
        var body = RtpHeaderExtensionWriter.Write([new(1, new byte[] { 0xAA })], out var profile, forceTwoByte: true);

        Assert.Equal(RtpHeaderExtensionEnumerator.TwoByteProfile, profile);
        Assert.Equal([0x01, 0x01, 0xAA, 0x00], body);
    }

    [Fact]
    public void Write_InvalidElements_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => RtpHeaderExtensionWriter.Write([new(0, new byte[] { 1 })], out _));
        Assert.Throws<ArgumentException>(() => RtpHeaderExtensionWriter.Write([new(1, new byte[256])], out _));
        Assert.False(RtpHeaderExtensionWriter.TryWrite(new byte[3], [new(1, new byte[] { 1, 2, 3 })], false, out _, out _));
    }

    [Fact]
    public void Write_Empty_IsEmptyOneByteBody()
    {
        var body = RtpHeaderExtensionWriter.Write([], out var profile);

        Assert.Empty(body);
        Assert.Equal(RtpHeaderExtensionEnumerator.OneByteProfile, profile);
    }

    [Fact]
    public void WriteThenEnumerate_RandomElements_RoundTrip()
    {
        var bytes = Gen.Choose(0, 255).Select(i => (byte)i);
        var element =
            from id in Gen.Choose(1, 255)
            from length in Gen.Choose(0, 20)
            from data in Gen.ArrayOf(bytes, length)
            select new RtpHeaderExtension((byte)id, data);
        var lists = Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(element, n));
        var property = Prop.ForAll(Arb.From(lists), elements =>
        {
            var body = RtpHeaderExtensionWriter.Write(elements, out var profile);
            var enumerator = new RtpHeaderExtensionEnumerator(profile, body, 0);
            var read = new List<(byte, byte[])>();
            while (enumerator.MoveNext())
            {
                read.Add((enumerator.Current.Id, enumerator.Current.Data.ToArray()));
            }

            return body.Length % 4 == 0
                && !enumerator.IsMalformed
                && read.Count == elements.Length
                && read.Select((r, i) => r.Item1 == elements[i].Id && r.Item2.SequenceEqual(elements[i].Data.ToArray())).All(x => x);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Theory]
    [InlineData(0x00, false, 0)]
    [InlineData(0x7F, false, 127)]
    [InlineData(0x80, true, 0)]
    [InlineData(0xBA, true, 58)]
    public void AudioLevel_ReadsFlagAndLevel(byte data, bool voice, byte level)
    {
        Assert.True(AudioLevelExtension.TryRead([data], out var readVoice, out var readLevel));
        Assert.Equal(voice, readVoice);
        Assert.Equal(level, readLevel);

        var written = new byte[1];
        Assert.True(AudioLevelExtension.TryWrite(written, voice, level));
        Assert.Equal(data, written[0]);
    }

    [Fact]
    public void AudioLevel_EmptyOrOutOfRange_Fails()
    {
        Assert.False(AudioLevelExtension.TryRead([], out _, out _));
        Assert.False(AudioLevelExtension.TryWrite(new byte[1], true, 128));
        Assert.False(AudioLevelExtension.TryWrite([], true, 1));
    }

    [Fact]
    public void AbsSendTime_FixedPoint_ConvertsBothWays()
    {
        // 6.18 fixed point: 1.5 s is 1 << 18 plus half of that.
        Assert.Equal(0x060000u, AbsSendTimeExtension.FromTime(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(TimeSpan.FromSeconds(1.5), AbsSendTimeExtension.ToTime(0x060000));

        // The 6 integer bits wrap every 64 seconds.
        Assert.Equal(0x040000u, AbsSendTimeExtension.FromTime(TimeSpan.FromSeconds(65)));
        Assert.Equal(0xFFFFFFu, AbsSendTimeExtension.FromTime(TimeSpan.FromSeconds(64) - TimeSpan.FromTicks(1)));
        // Whole seconds and the fraction are shifted apart, so far-off clocks do not overflow:
        // 10,000 days is a multiple of 64 s.
        Assert.Equal(0x060000u, AbsSendTimeExtension.FromTime(TimeSpan.FromDays(10_000) + TimeSpan.FromSeconds(1.5)));
        _ = AbsSendTimeExtension.FromTime(TimeSpan.MaxValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => AbsSendTimeExtension.FromTime(TimeSpan.FromTicks(-1)));

        var data = new byte[3];
        Assert.True(AbsSendTimeExtension.TryWrite(data, 0x12345678));
        Assert.Equal([0x34, 0x56, 0x78], data);
        Assert.True(AbsSendTimeExtension.TryRead(data, out var value));
        Assert.Equal(0x345678u, value);
        Assert.False(AbsSendTimeExtension.TryRead(new byte[2], out _));
        Assert.False(AbsSendTimeExtension.TryWrite(new byte[2], 1));
    }

    [Fact]
    public void TransportSequenceNumber_IsBigEndian16Bits()
    {
        Assert.True(TransportSequenceNumberExtension.TryRead([0xFF, 0xFE], out var sequence));
        Assert.Equal(65534, sequence);
        Assert.False(TransportSequenceNumberExtension.TryRead([0x01], out _));
        Assert.False(TransportSequenceNumberExtension.TryRead([0x01, 0x02, 0x03], out _));
        var data = new byte[2];
        Assert.True(TransportSequenceNumberExtension.TryWrite(data, 0x1234));
        Assert.Equal([0x12, 0x34], data);
    }

    [Theory]
    [InlineData(new byte[] { 0x30 }, "0")]
    [InlineData(new byte[] { 0x61, 0x75, 0x64, 0x69, 0x6F }, "audio")]
    [InlineData(new byte[] { 0x31, 0x00, 0x00 }, "1")]        // zero padding after the value
    public void Mid_ReadsToken(byte[] data, string expected)
    {
        Assert.True(MidExtension.TryRead(data, out var mid));
        Assert.Equal(expected, mid);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x00, 0x31 })]
    [InlineData(new byte[] { 0x20 })]                         // space is not a token char
    [InlineData(new byte[] { 0xC3, 0xA9 })]                   // non-ASCII
    public void Mid_RejectsNonToken(byte[] data)
    {
        Assert.False(MidExtension.TryRead(data, out var mid));
        Assert.Null(mid);
    }

    [Fact]
    public void Mid_Write_EncodesAsciiToken()
    {
        var data = new byte[16];

        Assert.True(MidExtension.TryWrite(data, "video-1", out var written));
        Assert.Equal("video-1"u8.ToArray(), data[..written]);
        Assert.False(MidExtension.TryWrite(data, "", out _));
        Assert.False(MidExtension.TryWrite(data, "a b", out _));
        Assert.False(MidExtension.TryWrite(data, "é", out _));
        Assert.False(MidExtension.TryWrite(new byte[2], "abc", out _));
    }

    [Fact]
    public void Map_PairsIdsAndUrisBothWays()
    {
        var map = new RtpHeaderExtensionMap();

        Assert.True(map.TryAdd(1, RtpHeaderExtensionMap.AudioLevelUri));
        Assert.True(map.TryAdd(3, RtpHeaderExtensionMap.TransportWideCcUri));
        Assert.True(map.TryAdd(4, RtpHeaderExtensionMap.MidUri));
        Assert.False(map.TryAdd(1, RtpHeaderExtensionMap.AbsSendTimeUri));  // ID taken
        Assert.False(map.TryAdd(2, RtpHeaderExtensionMap.MidUri));          // URI taken
        Assert.False(map.TryAdd(0, RtpHeaderExtensionMap.AbsSendTimeUri));  // ID 0 is padding
        Assert.False(map.TryAdd(2, ""));

        Assert.Equal(3, map.Count);
        Assert.True(map.TryGetUri(3, out var uri));
        Assert.Equal("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", uri);
        Assert.True(map.TryGetId("urn:ietf:params:rtp-hdrext:sdes:mid", out var id));
        Assert.Equal(4, id);
        Assert.Equal(0, map.GetIdOrZero(RtpHeaderExtensionMap.AbsSendTimeUri));
        Assert.False(map.TryGetUri(2, out _));
    }

    [Fact]
    public void Map_UriConstants_AreTheStandardOnes()
    {
        Assert.Equal("urn:ietf:params:rtp-hdrext:sdes:mid", RtpHeaderExtensionMap.MidUri);
        Assert.Equal("urn:ietf:params:rtp-hdrext:ssrc-audio-level", RtpHeaderExtensionMap.AudioLevelUri);
        Assert.Equal("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", RtpHeaderExtensionMap.AbsSendTimeUri);
    }
}
