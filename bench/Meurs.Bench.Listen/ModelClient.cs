using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Meurs.Bench.Listen;

/// <summary>How one model listener is set up: its clock's offset from the machine's, its element's clock error and latencies.</summary>
/// <param name="OffsetMs">The client's clock minus the machine's, ms (a badly set laptop: seconds).</param>
/// <param name="Skew">The element's clock runs at (1 + Skew) of the wall clock (±0.1..0.5 %).</param>
/// <param name="RateLatencyMs">How long a new playbackRate takes to be heard.</param>
/// <param name="Seed">Seeds the client's randomness (timer jitter, seek latency, reading noise).</param>
internal sealed record ClientSetup(double OffsetMs, double Skew, double RateLatencyMs, int Seed);

/// <summary>
/// A listener on a real WebSocket to <c>/api/ws/listen/{id}</c> (bearer token) over loopback, with a simulated media
/// element. Subclasses decide what to do with the messages and the element (the real listen-player.js, or the original
/// player's algorithm); this class carries the socket, the measurement timer (every 250 ms ± 15 ms of jitter, on top of
/// whatever the loaded machine adds) and the record of every playback_state into the session's <see cref="Timeline"/>.
/// </summary>
internal abstract class ModelClient : IAsyncDisposable
{
    public const double TickMs = 250;
    public const double TickJitterMs = 15;

    private readonly ClientWebSocket socket = new();
    private readonly Channel<string> outbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stop = new();
    private readonly Timeline timeline;
    private readonly List<Task> loops = [];

    protected ModelClient(ClientSetup setup, Timeline timeline)
    {
        Setup = setup;
        this.timeline = timeline;
        Random = new Random(setup.Seed);
        Media = new MediaModel(setup.Skew, setup.RateLatencyMs, setup.Seed * 7919 + 1);
    }

    public ClientSetup Setup { get; }

    public MediaModel Media { get; }

    /// <summary>Serializes everything the client does (messages, timer, element events), as a page's one thread would.</summary>
    protected Lock Gate { get; } = new();

    /// <summary>Only under <see cref="Gate"/>.</summary>
    protected Random Random { get; }

    /// <summary>Protocol errors the server sent back ({"type":"error"}), for the report.</summary>
    public int ErrorsReceived { get; private set; }

    public string? FirstError { get; private set; }

    /// <summary>This client's clock: the machine's, shifted by its offset.</summary>
    protected double ClientNow() => TrueClock.NowMs() + Setup.OffsetMs;

    public async Task ConnectAsync(Uri socketUri, string token, CancellationToken cancellationToken)
    {
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(socketUri, cancellationToken);
        loops.Add(Task.Run(() => ReceiveLoopAsync(stop.Token), CancellationToken.None));
        loops.Add(Task.Run(() => SendLoopAsync(stop.Token), CancellationToken.None));
        loops.Add(Task.Run(() => TickLoopAsync(stop.Token), CancellationToken.None));
        lock (Gate)
        {
            Started();
        }
    }

    /// <summary>Queues an envelope for the socket (never blocks; safe under <see cref="Gate"/>).</summary>
    protected void Send(string json) => outbox.Writer.TryWrite(json);

    protected static string Envelope(string type, object payload) => JsonSerializer.Serialize(new { type, payload });

    /// <summary>Runs <paramref name="action"/> under <see cref="Gate"/> after <paramref name="delayMs"/> (an element event).</summary>
    protected void Later(double delayMs, Action action) => _ = Task.Run(async () =>
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, delayMs)), stop.Token);
            lock (Gate)
            {
                action();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped meanwhile.
        }
    });

    /// <summary>Under <see cref="Gate"/>: the socket is open.</summary>
    protected abstract void Started();

    /// <summary>Under <see cref="Gate"/>: one text message from the server.</summary>
    protected abstract void Received(string text, JsonElement message);

    /// <summary>Under <see cref="Gate"/>: the measurement timer fired.</summary>
    protected abstract void Tick();

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var json = text.ToString();
                text.Clear();
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type == "playback_state")
                {
                    timeline.Add(ServerState.Parse(root.GetProperty("payload")));
                }
                else if (type == "error")
                {
                    ErrorsReceived++;
                    FirstError ??= json;
                }
                lock (Gate)
                {
                    Received(json, root);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var message in outbox.Reader.ReadAllAsync(ct))
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }
    }

    // setInterval(tick, 250) as a page has it, with 15 ms of timer jitter; the schedule does not drift.
    private async Task TickLoopAsync(CancellationToken ct)
    {
        var next = TrueClock.NowMs();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                double jitter;
                lock (Gate)
                {
                    jitter = (Random.NextDouble() * 2 - 1) * TickJitterMs;
                }
                next += TickMs;
                await TrueClock.WaitUntilAsync(next + jitter, ct);
                lock (Gate)
                {
                    Tick();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        outbox.Writer.TryComplete();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench over", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Gone already.
        }
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10));
        socket.Dispose();
        stop.Dispose();
    }
}

/// <summary>
/// The host's own socket on a session of Chromium pages: it plays nothing and is never measured; it records the
/// server's playback_state into the timeline and reports ready, so the server's ready-wait does not wait for it.
/// </summary>
internal sealed class ObserverClient(Timeline timeline) : ModelClient(new ClientSetup(0, 0, 0, 1), timeline)
{
    protected override void Started() => Send(Envelope("client_state", new { state = "ready", drift_ms = (double?)null }));

    protected override void Received(string text, JsonElement message)
    {
    }

    protected override void Tick()
    {
    }
}
