using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// The playback clock: owns the timing of every open session. While a session plays it wakes when the current item
/// ends (<see cref="PlaybackState.EndsAt"/>) and moves everyone on (<see cref="PlaybackState.Advance"/>, published as
/// <c>playback_state</c>); while it waits it starts playing as soon as every connected listener (presence on the
/// session's channel) has reported ready for the current item, or after <see cref="ListeningOptions.ReadyTimeout"/>.
/// It follows each published <see cref="PlaybackStateChanged"/> (<see cref="ListenClockObserver"/>), and changes
/// sessions through the <see cref="ListenGate"/>, so its changes and people's are serialized per session. Timers run on
/// the injected <see cref="TimeProvider"/>. At start-up it picks up the sessions that were playing or waiting. Singleton.
/// </summary>
public sealed class ListenClock(IServiceScopeFactory scopes, PresenceService presence, ListenSyncStates sync, TimeProvider time,
    IOptions<ListeningOptions> options, ILogger<ListenClock> logger) : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Followed> sessions = [];

    /// <summary>True when every listener connected to <paramref name="sessionId"/> has reported ready (or in sync) for <paramref name="itemId"/>; vacuously when nobody is connected.</summary>
    public bool EveryoneReady(Guid sessionId, Guid? itemId) =>
        itemId is { } id && presence.Present(ChannelId.Listen(sessionId)).All(m => sync.IsReady(sessionId, m.UserId, id));

    /// <summary>Follows <paramref name="state"/>, the session's newly published state: arms the end-of-item or ready-wait timer, disarming the previous.</summary>
    public void Follow(Guid sessionId, PlaybackState state, long? durationMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var runNow = false;
        Guid? startNow = null;
        lock (gate)
        {
            if (!sessions.TryGetValue(sessionId, out var followed))
            {
                sessions[sessionId] = followed = new Followed();
            }
            followed.Disarm();
            followed.State = state;
            if (state.Status == PlaybackStatus.Playing && state.EndsAt(durationMs) is { } endsAt)
            {
                if (endsAt <= now)
                {
                    runNow = true;
                }
                else
                {
                    followed.Timer = time.CreateTimer(_ => Run(AdvanceAsync(sessionId)), null, TimeSpan.FromMilliseconds(endsAt - now), Timeout.InfiniteTimeSpan);
                }
            }
            else if (state.Status == PlaybackStatus.Waiting)
            {
                // The wait began when play was asked for (the state's UpdatedAt), not when this hears of it.
                var item = state.ItemId;
                var left = state.UpdatedAt + (long)options.Value.ReadyTimeout.TotalMilliseconds - now;
                if (left <= 0)
                {
                    startNow = item;
                }
                else
                {
                    followed.Timer = time.CreateTimer(_ => Run(StartAsync(sessionId, item, timedOut: true)), null, TimeSpan.FromMilliseconds(left), Timeout.InfiniteTimeSpan);
                }
            }
            else if (state.Status == PlaybackStatus.Paused)
            {
                sessions.Remove(sessionId);
            }
        }
        if (runNow)
        {
            Run(AdvanceAsync(sessionId));
        }
        if (startNow is not null)
        {
            Run(StartAsync(sessionId, startNow, timedOut: true));
        }
    }

    /// <summary>Stops following <paramref name="sessionId"/> (it ended).</summary>
    public void Forget(Guid sessionId)
    {
        lock (gate)
        {
            if (sessions.Remove(sessionId, out var followed))
            {
                followed.Disarm();
            }
        }
        sync.Forget(sessionId);
    }

    /// <summary>
    /// Records a listener's <c>client_state</c> (<paramref name="state"/>: ready, buffering, in_sync, correcting) for the
    /// session's current item; the member list is republished when their state changed, and a waiting session starts
    /// when this made everyone ready.
    /// </summary>
    public async Task ReportAsync(Guid sessionId, ChannelUser user, string state, double? driftMs)
    {
        ArgumentNullException.ThrowIfNull(user);
        Guid? item;
        lock (gate)
        {
            item = sessions.TryGetValue(sessionId, out var followed) ? followed.State?.ItemId : null;
        }
        using var scope = scopes.CreateScope();
        if (item is null)
        {
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            item = await db.ListenSessions.Where(s => s.Id == sessionId).Select(s => s.CurrentItemId).FirstOrDefaultAsync();
        }
        if (sync.Report(sessionId, user.Id, state, item, driftMs))
        {
            var roster = scope.ServiceProvider.GetRequiredService<ListenRoster>();
            var hub = scope.ServiceProvider.GetRequiredService<RealtimeHub>();
            await hub.WriteAsync(ChannelId.Listen(sessionId), async write =>
            {
                write.Publish(await roster.EventAsync(sessionId, CancellationToken.None));
                return true;
            });
        }
        await ReadyChangedAsync(sessionId);
    }

    /// <summary>Starts a waiting session when everyone connected is now ready (a report came in, or an unready listener departed).</summary>
    public async Task ReadyChangedAsync(Guid sessionId)
    {
        PlaybackState? state;
        lock (gate)
        {
            state = sessions.TryGetValue(sessionId, out var followed) ? followed.State : null;
        }
        if (state is { Status: PlaybackStatus.Waiting } && EveryoneReady(sessionId, state.ItemId))
        {
            await StartAsync(sessionId, state.ItemId, timedOut: false);
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: the first library read may wait for a scan, and nothing should hold up start-up for it.
        Run(ResumeAsync());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            foreach (var followed in sessions.Values)
            {
                followed.Disarm();
            }
            sessions.Clear();
        }
    }

    // Sessions that were playing keep their state across a restart: the clock catches up with what ended meanwhile.
    private async Task ResumeAsync()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<ListenPlaylist>();
        var live = await db.ListenSessions.AsNoTracking().Where(s => s.EndedAt == null && s.Status != PlaybackStatus.Paused).ToListAsync();
        foreach (var session in live)
        {
            var mediaId = await db.QueueItems.Where(i => i.Id == session.CurrentItemId).Select(i => (Guid?)i.MediaId).FirstOrDefaultAsync();
            Follow(session.Id, session.Playback, await queue.DurationAsync(mediaId, CancellationToken.None));
        }
    }

    private async Task AdvanceAsync(Guid sessionId)
    {
        using var scope = scopes.CreateScope();
        var listenGate = scope.ServiceProvider.GetRequiredService<ListenGate>();
        await listenGate.ChangeAsServerAsync<ListenDone>(sessionId, async change =>
        {
            var items = await change.Queue.ItemsAsync(sessionId, CancellationToken.None);
            var durations = await change.Queue.DurationsAsync(items, CancellationToken.None);
            var state = change.Session.Playback;
            var next = state.Advance(change.Now, [.. items.Select(i => i.Id)], id => durations.GetValueOrDefault(id));
            if (next == state)
            {
                return ListenRefusal.Conflict("Nothing ended.");
            }
            change.Session.Playback = next;
            change.PlaybackChanged();
            var title = items.FirstOrDefault(i => i.Id == next.ItemId) is { } item ? await QueueEdits.TitleAsync(change, item.MediaId, CancellationToken.None) : "";
            change.Log(next.Status == PlaybackStatus.Playing ? "playback.next" : "playback.finished", title);
            return ListenDone.Value;
        }, CancellationToken.None);
    }

    private async Task StartAsync(Guid sessionId, Guid? itemId, bool timedOut)
    {
        using var scope = scopes.CreateScope();
        var listenGate = scope.ServiceProvider.GetRequiredService<ListenGate>();
        await listenGate.ChangeAsServerAsync<ListenDone>(sessionId, change =>
        {
            var state = change.Session.Playback;
            if (state.Status != PlaybackStatus.Waiting || state.ItemId != itemId)
            {
                return Task.FromResult<ListenResult<ListenDone>>(ListenRefusal.Conflict("No longer waiting."));
            }
            change.Session.Playback = state.Start(change.Now);
            change.PlaybackChanged();
            change.Log("playback.started", timedOut ? "without waiting any longer" : "everyone ready");
            return Task.FromResult<ListenResult<ListenDone>>(ListenDone.Value);
        }, CancellationToken.None);
    }

    // Timer callbacks and background work: nobody awaits them, so their failures are logged here.
    private void Run(Task work) => _ = RunAsync(work);

    private async Task RunAsync(Task work)
    {
        try
        {
            await work;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The listening clock failed");
        }
    }

    private sealed class Followed
    {
        public PlaybackState? State { get; set; }

        public ITimer? Timer { get; set; }

        public void Disarm()
        {
            Timer?.Dispose();
            Timer = null;
        }
    }
}

/// <summary>Makes the <see cref="ListenClock"/> follow every published playback state, and forget a session that ended.</summary>
public sealed class ListenClockObserver(ListenClock clock) : IEventObserver<PlaybackStateChanged>, IEventObserver<SessionEnded>
{
    /// <inheritdoc />
    public Task OnEventAsync(ChannelId channel, PlaybackStateChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        clock.Follow(e.SessionId, e.State, e.Track?.DurationMs);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnEventAsync(ChannelId channel, SessionEnded e)
    {
        ArgumentNullException.ThrowIfNull(e);
        clock.Forget(e.SessionId);
        return Task.CompletedTask;
    }
}
