using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Meurs.Bench.Rooms;

/// <summary>What all clients of one run share: per-message delivery counts and when the last frame arrived anywhere.</summary>
internal sealed class RunState
{
    private long frames;
    private long lastFrameAt = Stopwatch.GetTimestamp();
    private long chatDeliveries;

    /// <summary>Deliveries per bench message id; sized before the senders start.</summary>
    public int[] PerMessage { get; private set; } = [];

    public long Frames => Interlocked.Read(ref frames);

    public long LastFrameAt => Interlocked.Read(ref lastFrameAt);

    public long ChatDeliveries => Interlocked.Read(ref chatDeliveries);

    public void PrepareLoad(int messages) => PerMessage = new int[messages];

    public void Frame(long now)
    {
        Interlocked.Increment(ref frames);
        Interlocked.Exchange(ref lastFrameAt, now);
    }

    public void Delivered(int messageId)
    {
        var counts = PerMessage;
        if ((uint)messageId < (uint)counts.Length)
        {
            Interlocked.Increment(ref counts[messageId]);
        }
        Interlocked.Increment(ref chatDeliveries);
    }
}

/// <summary>
/// One room member: a ClientWebSocket whose receive loop timestamps every complete text message the moment it is
/// read and, for a bench chat message (<c>"bench &lt;id&gt; &lt;sent timestamp&gt;"</c>), records the latency in
/// <see cref="Stopwatch"/> ticks. Only the start of other frames is looked at (their <c>type</c>), so the large
/// member lists a join sends cost the client as little as possible.
/// </summary>
internal sealed class BenchClient : IDisposable
{
    private const int MaxMessageBytes = 8 * 1024 * 1024;
    private readonly ClientWebSocket socket = new();
    private readonly RunState state;
    private byte[] buffer = new byte[4096];
    private Task receiving = Task.CompletedTask;
    private int historySeen;
    private int errors;
    private long lastChatAt;
    private volatile bool stopping;

    public BenchClient(RunState state, bool expectsHistory)
    {
        this.state = state;
        historySeen = expectsHistory ? 0 : 1;
    }

    /// <summary>Latencies of the bench chat messages this client received, in Stopwatch ticks (read after <see cref="StopAsync"/>).</summary>
    public List<long> Latencies { get; } = [];

    public bool HistorySeen => Volatile.Read(ref historySeen) == 1;

    /// <summary>When the handshake started and ended, and when the history arrived (Stopwatch timestamps; 0 when not yet).</summary>
    public long ConnectStartedAt { get; private set; }

    public long ConnectedAt { get; private set; }

    public long HistoryAt { get; private set; }

    public int Errors => Volatile.Read(ref errors);

    public string? FirstError { get; private set; }

    /// <summary>Why the receive loop ended before the bench stopped it (close code and reason, or the exception); null while fine.</summary>
    public string? EndedBy { get; private set; }

    public long LastChatAt => Interlocked.Read(ref lastChatAt);

    public bool IsOpen => socket.State == WebSocketState.Open && EndedBy is null;

    /// <summary>Opens the socket (within <paramref name="connectCancellation"/>) and starts reading until <paramref name="runCancellation"/>.</summary>
    public async Task ConnectAsync(Uri uri, string? bearerToken, CancellationToken connectCancellation, CancellationToken runCancellation)
    {
        if (bearerToken is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearerToken);
        }
        ConnectStartedAt = Stopwatch.GetTimestamp();
        await socket.ConnectAsync(uri, connectCancellation);
        ConnectedAt = Stopwatch.GetTimestamp();
        if (HistorySeen)
        {
            HistoryAt = ConnectedAt;
        }
        receiving = Task.Run(() => ReceiveLoopAsync(runCancellation), CancellationToken.None);
    }

    /// <summary>Sends bench message <paramref name="messageId"/> stamped with the current Stopwatch timestamp.</summary>
    public async Task SendChatAsync(int messageId, CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        var json = string.Create(CultureInfo.InvariantCulture, $$"""{"type":"chat","text":"bench {{messageId}} {{sentAt}}"}""");
        await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>Sends a chat message that is not measured (its text does not start with "bench ").</summary>
    public Task SendWarmUpAsync(CancellationToken cancellationToken) =>
        socket.SendAsync("{\"type\":\"chat\",\"text\":\"warm-up\"}"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Drops the connection (no close handshake: the run is over) and waits for the receive loop to end.</summary>
    public async Task StopAsync()
    {
        stopping = true;
        socket.Abort();
        try
        {
            await receiving.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // A receive loop that will not end is left behind; the process exits soon anyway.
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxMessageBytes)
                    {
                        EndedBy = $"a message over {MaxMessageBytes} bytes";
                        return;
                    }
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    EndedBy = $"closed by the server: {(int?)socket.CloseStatus} {socket.CloseStatusDescription}";
                    return;
                }
                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var now = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    Handle(buffer.AsSpan(0, length), now);
                }
                length = 0;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!stopping)
            {
                EndedBy = ex is OperationCanceledException ? "cancelled" : $"{socket.State}: {ex.Message}";
            }
        }
    }

    private void Handle(ReadOnlySpan<byte> message, long now)
    {
        state.Frame(now);
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }
        var chat = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.ValueTextEquals("chat"u8))
                {
                    chat = true;
                    continue;
                }
                if (reader.ValueTextEquals("history"u8) || reader.ValueTextEquals("resume"u8))
                {
                    HistoryAt = now;
                    Volatile.Write(ref historySeen, 1);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    Interlocked.Increment(ref errors);
                    FirstError ??= Encoding.UTF8.GetString(message[..Math.Min(message.Length, 300)]);
                }
                // members, system (joined), clear: nothing to record beyond the frame itself.
                return;
            }
            if (chat && reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                RecordChat(reader.GetString(), now);
                return;
            }
            reader.Read();
            reader.Skip();
        }
    }

    private void RecordChat(string? text, long now)
    {
        // "bench <id> <timestamp>"
        var parts = text?.Split(' ');
        if (parts is not ["bench", var id, var stamp]
            || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId)
            || !long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
        {
            return;
        }
        Latencies.Add(now - sentAt);
        Interlocked.Exchange(ref lastChatAt, now);
        state.Delivered(messageId);
    }

    public void Dispose() => socket.Dispose();
}
