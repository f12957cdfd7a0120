using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>The guests' switches (control the queue directly; control playback), for the host and co-hosts; a switch left null keeps its value.</summary>
public sealed class ChangeSessionSettings(ListenGate gate)
{
    /// <summary>Sets the switches given; returns them all.</summary>
    public Task<ListenResult<SessionSettingsChanged>> HandleAsync(ChannelUser actor, Guid sessionId, bool? guestsControlQueue, bool? guestsControlPlayback, CancellationToken cancellationToken) =>
        gate.ChangeAsync<SessionSettingsChanged>(sessionId, actor, ListenPower.Manage, change =>
        {
            var session = change.Session;
            session.GuestsControlQueue = guestsControlQueue ?? session.GuestsControlQueue;
            session.GuestsControlPlayback = guestsControlPlayback ?? session.GuestsControlPlayback;
            var settings = new SessionSettingsChanged(sessionId, session.GuestsControlQueue, session.GuestsControlPlayback);
            change.Log("settings.changed", $"guests control the queue: {(session.GuestsControlQueue ? "yes" : "no")}; playback: {(session.GuestsControlPlayback ? "yes" : "no")}");
            change.Publish(settings);
            return Task.FromResult<ListenResult<SessionSettingsChanged>>(settings);
        }, cancellationToken);
}
