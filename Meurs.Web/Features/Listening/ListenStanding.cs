namespace Meurs.Web.Features.Listening;

/// <summary>A person's standing in a session: the session, and their role when they are a member (null when not).</summary>
/// <param name="Session">The session (open or ended).</param>
/// <param name="Role">Their role, or null for a non-member.</param>
/// <param name="InCall">True when they may be in the call the session plays inside (so they may join without a code).</param>
public sealed record ListenStanding(ListenSession Session, ListenRole? Role, bool InCall)
{
    /// <summary>True when they are a member of the session.</summary>
    public bool IsMember => Role is not null;

    /// <summary>True when they are a member of an open session and hold <paramref name="power"/>.</summary>
    public bool Has(ListenPower power) => Session.IsOpen && Role is { } role && power switch
    {
        ListenPower.Listen => true,
        ListenPower.ControlPlayback => ListenPowers.ControlsPlayback(role, Session),
        ListenPower.Manage => ListenPowers.Manages(role),
        _ => false,
    };
}
