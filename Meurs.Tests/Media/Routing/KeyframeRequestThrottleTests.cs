using Meurs.Media.Routing;

namespace Meurs.Tests.Media.Routing;

public sealed class KeyframeRequestThrottleTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private static TimeSpan Ms(int ms) => T0 + TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Request_TwoWithinInterval_OneUpstreamThenThePendingOneAtIntervalEnd()
    {
        var throttle = new KeyframeRequestThrottle(Interval);

        Assert.True(throttle.Request(Ms(0)));
        Assert.False(throttle.Request(Ms(100)));
        Assert.True(throttle.IsPending);
        Assert.Equal(Ms(500), throttle.DueAt);

        Assert.False(throttle.Poll(Ms(499)));
        Assert.True(throttle.Poll(Ms(500)));
        Assert.False(throttle.IsPending);
        Assert.Null(throttle.DueAt);
        Assert.Equal(Ms(500), throttle.LastSentAt);
        Assert.False(throttle.Poll(Ms(2000)));
    }

    [Fact]
    public void Request_ManyWithinInterval_CollapseIntoOnePending()
    {
        var throttle = new KeyframeRequestThrottle(Interval);
        throttle.Request(Ms(0));
        for (var ms = 10; ms < 500; ms += 10)
        {
            Assert.False(throttle.Request(Ms(ms)));
        }

        Assert.True(throttle.Poll(Ms(500)));
        Assert.False(throttle.Poll(Ms(500)));
        Assert.False(throttle.Request(Ms(600))); // the pending one went at 500: next from 1000
        Assert.Equal(Ms(1000), throttle.DueAt);
    }

    [Fact]
    public void OnKeyframe_WhilePending_ClearsIt()
    {
        var throttle = new KeyframeRequestThrottle(Interval);
        throttle.Request(Ms(0));
        throttle.Request(Ms(100));

        throttle.OnKeyframe();

        Assert.False(throttle.IsPending);
        Assert.False(throttle.Poll(Ms(600)));
    }

    [Fact]
    public void Request_AfterInterval_GoesStraightUp()
    {
        var throttle = new KeyframeRequestThrottle(Interval);
        throttle.Request(Ms(0));

        Assert.True(throttle.Request(Ms(500)));
        Assert.False(throttle.IsPending);
    }

    [Fact]
    public void Default_IntervalIs500Milliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), new KeyframeRequestThrottle().Interval);
    }
}
