using Meurs.Media.Rtcp;

namespace Meurs.Tests.Media.Rtcp;

/// <summary>Feedback built from recorded arrivals, checked field by field and through the wire format.</summary>
public sealed class TransportWideCcRecorderTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void BuildFeedback_ArrivalsWithAGap_ReportsLossAndExactQuarterMillisecondDeltas()
    {
        var recorder = new TransportWideCcRecorder();
        recorder.Record(10, Ms(1000));
        recorder.Record(11, Ms(1001));
        recorder.Record(13, Ms(1003.5));

        var feedback = recorder.BuildFeedback(senderSsrc: 1, mediaSsrc: 0xABCD)!;

        Assert.Equal((ushort)10, feedback.BaseSequenceNumber);
        Assert.Equal(15, feedback.ReferenceTime); // floor(1000 ms / 64 ms)
        Assert.Equal(0, feedback.FeedbackPacketCount);
        Assert.Equal(
            [new(10, true, 160), new(11, true, 4), new(12, false, 0), new(13, true, 10)],
            feedback.Packets); // 1000 − 960 ms = 160 × 250 µs; then +1 ms; then +2.5 ms
        var bytes = new byte[feedback.GetLength()];
        Assert.True(feedback.TryWrite(bytes, out _));
        Assert.True(TransportWideCcFeedback.TryParse(bytes, out var parsed));
        Assert.Equal(feedback.Packets, parsed!.Packets);
        Assert.Equal((1u, 0xABCDu), (parsed.SenderSsrc, parsed.MediaSsrc));
    }

    [Fact]
    public void BuildFeedback_NextOne_StartsAfterTheLastReported_LateArrivalsIgnored_LossAtTheStartReported()
    {
        var recorder = new TransportWideCcRecorder();
        recorder.Record(1, Ms(100));
        recorder.Record(3, Ms(110));
        Assert.NotNull(recorder.BuildFeedback(1, 2));

        recorder.Record(2, Ms(120)); // reported lost already: ignored
        recorder.Record(6, Ms(130));
        var second = recorder.BuildFeedback(1, 2)!;

        Assert.Equal((ushort)4, second.BaseSequenceNumber);
        Assert.Equal(1, second.FeedbackPacketCount);
        Assert.Equal([false, false, true], second.Packets.Select(p => p.Received));
        Assert.Equal([(ushort)4, (ushort)5, (ushort)6], second.Packets.Select(p => p.SequenceNumber));
        Assert.Null(recorder.BuildFeedback(1, 2));
    }

    [Fact]
    public void BuildFeedback_AcrossTheSixteenBitWrap_KeepsOrder()
    {
        var recorder = new TransportWideCcRecorder();
        foreach (var (seq, ms) in new (ushort, double)[] { (65534, 10), (65535, 11), (0, 12), (1, 13) })
        {
            recorder.Record(seq, Ms(ms));
        }

        var feedback = recorder.BuildFeedback(1, 2)!;

        Assert.Equal((ushort)65534, feedback.BaseSequenceNumber);
        Assert.Equal([(ushort)65534, (ushort)65535, (ushort)0, (ushort)1], feedback.Packets.Select(p => p.SequenceNumber));
        Assert.All(feedback.Packets, p => Assert.True(p.Received));
    }

    [Fact]
    public void BuildFeedback_ReorderedArrival_GetsANegativeDelta()
    {
        var recorder = new TransportWideCcRecorder();
        recorder.Record(21, Ms(200));
        recorder.Record(20, Ms(201));

        var feedback = recorder.BuildFeedback(1, 2)!;

        Assert.Equal([(ushort)20, (ushort)21], feedback.Packets.Select(p => p.SequenceNumber));
        Assert.Equal(-4, feedback.Packets[1].Delta); // 21 arrived 1 ms before 20
    }

    [Fact]
    public void BuildFeedback_NothingRecorded_IsNull() => Assert.Null(new TransportWideCcRecorder().BuildFeedback(1, 2));
}
