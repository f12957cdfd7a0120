using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Presence;

namespace Meurs.Tests.Web.Presence;

public sealed class PresenceRulesTests
{
    private static readonly DateTime Input = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(PresenceStatus.Online)]
    [InlineData(PresenceStatus.Idle)]
    [InlineData(PresenceStatus.DoNotDisturb)]
    [InlineData(PresenceStatus.Invisible)]
    public void NotConnected_IsOffline_ToEveryoneAndThemselves(PresenceStatus chosen)
    {
        Assert.Equal(UserStatus.Offline, PresenceRules.Shown(false, chosen, Input, Input, IdleAfter, toSelf: false));
        Assert.Equal(UserStatus.Offline, PresenceRules.Shown(false, chosen, Input, Input, IdleAfter, toSelf: true));
    }

    [Fact]
    public void Online_TurnsIdle_ExactlyWhenIdleAfterHasPassedWithoutInput()
    {
        Assert.Equal(UserStatus.Online, PresenceRules.Shown(true, PresenceStatus.Online, Input, Input + IdleAfter - TimeSpan.FromMilliseconds(1), IdleAfter, toSelf: false));
        Assert.Equal(UserStatus.Idle, PresenceRules.Shown(true, PresenceStatus.Online, Input, Input + IdleAfter, IdleAfter, toSelf: false));
        Assert.Equal(Input + IdleAfter, PresenceRules.IdleAt(PresenceStatus.Online, Input, IdleAfter));
    }

    [Fact]
    public void Invisible_IsOfflineToOthers_AndInvisibleToThemselves_EvenWhenIdleForLong()
    {
        var late = Input + TimeSpan.FromHours(1);
        Assert.Equal(UserStatus.Offline, PresenceRules.Shown(true, PresenceStatus.Invisible, Input, late, IdleAfter, toSelf: false));
        Assert.Equal(UserStatus.Invisible, PresenceRules.Shown(true, PresenceStatus.Invisible, Input, late, IdleAfter, toSelf: true));
        Assert.Null(PresenceRules.IdleAt(PresenceStatus.Invisible, Input, IdleAfter));
    }

    [Theory]
    [InlineData(PresenceStatus.DoNotDisturb, UserStatus.DoNotDisturb)]
    [InlineData(PresenceStatus.Idle, UserStatus.Idle)]
    public void AChosenStatus_IsShownWhateverTheInput(PresenceStatus chosen, string shown)
    {
        Assert.Equal(shown, PresenceRules.Shown(true, chosen, Input, Input, IdleAfter, toSelf: false));
        Assert.Equal(shown, PresenceRules.Shown(true, chosen, Input, Input + TimeSpan.FromHours(3), IdleAfter, toSelf: false));
        Assert.Null(PresenceRules.IdleAt(chosen, Input, IdleAfter));
    }

    [Theory]
    [InlineData("online", PresenceStatus.Online)]
    [InlineData("idle", PresenceStatus.Idle)]
    [InlineData("dnd", PresenceStatus.DoNotDisturb)]
    [InlineData("invisible", PresenceStatus.Invisible)]
    public void StatusNames_RoundTrip(string name, PresenceStatus status)
    {
        Assert.True(UserStatus.TryParse(name, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(name, UserStatus.Of(status));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("offline")]
    [InlineData("ONLINE")]
    [InlineData("away")]
    public void StatusNames_OthersAreRefused(string? name) => Assert.False(UserStatus.TryParse(name, out _));
}
