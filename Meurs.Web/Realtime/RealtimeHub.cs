using System.Collections.Concurrent;
using System.Text;

namespace Meurs.Web.Realtime;

/// <summary>
/// The fabric's hub: who is subscribed to which channel, per-channel sequence numbers, gapless subscribe (snapshot then
/// live), and delivery of published events rendered once per protocol. Publishing goes through the
/// <see cref="IRealtimeBus"/>; delivery is this node's side of it. A channel's state (its gate, its last sequence
/// number, its subscribers) exists while it is in use and is dropped after, so nothing grows with the number of
/// channels ever used.
/// </summary>
public sealed class RealtimeHub
{
    private readonly Dictionary<ChannelId, ChannelState> channels = [];
    private readonly Lock channelsGate = new();
    private readonly IRealtimeBus bus;
    private readonly EventViews views;
    private readonly IServiceProvider services;
    // Resolved on first use: logs and observers are feature services that publish through this hub themselves.
    private readonly Lazy<Dictionary<ChannelKind, IChannelLog>> logs;
    private readonly ConcurrentDictionary<Type, Func<ChannelId, RealtimeEvent, Task>> observers = new();

    /// <summary>Creates the hub and attaches it to <paramref name="bus"/> as this node's delivery.</summary>
    public RealtimeHub(IRealtimeBus bus, EventViews views, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(bus);
        this.bus = bus;
        this.views = views;
        this.services = services;
        logs = new(() => services.GetServices<IChannelLog>().ToDictionary(l => l.Kind));
        bus.OnDeliver(DeliverAsync);
    }

    /// <summary>How many connections are subscribed to <paramref name="channel"/> now.</summary>
    public int SubscriberCount(ChannelId channel)
    {
        lock (channelsGate)
        {
            return channels.TryGetValue(channel, out var state) ? state.Subscribers.Count : 0;
        }
    }

    /// <summary>The connections subscribed to <paramref name="channel"/> now (operators and tests: features publish, they never walk connections).</summary>
    public IReadOnlyList<SocketConnection> Subscribers(ChannelId channel)
    {
        lock (channelsGate)
        {
            return channels.TryGetValue(channel, out var state) ? [.. state.Subscribers.Values] : [];
        }
    }

    /// <summary>How many channels have state in memory now (in use, or being written).</summary>
    public int ActiveChannelCount
    {
        get
        {
            lock (channelsGate)
            {
                return channels.Count;
            }
        }
    }

    /// <summary>Publishes <paramref name="e"/> on <paramref name="channel"/> to <paramref name="audience"/> (everyone subscribed by default).</summary>
    public Task PublishAsync(ChannelId channel, RealtimeEvent e, Audience? audience = null) =>
        WriteAsync(channel, write =>
        {
            write.Publish(e, audience);
            return Task.FromResult(true);
        });

    /// <summary>
    /// Runs <paramref name="write"/> while nothing else is written to or subscribing on <paramref name="channel"/>: it
    /// numbers and stores its events, queues them with <see cref="ChannelWrite.Publish"/>, and they are published in order
    /// once it returns. When it throws, no number is used and nothing is published. Observers of the published events run
    /// after the gate is released, so they may write to other channels.
    /// </summary>
    public async Task<T> WriteAsync<T>(ChannelId channel, Func<ChannelWrite, Task<T>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var state = Enter(channel);
        IReadOnlyList<Publication> published;
        T result;
        try
        {
            await state.Gate.WaitAsync(cancellationToken);
            try
            {
                state.LastSeq ??= logs.Value.TryGetValue(channel.Kind, out var log) ? await log.LastSeqAsync(channel, cancellationToken) : 0;
                var pending = new ChannelWrite(channel, state.LastSeq.Value);
                result = await write(pending);
                state.LastSeq = pending.LastSeq;
                published = pending.Publications;
                foreach (var publication in published)
                {
                    await bus.SendAsync(publication);
                }
            }
            finally
            {
                state.Gate.Release();
            }
        }
        finally
        {
            Exit(channel, state);
        }
        foreach (var publication in published)
        {
            await ObserveAsync(publication);
        }
        return result;
    }

