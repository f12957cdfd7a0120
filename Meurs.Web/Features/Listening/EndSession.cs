using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Ends a session, for the host and co-hosts, or for the idle job: it stays for its log, playback stops, and every
/// connection gets <c>session_ended</c> and is closed normally.
/// </summary>
public sealed class EndSession(ListenGate gate)
{
    /// <summary>What everyone is told when the host (or a co-host) ends it.</summary>
    public const string ByHost = "The host ended the session.";

    /// <summary>What everyone is told when it ended for being idle.</summary>
    public const string ByIdleness = "The session ended after being idle.";

    /// <summary>Ends <paramref name="sessionId"/> for <paramref name="actor"/>; 403 a guest, 404 a session they may not see.</summary>
    public Task<ListenResult<ListenDone>> HandleAsync(ChannelUser actor, Guid sessionId, CancellationToken cancellationToken) =>
        gate.ChangeAsync(sessionId, actor, ListenPower.Manage, change => End(change, ByHost), cancellationToken);

    /// <summary>Ends <paramref name="sessionId"/> as the server (the idle job) when <paramref name="stillIdle"/> holds under the session's gate.</summary>
    public Task<ListenResult<ListenDone>> EndIdleAsync(Guid sessionId, Func<ListenSession, bool> stillIdle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stillIdle);
        return gate.ChangeAsServerAsync(sessionId, change =>
            stillIdle(change.Session) ? End(change, ByIdleness) : Task.FromResult<ListenResult<ListenDone>>(ListenRefusal.Conflict("The session is in use again.")),
            cancellationToken);
    }

    private static Task<ListenResult<ListenDone>> End(ListenChange change, string reason)
    {
        var session = change.Session;
        session.EndedAt = change.NowUtc;
        if (session.Status != PlaybackStatus.Paused)
        {
            session.Playback = session.Playback.Pause(change.Now, null);
        }
        change.Log("session.ended", reason);
        change.Publish(new SessionEnded(session.Id, reason));
        return Task.FromResult<ListenResult<ListenDone>>(ListenDone.Value);
    }
}
