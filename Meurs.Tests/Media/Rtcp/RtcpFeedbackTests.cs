using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Rtcp;

namespace Meurs.Tests.Media.Rtcp;

public sealed class RtcpFeedbackTests
{
    [Fact]
    public void GenericNack_Sample_ExpandsToLostSequenceNumbers()
    {
        var nack = RtcpTestKit.ParseAndRewrite<GenericNack>(RtcpSamples.Nack, GenericNack.TryParse);

        Assert.Equal(1u, nack.SenderSsrc);
        Assert.Equal(0x11223344u, nack.MediaSsrc);
        Assert.Equal([new NackPair(258, 0x0005), new NackPair(65535, 0x8000)], nack.Pairs);
        Assert.Equal([258, 259, 261, 65535, 15], nack.GetLostSequenceNumbers());
    }

    [Fact]
    public void GenericNack_FromLostSequenceNumbers_BuildsSampleBytes()
    {
        var nack = GenericNack.FromLostSequenceNumbers(1, 0x11223344, [258, 259, 261, 65535, 15]);

        Assert.Equal(RtcpSamples.Nack, RtcpTestKit.Write(nack));
    }

    [Fact]
    public void GenericNack_FromLostSequenceNumbers_PacksRunsAndSkipsDuplicates()
    {
        ushort[] lost = [65530, 65530, 65531, 0, 9, 10, 11, 100];

        var nack = GenericNack.FromLostSequenceNumbers(7, 8, lost);

        // 65530 covers 65531..65546 (wrapping), so 0, 9 and 10 fold in; 11 is 17 past 65530.
        Assert.Equal(
            [new NackPair(65530, 0b1100_0000_0010_0001), new NackPair(11, 0), new NackPair(100, 0)],
            nack.Pairs);
        Assert.Equal([65530, 65531, 0, 9, 10, 11, 100], nack.GetLostSequenceNumbers());
    }

    [Fact]
    public void GenericNack_EmptyOrRaggedFci_Fails()
    {
        byte[] empty = [0x81, 0xCD, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2];
        byte[] ragged =
        [
            0xA1, 0xCD, 0x00, 0x03,                     // P=1 FMT=1, PT=205, length 3
            0x00, 0x00, 0x00, 0x01,                     // SSRC of packet sender
            0x00, 0x00, 0x00, 0x02,                     // SSRC of media source
            0x01, 0x02,                                 // half a PID/BLP pair
            0x00, 0x02,                                 // padding, count 2
        ];

        Assert.False(GenericNack.TryParse(empty, out _));
        Assert.False(GenericNack.TryParse(ragged, out _));
        Assert.Equal(-1, new GenericNack().GetLength());
    }