    /// <summary>
    /// Subscribes <paramref name="connection"/> to <paramref name="channel"/> and sends it the channel's snapshot (its
    /// <see cref="IChannelLog"/>'s history, or a resume after <paramref name="after"/>), atomically with respect to
    /// writes: every event published after the snapshot reaches it, none before it does.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="viewer">Its person.</param>
    /// <param name="after">Resume after this sequence number, or null for the history.</param>
    /// <param name="cancellationToken">Gives up waiting for the channel's gate.</param>
    /// <param name="watching">True when the connection only watches the channel (its policy's watch rule admitted it), false when it is the connection's own channel.</param>
    public async Task SubscribeAsync(SocketConnection connection, ChannelId channel, ChannelUser viewer, long? after, CancellationToken cancellationToken, bool watching = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var state = Enter(channel);
        try
        {
            await state.Gate.WaitAsync(cancellationToken);
            try
            {
                if (logs.Value.TryGetValue(channel.Kind, out var log) && await log.SnapshotAsync(channel, viewer, after, cancellationToken) is { } snapshot)
                {
                    foreach (var frame in await views.RenderAsync(snapshot, connection.Protocol))
                    {
                        connection.TrySend(frame);
                    }
                }
                lock (channelsGate)
                {
                    state.Subscribers[connection.Id] = connection;
                    if (watching)
                    {
                        state.Watchers.Add(connection.Id);
                    }
                }
            }
            finally
            {
                state.Gate.Release();
            }
        }
        finally
        {
            Exit(channel, state);
        }
    }

    /// <summary>Ends <paramref name="connection"/>'s subscription to <paramref name="channel"/>.</summary>
    public void Unsubscribe(SocketConnection connection, ChannelId channel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (channelsGate)
        {
            if (channels.TryGetValue(channel, out var state) && state.Subscribers.Remove(connection.Id))
            {
                state.Watchers.Remove(connection.Id);
                DropIfIdle(channel, state);
            }
        }
    }

    /// <summary>
    /// Asks the policies again about every connection subscribed to a channel <paramref name="affected"/> selects, and
    /// ends what they now refuse, at once: a connection refused on its own channel is told <see cref="AccessRevoked"/>
    /// and closed (1000 for pages, which hx-ws does not reconnect; <see cref="AccessRevoked.ProgramCode"/> for programs),
    /// which ends its presence there (a voice session: it leaves the call); a connection that only watched the channel
    /// stops receiving it. Features call this after a change of who may see what (roles, overrides, kicks, deletions).
    /// </summary>
    /// <returns>How many subscriptions were ended.</returns>
    public async Task<int> ReauthorizeAsync(Func<ChannelId, bool> affected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(affected);
        List<(ChannelId Channel, SocketConnection Connection, bool Watching)> subscriptions;
        lock (channelsGate)
        {
            subscriptions = [.. channels.Where(c => affected(c.Key))
                .SelectMany(c => c.Value.Subscribers.Values.Select(s => (c.Key, s, c.Value.Watchers.Contains(s.Id))))];
        }
        var policies = services.GetRequiredService<ChannelPolicies>();
        var answers = new Dictionary<(ChannelId, Guid, bool), RealtimeRefusal?>();
        var ended = 0;
        foreach (var (channel, connection, watching) in subscriptions)
        {
            if (!answers.TryGetValue((channel, connection.UserId, watching), out var refusal))
            {
                var user = new ChannelUser(connection.UserId, connection.UserName);
                refusal = watching
                    ? await policies.AuthorizeWatchAsync(user, channel, cancellationToken)
                    : await policies.AuthorizeSubscribeAsync(user, channel, cancellationToken);
                answers[(channel, connection.UserId, watching)] = refusal;
            }
            if (refusal is null)
            {
                continue;
            }
            ended++;
            Unsubscribe(connection, channel);
            if (watching)
            {
                continue;
            }
            foreach (var frame in await views.RenderAsync(new AccessRevoked(channel, refusal.Detail), connection.Protocol))
            {
                connection.TrySend(frame);
            }
            connection.RequestClose(connection.Protocol == SocketProtocol.Htmx ? System.Net.WebSockets.WebSocketCloseStatus.NormalClosure : AccessRevoked.ProgramCode, "access revoked");
        }
        return ended;
    }

