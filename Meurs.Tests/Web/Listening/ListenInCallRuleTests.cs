using Meurs.Web.Features.Listening;

namespace Meurs.Tests.Web.Listening;

/// <summary>The rules of <em>Listen together</em> inside a call (<see cref="ListenInCall"/>): who may, and what it does.</summary>
public sealed class ListenInCallRuleTests
{
    [Theory]
    [InlineData(false, true, true, true, ListenInCallStep.NotFound)]   // not allowed in the call: nothing, whatever else holds
    [InlineData(false, false, false, false, ListenInCallStep.NotFound)]
    [InlineData(true, false, false, false, ListenInCallStep.NotInCall)] // allowed but not in it now: join the call first
    [InlineData(true, false, true, true, ListenInCallStep.NotInCall)]
    [InlineData(true, true, false, false, ListenInCallStep.Start)]      // no session: the first one starts it
    [InlineData(true, true, true, false, ListenInCallStep.Join)]        // one session per call: the next ones join it
    [InlineData(true, true, true, true, ListenInCallStep.Open)]         // already in it: nothing changes
    public void Decide_FollowsTheRules(bool mayBeInCall, bool inCallNow, bool callHasSession, bool isMember, ListenInCallStep expected) =>
        Assert.Equal(expected, ListenInCall.Decide(mayBeInCall, inCallNow, callHasSession, isMember));

    [Theory]
    [InlineData("abcdefg", true)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("a-b_c.d~", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("été", false)]
    [InlineData("0123456789abcdef0123456789abcdef0", false)]
    public void IsCallId_TakesOnlyTheShapesOfCallIds(string? id, bool expected) => Assert.Equal(expected, ListenInCall.IsCallId(id));
}
