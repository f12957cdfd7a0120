using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Routing;

namespace Meurs.Tests.Media.Routing;

public sealed class RtpTimestampRewriterTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(10);

    [Fact]
    public void Rewrite_FirstPacket_GivesInitialOutput()
    {
        var rewriter = new RtpTimestampRewriter(90_000, initialOutput: 123_456);

        Assert.Equal(123_456u, rewriter.Rewrite(987_654_321, T0));
        Assert.Equal(123_456u, rewriter.LastOutput);
        Assert.Equal(T0, rewriter.LastOutputAt);
    }

    [Fact]
    public void Rewrite_SameSource_KeepsTheOffsetModulo2To32()
    {
        var rewriter = new RtpTimestampRewriter(90_000, initialOutput: 0xFFFF_FC00);
        rewriter.Rewrite(1_000, T0);

        Assert.Equal(1_976u, rewriter.Rewrite(4_000, T0)); // 0xFFFFFC00 + 3000 wraps past 2^32
        Assert.Equal(4_294_960_272u, rewriter.Rewrite(unchecked(1_000u - 6_000u), T0)); // 0xFFFFFC00 - 6000
    }

    [Fact]
    public void Rewrite_AfterSyncOnVideo_ContinuesByElapsedWallTimeAt90kHz()
    {
        var rewriter = new RtpTimestampRewriter(90_000, initialOutput: 5_000);
        rewriter.Rewrite(100, T0);
        rewriter.Rewrite(3_100, T0 + TimeSpan.FromMilliseconds(33)); // output 8_000

        rewriter.Sync();
        var switched = rewriter.Rewrite(2_000_000_000, T0 + TimeSpan.FromMilliseconds(133));
        var next = rewriter.Rewrite(2_000_003_000, T0 + TimeSpan.FromMilliseconds(166));

        Assert.Equal(8_000u + 9_000u, switched); // 100 ms after the last output at 90 kHz
        Assert.Equal(17_000u + 3_000u, next);
    }

    [Fact]
    public void Rewrite_AfterSyncOnOpus_ContinuesByElapsedWallTimeAt48kHz()
    {
        var rewriter = new RtpTimestampRewriter(48_000, initialOutput: 0xFFFF_FF00);
        rewriter.Rewrite(77, T0);

        rewriter.Sync();
        var switched = rewriter.Rewrite(123, T0 + TimeSpan.FromMilliseconds(20));

        Assert.Equal(704u, switched); // 0xFFFFFF00 + 960 (20 ms at 48 kHz), past 2^32
    }

    [Fact]
    public void Rewrite_SyncWithNoTimeElapsed_AdvancesAtLeastOneTick()
    {
        var rewriter = new RtpTimestampRewriter(90_000, initialOutput: 1_000);
        rewriter.Rewrite(50, T0);

        rewriter.Sync();

        Assert.Equal(1_001u, rewriter.Rewrite(9_999, T0));
    }

    [Fact]
    public void Rewrite_SyncAfterHours_JumpIsClampedBelowHalfTheTimestampSpace()
    {
        var rewriter = new RtpTimestampRewriter(90_000, initialOutput: 0);
        rewriter.Rewrite(50, T0);

        rewriter.Sync();

        Assert.Equal(1u << 30, rewriter.Rewrite(1, T0 + TimeSpan.FromDays(400)));
    }

    [Fact]
    public void Rewrite_OlderTimestamp_DoesNotMoveLastOutput()
    {
        var rewriter = new RtpTimestampRewriter(90_000, initialOutput: 10_000);
        rewriter.Rewrite(3_000, T0);
        rewriter.Rewrite(6_000, T0 + TimeSpan.FromMilliseconds(33));

        Assert.Equal(10_000u, rewriter.Rewrite(3_000, T0 + TimeSpan.FromMilliseconds(40)));
        Assert.Equal(13_000u, rewriter.LastOutput);
        Assert.Equal(T0 + TimeSpan.FromMilliseconds(33), rewriter.LastOutputAt);
    }

    [Fact]
    public void Rewrite_SyncBeforeFirstPacket_StillStartsAtInitialOutput()
    {
        var rewriter = new RtpTimestampRewriter(90_000, initialOutput: 42);
        rewriter.Sync();

        Assert.Equal(42u, rewriter.Rewrite(7, T0));
    }

    [Fact]
    public void Constructor_NonPositiveClockRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpTimestampRewriter(0, 0));
    }

    [Fact]
    public void Rewrite_WithoutSync_PreservesEveryDifferenceModulo2To32()
    {
        var cases =
            from initial in Gen.Choose(int.MinValue, int.MaxValue)
            from inputs in Gen.NonEmptyListOf(Gen.Choose(int.MinValue, int.MaxValue))
            select (Initial: unchecked((uint)initial), Inputs: inputs.Select(i => unchecked((uint)i)).ToArray());
        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            var rewriter = new RtpTimestampRewriter(90_000, c.Initial);
            var outputs = c.Inputs.Select((input, i) => rewriter.Rewrite(input, T0 + TimeSpan.FromMilliseconds(i))).ToArray();
            return outputs[0] == c.Initial
                && outputs.Zip(c.Inputs).All(pair => unchecked(pair.First - outputs[0] == pair.Second - c.Inputs[0]));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