    [Fact]
    public void GenericNack_RandomLosses_ExpandBackToTheSameSet()
    {
        var losses = Gen.Choose(0, 60).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 400), n))
            .SelectMany(offsets => Gen.Choose(0, 0xFFFF).Select(start =>
                offsets.Distinct().Order().Select(o => (ushort)(start + o)).ToArray()));
        var property = Prop.ForAll(Arb.From(losses), lost =>
        {
            var nack = GenericNack.FromLostSequenceNumbers(1, 2, lost);
            return nack.GetLostSequenceNumbers().SequenceEqual(lost)
                && (lost.Length == 0 || RtcpTestKit.RoundTrips(nack, GenericNack.TryParse));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public void PictureLossIndication_Sample_RoundTrips()
    {
        var pli = RtcpTestKit.ParseAndRewrite<PictureLossIndication>(RtcpSamples.Pli, PictureLossIndication.TryParse);

        Assert.Equal(1u, pli.SenderSsrc);
        Assert.Equal(0x11223344u, pli.MediaSsrc);
    }

    [Fact]
    public void PictureLossIndication_RealCapture_RoundTrips()
    {
        var bytes = RtcpSamples.RealCompound.AsSpan(92, 12).ToArray();

        var pli = RtcpTestKit.ParseAndRewrite<PictureLossIndication>(bytes, PictureLossIndication.TryParse);

        Assert.Equal(0x902F9E2Eu, pli.SenderSsrc);
        Assert.Equal(0x902F9E2Eu, pli.MediaSsrc);
    }

    [Fact]
    public void PictureLossIndication_OtherFormatsOrShort_Fail()
    {
        Assert.False(PictureLossIndication.TryParse(RtcpSamples.Fir, out _));
        Assert.False(PictureLossIndication.TryParse(RtcpSamples.Nack, out _));
        Assert.False(PictureLossIndication.TryParse([0x81, 0xCE, 0x00, 0x01, 0, 0, 0, 1], out _));
        Assert.False(new PictureLossIndication().TryWrite(new byte[11], out _));
    }

    [Fact]
    public void FullIntraRequest_Sample_ReadsEntries()
    {
        var fir = RtcpTestKit.ParseAndRewrite<FullIntraRequest>(RtcpSamples.Fir, FullIntraRequest.TryParse);

        Assert.Equal(1u, fir.SenderSsrc);
        Assert.Equal(0u, fir.MediaSsrc);
        Assert.Equal([new FirEntry(0x11223344, 7), new FirEntry(0x55667788, 255)], fir.Entries);
    }

    [Fact]
    public void FullIntraRequest_NoEntriesOrPartialEntry_Fails()
    {
        byte[] noEntries = [0x84, 0xCE, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 0];
        byte[] partial = [0x84, 0xCE, 0x00, 0x03, 0, 0, 0, 1, 0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44];

        Assert.False(FullIntraRequest.TryParse(noEntries, out _));
        Assert.False(FullIntraRequest.TryParse(partial, out _));
        Assert.Equal(-1, new FullIntraRequest().GetLength());
    }

    [Fact]
    public void Remb_ChromeCapture_ReadsBitrate()
    {
        var remb = RtcpTestKit.ParseAndRewrite<ReceiverEstimatedMaximumBitrate>(
            RtcpSamples.ChromeRemb, ReceiverEstimatedMaximumBitrate.TryParse);

        Assert.Equal(1u, remb.SenderSsrc);
        Assert.Equal(0u, remb.MediaSsrc);
        Assert.Equal(8_927_168ul, remb.Bitrate);
        Assert.Equal([1215622422u], remb.Ssrcs);
    }

    [Fact]
    public void Remb_BitrateNotRepresentable_RoundsDown()
    {
        // 8927167 needs 24 bits; with exponent 6 the mantissa keeps 139486, i.e. 8927104.
        var remb = new ReceiverEstimatedMaximumBitrate { SenderSsrc = 1, Bitrate = 8_927_167, Ssrcs = [1215622422] };

        Assert.True(ReceiverEstimatedMaximumBitrate.TryParse(RtcpTestKit.Write(remb), out var parsed));

        Assert.Equal(8_927_104ul, parsed.Bitrate);
    }

    [Fact]
    public void Remb_HugeExponent_SaturatesAndMaxValueWritesMaxMantissa()
    {
        byte[] bytes =
        [
            0x8F, 0xCE, 0x00, 0x04,                     // FMT=15, PT=206, length 4
            0x00, 0x00, 0x00, 0x00,                     // SSRC of packet sender
            0x00, 0x00, 0x00, 0x00,                     // SSRC of media source
            0x52, 0x45, 0x4D, 0x42,                     // "REMB"
            0x00,                                       // Num SSRC 0
            0xFF, 0xFF, 0xFF,                           // exponent 63, mantissa 0x3FFFF
        ];

        Assert.True(ReceiverEstimatedMaximumBitrate.TryParse(bytes, out var remb));
        Assert.Equal(ulong.MaxValue, remb.Bitrate);

        // ulong.MaxValue needs exponent 46 (64 - 18) with a full mantissa.
        var written = RtcpTestKit.Write(remb);
        Assert.Equal([0x00, 0xBB, 0xFF, 0xFF], written[16..]);
    }

    [Fact]
    public void Remb_WrongIdentifierOrSsrcCountPastEnd_Fails()
    {
        var wrongId = RtcpSamples.ChromeRemb.ToArray();
        wrongId[15] = 0x43; // "REMC"
        var tooMany = RtcpSamples.ChromeRemb.ToArray();
        tooMany[16] = 0x02;

        Assert.False(ReceiverEstimatedMaximumBitrate.TryParse(wrongId, out _));
        Assert.False(ReceiverEstimatedMaximumBitrate.TryParse(tooMany, out _));
        Assert.Equal(-1, new ReceiverEstimatedMaximumBitrate { Ssrcs = new uint[256] }.GetLength());
    }

    [Fact]
    public void Feedback_RandomValues_RoundTrip()
    {
        var uints = Gen.Choose(0, 0xFFFF).SelectMany(hi => Gen.Choose(0, 0xFFFF).Select(lo => ((uint)hi << 16) | (uint)lo));
        var sample =
            from sender in uints
            from media in uints
            from count in Gen.Choose(1, 20)
            from ssrcs in Gen.ArrayOf(uints, count)
            from sequence in Gen.ArrayOf(Gen.Choose(0, 255), count)
            from mantissa in Gen.Choose(0x20000, 0x3FFFF)
            from exponent in Gen.Choose(0, 46)
            select (sender, media, ssrcs, sequence, (ulong)mantissa << exponent);
        var property = Prop.ForAll(Arb.From(sample), s =>
        {
            var (sender, media, ssrcs, sequence, bitrate) = s;
            var pli = new PictureLossIndication { SenderSsrc = sender, MediaSsrc = media };
            var fir = new FullIntraRequest
            {
                SenderSsrc = sender, Entries = ssrcs.Zip(sequence, (ssrc, seq) => new FirEntry(ssrc, (byte)seq)).ToArray(),
            };
            var remb = new ReceiverEstimatedMaximumBitrate { SenderSsrc = sender, Bitrate = bitrate, Ssrcs = ssrcs };
            return RtcpTestKit.RoundTrips(pli, PictureLossIndication.TryParse)
                && RtcpTestKit.RoundTrips(fir, FullIntraRequest.TryParse)
                && RtcpTestKit.RoundTrips(remb, ReceiverEstimatedMaximumBitrate.TryParse)
                && ReceiverEstimatedMaximumBitrate.TryParse(RtcpTestKit.Write(remb), out var parsed)
                && parsed.Bitrate == bitrate
                && parsed.Ssrcs.SequenceEqual(ssrcs);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }
}
