using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Play, pause, seek, skip to the next or previous item: for the host and co-hosts, and for guests when the host allows
/// (403 otherwise). Play waits for every connected listener to be ready (<see cref="PlaybackStatus.Waiting"/>, then the
/// <see cref="ListenClock"/> starts it), or starts at once when they all are (or nobody is connected). Pause keeps the
/// position; seeking is clamped to the track; skipping is clamped at both ends of the queue.
/// </summary>
public sealed class ControlPlayback(ListenGate gate, ListenClock clock)
{
    /// <summary>The actions, as on the wire.</summary>
    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal) { "play", "pause", "seek", "skip_next", "skip_prev" };

    /// <summary>Carries out <paramref name="action"/> (<paramref name="positionMs"/>, in ms, for seek); 400 an unknown action or a seek without a position.</summary>
    public Task<ListenResult<PlaybackStateChanged>> HandleAsync(ChannelUser actor, Guid sessionId, string action, long? positionMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (action is null || !Actions.Contains(action))
        {
            return Task.FromResult<ListenResult<PlaybackStateChanged>>(ListenRefusal.BadInput("'action' must be play, pause, seek, skip_next or skip_prev."));
        }
        if (action == "seek" && positionMs is null)
        {
            return Task.FromResult<ListenResult<PlaybackStateChanged>>(ListenRefusal.BadInput("A seek needs 'position_ms'."));
        }
        return gate.ChangeAsync<PlaybackStateChanged>(sessionId, actor, ListenPower.ControlPlayback, async change =>
        {
            var items = await change.Queue.ItemsAsync(sessionId, cancellationToken);
            var queue = items.Select(i => i.Id).ToList();
            var durations = await change.Queue.DurationsAsync(items, cancellationToken);
            var now = change.Now;
            // Catch up with tracks that ended since the clock last woke, so "next" means the next of what is heard.
            var state = change.Session.Playback.Advance(now, queue, id => durations.GetValueOrDefault(id));
            var duration = state.ItemId is { } current ? durations.GetValueOrDefault(current) : null;
            var next = action switch
            {
                "play" => state.RequestPlay(now, queue, duration),
                "pause" => state.Pause(now, duration),
                "seek" => state.Seek(positionMs!.Value, now, duration),
                "skip_next" => state.SkipNext(now, queue),
                _ => state.SkipPrevious(now, queue),
            };
            if (next.Status == PlaybackStatus.Waiting && clock.EveryoneReady(sessionId, next.ItemId))
            {
                next = next.Start(now);
            }
            change.Session.Playback = next;
            change.PlaybackChanged();
            change.Log("playback." + action, action == "seek" ? $"to {next.PositionMs / 1000.0:0.#} s" : "");
            return await change.Queue.PlaybackEventAsync(change.Session, next, cancellationToken);
        }, cancellationToken);
    }
}