    private async Task DeliverAsync(Publication publication)
    {
        List<SocketConnection> recipients;
        lock (channelsGate)
        {
            if (!channels.TryGetValue(publication.Channel, out var state))
            {
                return;
            }
            recipients = [.. state.Subscribers.Values.Where(c => publication.Audience.Includes(c.UserId, c.Id))];
        }
        if (recipients.Count == 0)
        {
            return;
        }
        var e = publication.Event;
        if (e is BinaryRelayed binary)
        {
            await DeliverStreamPartAsync(binary, recipients);
            return;
        }
        if (e.Stream is { } stream)
        {
            // A connection that missed the stream's bytes was told so; the rest of the stream is not for it.
            var missed = recipients.Where(c => c.HasMissed(stream)).ToList();
            if (e.EndsStream)
            {
                missed.ForEach(c => c.ForgetStream(stream));
            }
            recipients.RemoveAll(missed.Contains);
        }
        // Rendered and encoded once per protocol, however many connections speak it.
        foreach (var group in recipients.GroupBy(c => c.Protocol))
        {
            var frames = (await views.RenderAsync(e, group.Key)).Select(f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f)).ToList();
            foreach (var connection in group)
            {
                foreach (var frame in frames)
                {
                    connection.TrySendText(frame);
                }
                if (e.CloseAfter is { } status)
                {
                    connection.RequestClose(status, "closed");
                }
            }
        }
    }

    // Best effort, per receiver: a receiver that cannot take the part now misses the stream and is told once, in its
    // protocol; its socket, and everyone else's delivery, are untouched.
    private async Task DeliverStreamPartAsync(BinaryRelayed part, List<SocketConnection> recipients)
    {
        Dictionary<SocketProtocol, IReadOnlyList<string>>? notices = null;
        foreach (var connection in recipients)
        {
            if (connection.TrySendStreamPart(part.Bytes, part.StreamKey) != StreamSend.Missed)
            {
                continue;
            }
            notices ??= [];
            if (!notices.TryGetValue(connection.Protocol, out var frames))
            {
                notices[connection.Protocol] = frames = await views.RenderAsync(part.Missed, connection.Protocol);
            }
            foreach (var frame in frames)
            {
                connection.TrySend(frame);
            }
        }
    }

    private Task ObserveAsync(Publication publication) =>
        observers.GetOrAdd(publication.Event.GetType(), type =>
        {
            var method = typeof(RealtimeHub).GetMethod(nameof(ObserversOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.MakeGenericMethod(type);
            return (Func<ChannelId, RealtimeEvent, Task>)method.Invoke(this, null)!;
        })(publication.Channel, publication.Event);

    private Func<ChannelId, RealtimeEvent, Task> ObserversOf<TEvent>() where TEvent : RealtimeEvent => async (channel, e) =>
    {
        foreach (var observer in services.GetServices<IEventObserver<TEvent>>())
        {
            await observer.OnEventAsync(channel, (TEvent)e);
        }
    };

    private ChannelState Enter(ChannelId channel)
    {
        lock (channelsGate)
        {
            if (!channels.TryGetValue(channel, out var state))
            {
                channels[channel] = state = new ChannelState();
            }
            state.Users++;
            return state;
        }
    }

    private void Exit(ChannelId channel, ChannelState state)
    {
        lock (channelsGate)
        {
            state.Users--;
            DropIfIdle(channel, state);
        }
    }

    private void DropIfIdle(ChannelId channel, ChannelState state)
    {
        if (state.Users == 0 && state.Subscribers.Count == 0)
        {
            channels.Remove(channel);
            state.Gate.Dispose();
        }
    }

    private sealed class ChannelState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long? LastSeq { get; set; }

        public Dictionary<Guid, SocketConnection> Subscribers { get; } = [];

        // Subscribers that only watch the channel (admitted by the policy's watch rule, not present on it).
        public HashSet<Guid> Watchers { get; } = [];

        // Writers and subscribers in progress: the state stays while any is.
        public int Users { get; set; }
    }
}
