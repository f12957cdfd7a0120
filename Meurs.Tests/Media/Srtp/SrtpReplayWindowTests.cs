using Meurs.Media.Srtp;

namespace Meurs.Tests.Media.Srtp;

public sealed class SrtpReplayWindowTests
{
    [Fact]
    public void IsReplayOrTooOld_BeforeAnyAccept_IsFalse()
    {
        var window = new SrtpReplayWindow();

        Assert.False(window.HasStarted);
        Assert.False(window.IsReplayOrTooOld(0));
        Assert.False(window.IsReplayOrTooOld(ulong.MaxValue));
    }

    [Fact]
    public void IsReplayOrTooOld_AtWindowEdges_ExactBoundaries()
    {
        var window = new SrtpReplayWindow();
        window.Accept(1000);

        Assert.True(window.IsReplayOrTooOld(1000));
        Assert.False(window.IsReplayOrTooOld(1001));
        Assert.False(window.IsReplayOrTooOld(1000 - SrtpReplayWindow.Size + 1));
        Assert.True(window.IsReplayOrTooOld(1000 - SrtpReplayWindow.Size));
    }

    [Fact]
    public void Accept_OutOfOrderWithinWindow_EachRemembered()
    {
        var window = new SrtpReplayWindow();
        ulong[] order = [50, 47, 60, 49, 48, 55];
        foreach (var index in order)
        {
            Assert.False(window.IsReplayOrTooOld(index));
            window.Accept(index);
        }

        Assert.Equal(60UL, window.HighestIndex);
        foreach (var index in order)
        {
            Assert.True(window.IsReplayOrTooOld(index));
        }

        Assert.False(window.IsReplayOrTooOld(51));
        Assert.False(window.IsReplayOrTooOld(59));
    }

    [Fact]
    public void Accept_JumpBeyondWindow_ForgetsEverythingOlder()
    {
        var window = new SrtpReplayWindow();
        window.Accept(10);
        window.Accept(10 + 500);

        Assert.True(window.IsReplayOrTooOld(10));
        Assert.True(window.IsReplayOrTooOld(510));
        Assert.False(window.IsReplayOrTooOld(509));
    }

    [Fact]
    public void Accept_ShiftByExactlyWindowMinusOne_KeepsOldestBit()
    {
        var window = new SrtpReplayWindow();
        window.Accept(0);
        window.Accept(SrtpReplayWindow.Size - 1);

        Assert.True(window.IsReplayOrTooOld(0));
        Assert.False(window.IsReplayOrTooOld(1));
    }

    [Fact]
    public void Accept_TooOldIndex_LeavesWindowAlone()
    {
        var window = new SrtpReplayWindow();
        window.Accept(1000);
        window.Accept(3);

        Assert.Equal(1000UL, window.HighestIndex);
        Assert.False(window.IsReplayOrTooOld(999));
    }
}
