using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Rtcp;

namespace Meurs.Tests.Media.Rtcp;

public sealed class RtcpReportTests
{
    [Fact]
    public void ToNtpTimestamp_KnownInstants()
    {
        // RFC 5905 §6: era 0 starts 1900-01-01; the Unix epoch is 2,208,988,800 s later (RFC 868).
        Assert.Equal(0UL, SenderReport.ToNtpTimestamp(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(2_208_988_800UL << 32, SenderReport.ToNtpTimestamp(DateTimeOffset.UnixEpoch));
        Assert.Equal((2_208_988_800UL << 32) | 0x8000_0000, SenderReport.ToNtpTimestamp(DateTimeOffset.UnixEpoch.AddMilliseconds(500)));
        Assert.Equal((2_208_988_801UL << 32) | 0x4000_0000, SenderReport.ToNtpTimestamp(new DateTimeOffset(1970, 1, 1, 1, 0, 1, TimeSpan.FromHours(1)).AddMilliseconds(250)));
    }

    [Fact]
    public void SenderReport_Sample_ReadsEveryFieldAndRewritesSameBytes()
    {
        var sr = RtcpTestKit.ParseAndRewrite<SenderReport>(RtcpSamples.SenderReport, SenderReport.TryParse);

        Assert.Equal(0x8E3D1F27u, sr.Ssrc);
        Assert.Equal(0xE95C2B134F1A0000ul, sr.NtpTimestamp);
        Assert.Equal(90000u, sr.RtpTimestamp);
        Assert.Equal(500u, sr.PacketCount);
        Assert.Equal(40000u, sr.OctetCount);
        var block = Assert.Single(sr.Reports);
        Assert.Equal(new ReceptionReport(0x11223344, 5, -2, 0x00011234, 42, 0x2B134F1A, 0x18000), block);
        Assert.True(sr.ProfileExtension.IsEmpty);
    }

    [Fact]
    public void SenderReport_WithPadding_DropsPaddingOnParse()
    {
        byte[] padded =
        [
            0xA0, 0xC8, 0x00, 0x07,                     // V=2 P=1 RC=0, PT=200, length 7
            .. RtcpSamples.SenderReport.AsSpan(4, 24),  // sender info
            0x00, 0x00, 0x00, 0x04,                     // padding, count 4
        ];

        Assert.True(SenderReport.TryParse(padded, out var sr));

        Assert.Empty(sr.Reports);
        Assert.True(sr.ProfileExtension.IsEmpty);
        Assert.Equal(40000u, sr.OctetCount);
        byte[] unpadded = [0x80, 0xC8, 0x00, 0x06, .. RtcpSamples.SenderReport.AsSpan(4, 24)];
        Assert.Equal(unpadded, RtcpTestKit.Write(sr));
    }

    [Fact]
    public void SenderReport_ReportCountPastEnd_Fails()
    {
        var bytes = RtcpSamples.SenderReport.ToArray();
        bytes[0] = 0x82; // RC=2, one block present

        Assert.False(SenderReport.TryParse(bytes, out _));
    }

    [Fact]
    public void SenderReport_ShorterThanSenderInfo_Fails()
    {
        byte[] bytes = [0x80, 0xC8, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01];

        Assert.False(SenderReport.TryParse(bytes, out _));
    }

    [Fact]
    public void SenderReport_WrongTypeOrTrailingBytes_Fails()
    {
        Assert.False(SenderReport.TryParse(RtcpSamples.Pli, out _));
        Assert.False(SenderReport.TryParse([.. RtcpSamples.SenderReport, 0x00, 0x00, 0x00, 0x00], out _));
    }

    [Fact]
    public void ReceiverReport_RealCapture_ReadsBlock()
    {
        var bytes = RtcpSamples.RealCompound.AsSpan(0, 32).ToArray();

        var rr = RtcpTestKit.ParseAndRewrite<ReceiverReport>(bytes, ReceiverReport.TryParse);

        Assert.Equal(0x902F9E2Eu, rr.Ssrc);
        var block = Assert.Single(rr.Reports);
        Assert.Equal(new ReceptionReport(0xBC5E9A40, 0, 0, 0x46E1, 273, 0x09F36432, 150137), block);
    }

    [Fact]
    public void ReceiverReport_EmptyWithProfileExtension_RoundTrips()
    {
        byte[] bytes =
        [
            0x80, 0xC9, 0x00, 0x02,                     // V=2 P=0 RC=0, PT=201, length 2
            0x00, 0x00, 0x00, 0x01,                     // SSRC of packet sender
            0xCA, 0xFE, 0xBA, 0xBE,                     // profile-specific extension
        ];

        var rr = RtcpTestKit.ParseAndRewrite<ReceiverReport>(bytes, ReceiverReport.TryParse);

        Assert.Empty(rr.Reports);
        Assert.Equal([0xCA, 0xFE, 0xBA, 0xBE], rr.ProfileExtension.ToArray());
    }

    [Fact]
    public void ReceptionReport_CumulativeLost_IsClampedTo24Bits()
    {
        var rr = new ReceiverReport
        {
            Reports = [new ReceptionReport(1, 0, int.MaxValue, 0, 0, 0, 0), new ReceptionReport(2, 0, int.MinValue, 0, 0, 0, 0)],
        };

        Assert.True(ReceiverReport.TryParse(RtcpTestKit.Write(rr), out var parsed));

        Assert.Equal(ReceptionReport.MaxCumulativeLost, parsed.Reports[0].CumulativeLost);
        Assert.Equal(ReceptionReport.MinCumulativeLost, parsed.Reports[1].CumulativeLost);
    }

    [Fact]
    public void Reports_TooManyBlocks_AreRefused()
    {
        var blocks = new ReceptionReport[32];

        Assert.Equal(-1, new ReceiverReport { Reports = blocks }.GetLength());
        Assert.Equal(-1, new SenderReport { Reports = blocks }.GetLength());
        Assert.Equal(-1, new SenderReport { ProfileExtension = new byte[3] }.GetLength());
        Assert.False(new ReceiverReport().TryWrite(new byte[7], out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void SourceDescription_RealCapture_ReadsCname()
    {
        var bytes = RtcpSamples.RealCompound.AsSpan(32, 52).ToArray();

        var sdes = RtcpTestKit.ParseAndRewrite<SourceDescription>(bytes, SourceDescription.TryParse);

        var chunk = Assert.Single(sdes.Chunks);
        Assert.Equal(0x902F9E2Eu, chunk.Source);
        Assert.Equal(
            new SourceDescriptionItem(SourceDescriptionItemType.Cname, "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}"),
            Assert.Single(chunk.Items));
        Assert.Equal(bytes, RtcpTestKit.Write(SourceDescription.Cname(0x902F9E2E, "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}")));
    }

    [Fact]
    public void SourceDescription_TwoChunks_ReadsItemsInOrder()
    {
        var sdes = RtcpTestKit.ParseAndRewrite<SourceDescription>(RtcpSamples.SourceDescription, SourceDescription.TryParse);

        Assert.Equal(2, sdes.Chunks.Count);
        Assert.Equal(0x11111111u, sdes.Chunks[0].Source);
        Assert.Equal(
            [
                new SourceDescriptionItem(SourceDescriptionItemType.Cname, "a@b"),
                new SourceDescriptionItem(SourceDescriptionItemType.Name, "Ann"),
                new SourceDescriptionItem(SourceDescriptionItemType.Tool, "Meurs"),
            ],
            sdes.Chunks[0].Items);
        Assert.Equal(0x22222222u, sdes.Chunks[1].Source);
        Assert.Empty(sdes.Chunks[1].Items);
    }

    [Fact]
    public void SourceDescription_ItemLengthPastEnd_Fails()
    {
        var bytes = RtcpSamples.SourceDescription.ToArray();
        bytes[9] = 0x40; // CNAME claims 64 bytes

        Assert.False(SourceDescription.TryParse(bytes, out _));
    }

    [Fact]
    public void SourceDescription_NoEndOctet_Fails()
    {
        byte[] bytes =
        [
            0x81, 0xCA, 0x00, 0x02,                     // SC=1, length 2
            0x11, 0x11, 0x11, 0x11,                     // SSRC
            0x01, 0x02, 0x61, 0x62,                     // CNAME "ab", then the packet ends
        ];

        Assert.False(SourceDescription.TryParse(bytes, out _));
    }

    [Fact]
    public void SourceDescription_ChunkCountPastEnd_Fails()
    {
        var bytes = RtcpSamples.SourceDescription.ToArray();
        bytes[0] = 0x83; // SC=3, two chunks present

        Assert.False(SourceDescription.TryParse(bytes, out _));
    }

    [Fact]
    public void SourceDescription_TextTooLongOrEndItem_IsRefused()
    {
        var tooLong = SourceDescription.Cname(1, new string('x', 256));
        var endItem = new SourceDescription
        {
            Chunks = [new SourceDescriptionChunk { Items = [new SourceDescriptionItem(SourceDescriptionItemType.End, "")] }],
        };

        Assert.Equal(-1, tooLong.GetLength());
        Assert.Equal(-1, endItem.GetLength());
    }

    [Fact]
    public void Goodbye_WithReason_ReadsSourcesAndReason()
    {
        var bye = RtcpTestKit.ParseAndRewrite<Goodbye>(RtcpSamples.Goodbye, Goodbye.TryParse);

        Assert.Equal([0x11223344u, 0x55667788u], bye.Sources);
        Assert.Equal("close", bye.Reason);
    }

    [Fact]
    public void Goodbye_RealCapture_HasNoReason()
    {
        var bytes = RtcpSamples.RealCompound.AsSpan(84, 8).ToArray();

        var bye = RtcpTestKit.ParseAndRewrite<Goodbye>(bytes, Goodbye.TryParse);

        Assert.Equal([0x902F9E2Eu], bye.Sources);
        Assert.Null(bye.Reason);
    }

    [Fact]
    public void Goodbye_ReasonLengthPastEnd_Fails()
    {
        var bytes = RtcpSamples.Goodbye.ToArray();
        bytes[12] = 0x08; // 8 bytes of reason claimed, 7 follow

        Assert.False(Goodbye.TryParse(bytes, out _));
    }

    [Fact]
    public void Goodbye_SourceCountPastEnd_Fails()
    {
        var bytes = RtcpSamples.Goodbye.ToArray();
        bytes[0] = 0x85; // SC=5

        Assert.False(Goodbye.TryParse(bytes, out _));
    }

    [Fact]
    public void Reports_RandomValues_RoundTrip()
    {
        var uints = Gen.Choose(0, 0xFFFF).SelectMany(hi => Gen.Choose(0, 0xFFFF).Select(lo => ((uint)hi << 16) | (uint)lo));
        var blocks =
            from ssrc in uints
            from fraction in Gen.Choose(0, 255)
            from lost in Gen.Choose(ReceptionReport.MinCumulativeLost, ReceptionReport.MaxCumulativeLost)
            from highest in uints
            from jitter in uints
            from lsr in uints
            from dlsr in uints
            select new ReceptionReport(ssrc, (byte)fraction, lost, highest, jitter, lsr, dlsr);
        var reports =
            from ssrc in uints
            from ntpHigh in uints
            from ntpLow in uints
            from rtp in uints
            from count in Gen.Choose(0, 31)
            from list in Gen.ArrayOf(blocks, count)
            from words in Gen.Choose(0, 3)
            from extension in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 4 * words)
            select (ssrc, ((ulong)ntpHigh << 32) | ntpLow, rtp, list, extension);
        var property = Prop.ForAll(Arb.From(reports), sample =>
        {
            var (ssrc, ntp, rtp, list, extension) = sample;
            var sr = new SenderReport
            {
                Ssrc = ssrc, NtpTimestamp = ntp, RtpTimestamp = rtp, PacketCount = rtp ^ ssrc, OctetCount = ~rtp,
                Reports = list, ProfileExtension = extension,
            };
            var rr = new ReceiverReport { Ssrc = ssrc, Reports = list, ProfileExtension = extension };
            return RtcpTestKit.RoundTrips(sr, SenderReport.TryParse)
                && RtcpTestKit.RoundTrips(rr, ReceiverReport.TryParse)
                && SenderReport.TryParse(RtcpTestKit.Write(sr), out var parsed)
                && parsed.Reports.SequenceEqual(list)
                && parsed.NtpTimestamp == ntp;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void SourceDescriptionAndGoodbye_RandomText_RoundTrip()
    {
        var text = Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements("a", "Z", "0", "@", "é", "€", "😀", " "), n))
            .Select(parts => string.Concat(parts));
        var item =
            from type in Gen.Choose(1, 8)
            from value in text
            select new SourceDescriptionItem((SourceDescriptionItemType)type, value);
        var chunk =
            from source in Gen.Choose(0, int.MaxValue)
            from count in Gen.Choose(0, 4)
            from items in Gen.ArrayOf(item, count)
            select new SourceDescriptionChunk { Source = (uint)source, Items = items };
        var sample =
            from count in Gen.Choose(0, 31)
            from chunks in Gen.ArrayOf(chunk, count)
            from reason in Gen.Frequency((1, Gen.Constant<string?>(null)), (3, text.Select(t => (string?)t)))
            select (chunks, reason);
        var property = Prop.ForAll(Arb.From(sample), s =>
        {
            var sdes = new SourceDescription { Chunks = s.chunks };
            var bye = new Goodbye { Sources = s.chunks.Select(c => c.Source).ToArray(), Reason = s.reason };
            return RtcpTestKit.RoundTrips(sdes, SourceDescription.TryParse)
                && SourceDescription.TryParse(RtcpTestKit.Write(sdes), out var parsed)
                && parsed.Chunks.Select(c => c.Items).Zip(s.chunks.Select(c => c.Items)).All(p => p.First.SequenceEqual(p.Second))
                && RtcpTestKit.RoundTrips(bye, Goodbye.TryParse)
                && Goodbye.TryParse(RtcpTestKit.Write(bye), out var parsedBye)
                && parsedBye.Reason == s.reason;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
