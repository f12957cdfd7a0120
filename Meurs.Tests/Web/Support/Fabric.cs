using System.Collections.Concurrent;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// The realtime fabric on its own (hub, in-process bus, presence, policies, views) with one test kind
/// (<see cref="ChannelKind.Room"/>) whose policy, history and event are the test's, on a <see cref="FakeTimeProvider"/>.
/// Connections are real <see cref="SocketConnection"/>s over in-process WebSocket pairs.
/// </summary>
public sealed class Fabric : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly List<(SocketPair Pair, SocketConnection Connection, Task Run)> connections = [];
    private readonly CancellationTokenSource stop = new();

    private Fabric(TimeSpan grace)
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Policy = new TestPolicy(grace);
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton<IRealtimeBus, InProcessRealtimeBus>();
        collection.AddSingleton<RealtimeHub>();
        collection.AddSingleton<PresenceService>();
        collection.AddSingleton<ChannelPolicies>();
        collection.AddSingleton<EventViews>();
        collection.AddSingleton<IChannelPolicy>(Policy);
        collection.AddSingleton<IChannelLog>(Log);
        collection.AddSingleton<IPresenceListener>(Listener);
        collection.AddSingleton<IEventView<Said>>(View);
        collection.AddSingleton<IEventView<SaidHistory>>(View);
        collection.AddSingleton<IEventView<StreamMissed>>(View);
        collection.AddSingleton<IEventView<StreamEnded>>(View);
        collection.AddSingleton<IEventView<AccessRevoked>, AccessRevokedView>();
        services = collection.BuildServiceProvider();
    }

    /// <summary>The clock presence grace periods run on.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The test kind's policy.</summary>
    public TestPolicy Policy { get; }

    /// <summary>The test kind's stored history.</summary>
    public TestLog Log { get; } = new();

    /// <summary>What presence told the test kind's listener, in order.</summary>
    public TestListener Listener { get; } = new();

    /// <summary>The view of <see cref="Said"/>, counting its renders.</summary>
    public SaidView View { get; } = new();

    /// <summary>The hub.</summary>
    public RealtimeHub Hub => services.GetRequiredService<RealtimeHub>();

    /// <summary>Presence.</summary>
    public PresenceService Presence => services.GetRequiredService<PresenceService>();

    /// <summary>The policies index.</summary>
    public ChannelPolicies Policies => services.GetRequiredService<ChannelPolicies>();

    /// <summary>A fabric whose test kind keeps presence <paramref name="grace"/> past the last connection.</summary>
    public static Fabric Create(TimeSpan? grace = null) => new(grace ?? TimeSpan.FromSeconds(5));

    /// <summary>Appends "text" to <paramref name="channel"/>'s history under its gate and publishes it.</summary>
    public Task<long> SayAsync(ChannelId channel, string text, Audience? audience = null) =>
        Hub.WriteAsync(channel, write =>
        {
            var seq = write.NextSeq();
            Log.Add(channel, new Said(text, seq));
            write.Publish(new Said(text, seq), audience);
            return Task.FromResult(seq);
        });

    /// <summary>An open connection of <paramref name="userId"/>, not yet subscribed to anything.</summary>
    public (SocketConnection Connection, SocketPair Pair) Open(Guid userId, SocketProtocol protocol = SocketProtocol.Json, long maxQueuedStreamBytes = 4 * 1024 * 1024)
    {
        var pair = SocketPair.Create();
        var connection = new SocketConnection(pair.Server, userId, "user-" + userId.ToString("N")[..6], outboundQueueLength: 10_000, maxIncomingBytes: 64 * 1024, NullLogger.Instance)
        {
            Protocol = protocol,
            MaxQueuedStreamBytes = maxQueuedStreamBytes,
        };
        var run = connection.RunAsync(_ => Task.CompletedTask, stop.Token);
        lock (connections)
        {
            connections.Add((pair, connection, run));
        }
        return (connection, pair);
    }

    /// <summary>An open connection of <paramref name="userId"/> subscribed to <paramref name="channel"/>.</summary>
    public async Task<(SocketConnection Connection, SocketPair Pair)> SubscribeAsync(ChannelId channel, Guid userId, SocketProtocol protocol = SocketProtocol.Json, long? after = null, long maxQueuedStreamBytes = 4 * 1024 * 1024)
    {
        var opened = Open(userId, protocol, maxQueuedStreamBytes);
        await Hub.SubscribeAsync(opened.Connection, channel, new ChannelUser(userId, opened.Connection.UserName), after, CancellationToken.None);
        return opened;
    }

    /// <summary>Subscribes an open <paramref name="connection"/> to <paramref name="channel"/> as a watcher (not its own channel).</summary>
    public Task WatchAsync(SocketConnection connection, ChannelId channel) =>
        Hub.SubscribeAsync(connection, channel, new ChannelUser(connection.UserId, connection.UserName), null, CancellationToken.None, watching: true);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        foreach (var (pair, _, run) in connections)
        {
            await pair.DisposeAsync();
            try
            {
                await run.WaitAsync(TestSocket.Patience);
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException)
            {
                // Torn down with the pair.
            }
        }
        stop.Dispose();
        await services.DisposeAsync();
    }

    /// <summary>The test event: a numbered line of text.</summary>
    public sealed record Said(string Text, long Seq) : RealtimeEvent;

    /// <summary>The test kind's notice to a connection that missed a stream's bytes.</summary>
    public sealed record StreamMissed(string Key) : RealtimeEvent;

    /// <summary>The test kind's last event of a stream.</summary>
    public sealed record StreamEnded(string Key) : RealtimeEvent
    {
        /// <inheritdoc />
        public override string? Stream => Key;

        /// <inheritdoc />
        public override bool EndsStream => true;
    }

    /// <summary>The test kind's snapshot: the lines so far.</summary>
    public sealed record SaidHistory(IReadOnlyList<Said> Items) : RealtimeEvent;

    /// <summary>The one view of <see cref="Said"/> and <see cref="SaidHistory"/>, counting how often each protocol rendered.</summary>
    public sealed class SaidView : IEventView<Said>, IEventView<SaidHistory>, IEventView<StreamMissed>, IEventView<StreamEnded>
    {
        /// <inheritdoc />
        public Task<IReadOnlyList<string>> HtmxAsync(StreamMissed e) => Task.FromResult(Json(e));

        /// <inheritdoc />
        public IReadOnlyList<string> Json(StreamMissed e) => [RealtimeJson.Envelope("stream.missed", new { e.Key })];

        /// <inheritdoc />
        public Task<IReadOnlyList<string>> HtmxAsync(StreamEnded e) => Task.FromResult(Json(e));

        /// <inheritdoc />
        public IReadOnlyList<string> Json(StreamEnded e) => [RealtimeJson.Envelope("stream.ended", new { e.Key })];

        private int htmxRenders;
        private int jsonRenders;

        /// <summary>Renders for htmx so far.</summary>
        public int HtmxRenders => Volatile.Read(ref htmxRenders);

        /// <summary>Renders for JSON so far.</summary>
        public int JsonRenders => Volatile.Read(ref jsonRenders);

        /// <inheritdoc />
        public Task<IReadOnlyList<string>> HtmxAsync(Said e)
        {
            Interlocked.Increment(ref htmxRenders);
            return Task.FromResult<IReadOnlyList<string>>([HtmxSwap.Message($"<p>{e.Seq}:{e.Text}</p>", "#lines", "beforeend")]);
        }

        /// <inheritdoc />
        public IReadOnlyList<string> Json(Said e)
        {
            Interlocked.Increment(ref jsonRenders);
            return [RealtimeJson.Envelope("line.created", new { e.Seq, e.Text })];
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<string>> HtmxAsync(SaidHistory e) =>
            Task.FromResult<IReadOnlyList<string>>([HtmxSwap.Message(string.Concat(e.Items.Select(i => $"<p>{i.Seq}:{i.Text}</p>")), "#lines", "innerHTML")]);

        /// <inheritdoc />
        public IReadOnlyList<string> Json(SaidHistory e) => [RealtimeJson.Envelope("line.history", e.Items.Select(i => new { i.Seq, i.Text }))];
    }

    /// <summary>The test kind's policy: strangers may not subscribe, and nobody may send a <c>forbidden</c> command.</summary>
    public sealed class TestPolicy(TimeSpan grace) : IChannelPolicy
    {
        /// <summary>The user id refused everything.</summary>
        public Guid Stranger { get; } = Guid.NewGuid();

        /// <summary>Users refused from now on, as if a permission had been taken away.</summary>
        public HashSet<Guid> Revoked { get; } = [];

        /// <inheritdoc />
        public ChannelKind Kind => ChannelKind.Room;

        /// <inheritdoc />
        public TimeSpan PresenceGracePeriod => grace;

        /// <inheritdoc />
        public Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken) =>
            Task.FromResult(user.Id == Stranger || Revoked.Contains(user.Id) ? RealtimeRefusal.NotFound("Not found") : null);

        /// <inheritdoc />
        public Task<RealtimeRefusal?> AuthorizeCommandAsync(ChannelUser user, ChannelId channel, object command, CancellationToken cancellationToken) =>
            Task.FromResult(user.Id == Stranger || command is "forbidden" ? RealtimeRefusal.Forbidden("Not allowed") : null);
    }

    /// <summary>The test kind's history, in memory.</summary>
    public sealed class TestLog : IChannelLog
    {
        private readonly ConcurrentDictionary<ChannelId, List<Said>> lines = new();

        /// <inheritdoc />
        public ChannelKind Kind => ChannelKind.Room;

        /// <summary>Stores a line.</summary>
        public void Add(ChannelId channel, Said said)
        {
            var list = lines.GetOrAdd(channel, _ => []);
            lock (list)
            {
                list.Add(said);
            }
        }

        /// <inheritdoc />
        public Task<long> LastSeqAsync(ChannelId channel, CancellationToken cancellationToken)
        {
            var list = lines.GetOrAdd(channel, _ => []);
            lock (list)
            {
                return Task.FromResult(list.Count == 0 ? 0 : list[^1].Seq);
            }
        }

        /// <inheritdoc />
        public Task<RealtimeEvent?> SnapshotAsync(ChannelId channel, ChannelUser viewer, long? after, CancellationToken cancellationToken)
        {
            var list = lines.GetOrAdd(channel, _ => []);
            lock (list)
            {
                return Task.FromResult<RealtimeEvent?>(new SaidHistory([.. list.Where(l => after is null || l.Seq > after)]));
            }
        }
    }

    /// <summary>Records what presence reported for the test kind.</summary>
    public sealed class TestListener : IPresenceListener
    {
        private readonly ConcurrentQueue<string> heard = new();

        /// <summary>"arrived name", "departed name" and "departed name on purpose", in order.</summary>
        public IReadOnlyList<string> Heard => [.. heard];

        /// <inheritdoc />
        public ChannelKind Kind => ChannelKind.Room;

        /// <inheritdoc />
        public Task ArrivedAsync(ChannelId channel, PresentMember member)
        {
            heard.Enqueue("arrived " + member.UserName);
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose)
        {
            heard.Enqueue("departed " + member.UserName + (onPurpose ? " on purpose" : ""));
            return Task.CompletedTask;
        }
    }
}
