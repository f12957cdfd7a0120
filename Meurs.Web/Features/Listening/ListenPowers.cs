namespace Meurs.Web.Features.Listening;

/// <summary>
/// Who may do what in a session, from their <see cref="ListenRole"/> and the host's switches. The host and co-hosts
/// have every power (a co-host cannot change the host's role); guests' queue changes become requests unless
/// <see cref="ListenSession.GuestsControlQueue"/>, and they control playback only with
/// <see cref="ListenSession.GuestsControlPlayback"/>. Pure, so the rules are tested on their own.
/// </summary>
public static class ListenPowers
{
    /// <summary>True when <paramref name="role"/> changes the queue directly; false when a change becomes a request.</summary>
    public static bool ChangesQueueDirectly(ListenRole role, ListenSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return role != ListenRole.Guest || session.GuestsControlQueue;
    }

    /// <summary>True when <paramref name="role"/> may play, pause, seek and skip.</summary>
    public static bool ControlsPlayback(ListenRole role, ListenSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return role != ListenRole.Guest || session.GuestsControlPlayback;
    }

    /// <summary>True when <paramref name="role"/> approves and denies requests, changes the switches and promotes or demotes co-hosts, and ends the session.</summary>
    public static bool Manages(ListenRole role) => role != ListenRole.Guest;

    /// <summary>True when <paramref name="actor"/> may give <paramref name="target"/> a new role: a manager, never for the host, and nobody becomes host.</summary>
    public static bool ChangesRole(ListenRole actor, ListenRole target, ListenRole newRole) =>
        Manages(actor) && target != ListenRole.Host && newRole != ListenRole.Host;
}
