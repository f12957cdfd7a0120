using Meurs.Web.Features.Accounts;

namespace Meurs.Web.Features.Presence;

/// <summary>
/// What status a person shows, from what they chose, whether they are connected and when they last gave input. Pure, so
/// every transition is tested without a clock.
/// </summary>
public static class PresenceRules
{
    /// <summary>
    /// The <see cref="UserStatus"/> string shown to others (<paramref name="toSelf"/> false) or to the person:
    /// offline without a connection; invisible is offline to others; a chosen idle or dnd shows as chosen; online turns
    /// idle once <paramref name="idleAfter"/> passed since <paramref name="lastInput"/>.
    /// </summary>
    public static string Shown(bool connected, PresenceStatus chosen, DateTime lastInput, DateTime now, TimeSpan idleAfter, bool toSelf) =>
        !connected ? UserStatus.Offline : chosen switch
        {
            PresenceStatus.Invisible => toSelf ? UserStatus.Invisible : UserStatus.Offline,
            PresenceStatus.DoNotDisturb => UserStatus.DoNotDisturb,
            PresenceStatus.Idle => UserStatus.Idle,
            _ => now - lastInput >= idleAfter ? UserStatus.Idle : UserStatus.Online,
        };

    /// <summary>When an online person turns idle without further input, or null when nothing would change by waiting.</summary>
    public static DateTime? IdleAt(PresenceStatus chosen, DateTime lastInput, TimeSpan idleAfter) =>
        chosen == PresenceStatus.Online ? lastInput + idleAfter : null;
}
