using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Meurs.Web.Realtime;

/// <summary>
/// One accepted WebSocket of one signed-in user. Everything sent to it goes through one queue drained by a single
/// writer, so a slow client never blocks the code that publishes to many clients. The queue holds two kinds of message,
/// in the order they were sent: <em>reliable</em> ones (every text message), of which at most
/// <c>outboundQueueLength</c> may wait before the connection counts as too slow and is closed with 1013 (Try Again
/// Later; the client's reconnect resynchronises it), and <em>best-effort</em> parts of a stream (the binary frames of a
/// direct file transfer, see <see cref="TrySendStreamPart"/>), of which at most <see cref="MaxQueuedStreamBytes"/> may
/// wait: past that, this connection misses that stream (it is told so) and keeps its socket.
/// </summary>
#pragma warning disable CA1001 // `stalled` is disposed when RunAsync ends, the connection's whole life.
public sealed class SocketConnection
#pragma warning restore CA1001
{
    private readonly WebSocket socket;
    private readonly Channel<Outgoing> outbound;
    private readonly int outboundQueueLength;
    private readonly HashSet<string> missedStreams = new(StringComparer.Ordinal);
    private int queuedReliable;
    private long queuedStreamBytes;
    private readonly int maxIncomingBytes;
    private readonly ILogger logger;
    private readonly TimeSpan stalledPeerTimeout;
    private readonly CancellationTokenSource stalled = new();
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int closeRequested;

    /// <summary>Wraps an accepted socket.</summary>
    /// <param name="socket">The accepted WebSocket.</param>
    /// <param name="userId">The authenticated user.</param>
    /// <param name="userName">The user's name as others see it.</param>
    /// <param name="outboundQueueLength">Queued messages allowed before the connection counts as too slow.</param>
    /// <param name="maxIncomingBytes">Largest text message accepted from the client, in bytes.</param>
    /// <param name="logger">Where handler failures are reported.</param>
    /// <param name="stalledPeerTimeout">
    /// How long a close may wait for the peer to take what is queued before the socket is aborted (default 10 s): a peer
    /// that stops reading altogether would otherwise hold the connection open forever.
    /// </param>
    public SocketConnection(WebSocket socket, Guid userId, string userName, int outboundQueueLength, int maxIncomingBytes, ILogger logger, TimeSpan? stalledPeerTimeout = null)
    {
        this.logger = logger;
        this.stalledPeerTimeout = stalledPeerTimeout ?? TimeSpan.FromSeconds(10);
        this.socket = socket;
        UserId = userId;
        UserName = userName;
        this.maxIncomingBytes = maxIncomingBytes;
        this.outboundQueueLength = outboundQueueLength;
        // Unbounded as a channel, bounded by the counts kept beside it: reliable messages by number, stream parts by
        // bytes, so a big transfer can never crowd chat out of the queue nor the other way round, and order is kept.
        outbound = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>
    /// Bytes of best-effort stream parts (<see cref="TrySendStreamPart"/>) that may wait for this connection before it
    /// misses the stream being sent (default 4 MiB). Each part counts <see cref="StreamPartOverheadBytes"/> more than its
    /// length, so many tiny parts cannot queue without bound.
    /// </summary>
    public long MaxQueuedStreamBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>What each queued stream part counts beyond its own length, in bytes (its share of the queue's bookkeeping).</summary>
    public const int StreamPartOverheadBytes = 64;

    /// <summary>
    /// Signalled when the server begins to stop: the connection then closes with 1001 "Going Away" (RFC 6455 §7.4.1)
    /// after what is queued, so clients learn at once and reconnect to the next server instead of holding the shutdown
    /// up until their sockets time out. Default: never.
    /// </summary>
    public CancellationToken ServerStopping { get; init; }

    /// <summary>Close code 1013 "Try Again Later" from the IANA WebSocket close code registry (RFC 6455 §11.7); htmx's hx-ws reconnects on it.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    /// <summary>Unique per connection; one user may hold several (tabs, devices).</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>What this connection speaks; decides which view of an event (<see cref="IEventView{TEvent}"/>) it receives.</summary>
    public SocketProtocol Protocol { get; init; } = SocketProtocol.Htmx;

    /// <summary>The authenticated user's id.</summary>
    public Guid UserId { get; }

    /// <summary>The authenticated user's name.</summary>
    public string UserName { get; }

    /// <summary>
    /// Queues a text message. Never waits: when the queue is full the connection is closed with 1013 and false returned.
    /// </summary>
    public bool TrySend(string text) => TrySendText(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Queues a text message already encoded as UTF-8, so a frame going to many connections is encoded once rather than
    /// once each; like <see cref="TrySend"/>, never waits and closes a connection that falls behind.
    /// </summary>
    public bool TrySendText(ReadOnlyMemory<byte> utf8) => TryQueueReliable(new Outgoing(utf8, WebSocketMessageType.Text));

    /// <summary>Queues a binary message reliably; like <see cref="TrySend"/>, never waits and closes a connection that falls behind.</summary>
    public bool TrySendBinary(ReadOnlyMemory<byte> bytes) => TryQueueReliable(new Outgoing(bytes, WebSocketMessageType.Binary));

    private bool TryQueueReliable(Outgoing message)
    {
        if (Interlocked.Increment(ref queuedReliable) > outboundQueueLength)
        {
            Interlocked.Decrement(ref queuedReliable);
            RequestClose(TryAgainLater, "falling behind");
            return false;
        }
        if (outbound.Writer.TryWrite(message))
        {
            return true;
        }
        Interlocked.Decrement(ref queuedReliable); // closing already
        return false;
    }

    /// <summary>
    /// Queues one best-effort binary part of <paramref name="stream"/> (a direct file transfer). Never waits and never
    /// closes the connection: when <see cref="MaxQueuedStreamBytes"/> are already waiting, this connection misses the
    /// stream instead, and every later part of it is dropped until <see cref="ForgetStream"/>.
    /// </summary>
    /// <returns>
    /// <see cref="StreamSend.Queued"/>; <see cref="StreamSend.Missed"/> the first time a part is dropped (the caller tells
    /// the client which stream it missed); <see cref="StreamSend.Dropped"/> for the parts after that, or when closing.
    /// </returns>
    public StreamSend TrySendStreamPart(ReadOnlyMemory<byte> bytes, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var cost = bytes.Length + StreamPartOverheadBytes;
        lock (missedStreams)
        {
            if (missedStreams.Contains(stream))
            {
                return StreamSend.Dropped;
            }
            // One part always fits in an empty queue, however large the budget is set.
            var queued = Interlocked.Read(ref queuedStreamBytes);
            if (queued > 0 && queued + cost > MaxQueuedStreamBytes)
            {
                missedStreams.Add(stream);
                return StreamSend.Missed;
            }
            Interlocked.Add(ref queuedStreamBytes, cost);
        }
        if (outbound.Writer.TryWrite(new Outgoing(bytes, WebSocketMessageType.Binary, cost)))
        {
            return StreamSend.Queued;
        }
        Interlocked.Add(ref queuedStreamBytes, -cost);
        return StreamSend.Dropped;
    }

    /// <summary>True when this connection missed <paramref name="stream"/>: the stream's later events are not for it.</summary>
    public bool HasMissed(string stream)
    {
        lock (missedStreams)
        {
            return missedStreams.Contains(stream);
        }
    }

    /// <summary>Forgets that this connection missed <paramref name="stream"/> (the stream ended; its key may be used again).</summary>
    public void ForgetStream(string stream)
    {
        lock (missedStreams)
        {
            missedStreams.Remove(stream);
        }
    }

    /// <summary>Asks the writer to send a close frame with <paramref name="status"/> after what is already queued.</summary>
    public void RequestClose(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref closeRequested, 1) == 1)
        {
            return;
        }
        closeStatus = status;
        closeReason = reason;
        outbound.Writer.TryComplete();
        _ = AbortIfStalledAsync();
    }

    private async Task AbortIfStalledAsync()
    {
        if (await Task.WhenAny(finished.Task, Task.Delay(stalledPeerTimeout)) != finished.Task)
        {
            // The writer is stuck in a send the peer never takes: cancelling that send aborts the socket
            // (a cancelled WebSocket operation always does) and ends the connection.
            try
            {
                await stalled.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // Finished just now after all.
            }
            socket.Abort();
        }
    }

    private WebSocketCloseStatus closeStatus = WebSocketCloseStatus.NormalClosure;
    private string closeReason = "";

    /// <summary>
    /// Runs the connection: drains the outbound queue while passing each complete incoming text message to
    /// <paramref name="onMessage"/> and each binary one to <paramref name="onBinary"/>. Returns when either side closes.
    /// A message over the size limit closes with 1009; a binary message when <paramref name="onBinary"/> is null, with 1003.
    /// </summary>
    public async Task RunAsync(Func<string, Task> onMessage, CancellationToken cancellationToken, Func<ReadOnlyMemory<byte>, Task>? onBinary = null)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        using var stopping = ServerStopping.Register(() => RequestClose(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"));
        // `closing` stops the reader when the writer fails, or a while after it has sent a close frame (the peer may never answer it).
        using var closing = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
        // The writer stops when the queue is completed, not on `closing`, so a close frame asked for by the reader still goes out.
        var writer = WriteLoopAsync(closing, cancellationToken);
        try
        {
            await ReadLoopAsync(onMessage, onBinary, linked.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The peer vanished or the server is stopping; the writer is told below.
        }
        catch (Exception ex)
        {
            // A handler bug must not pass silently nor take the server down: log it and close with 1011, on which
            // hx-ws reconnects and the page resynchronises.
            logger.LogError(ex, "Socket handler failed for user {UserName}", UserName);
            RequestClose(WebSocketCloseStatus.InternalServerError, "internal error");
        }
        finally
        {
            outbound.Writer.TryComplete();
            await writer;
            await closing.CancelAsync();
            finished.TrySetResult();
            stalled.Dispose();
        }
    }

    private async Task ReadLoopAsync(Func<string, Task> onMessage, Func<ReadOnlyMemory<byte>, Task>? onBinary, CancellationToken cancellationToken)
    {
        // An idle connection holds no buffer: it waits with a zero-byte receive (which ManagedWebSocket answers once a
        // frame header has arrived), and rents one only while a message is coming in. With thousands of mostly idle
        // sockets, a 16 KiB buffer each for life was a large part of the server's memory per connection.
        byte[]? buffer = null;
        MemoryStream? fragments = null;
        try
        {
            // CloseSent too: once a close frame has gone out, what the peer sent before answering it is read and dropped
            // until its own close frame arrives. Returning at once instead ends the request while the peer's frames sit
            // unread in the TCP receive buffer, and a socket closed with unread data sends a reset (RFC 1122 §4.2.2.13),
            // which can destroy the close frame before the peer reads it: a flooding client then saw a connection
            // reset rather than 1013.
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                if (Volatile.Read(ref closeRequested) == 1)
                {
                    fragments = null;
                    if (!result.EndOfMessage)
                    {
                        buffer ??= ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
                        if ((await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken)).MessageType == WebSocketMessageType.Close)
                        {
                            return;
                        }
                    }
                    continue;
                }
                var count = 0;
                if (!result.EndOfMessage)
                {
                    buffer ??= ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
                    result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    count = result.Count;
                }
                if (result.MessageType == WebSocketMessageType.Binary && onBinary is null)
                {
                    RequestClose(WebSocketCloseStatus.InvalidMessageType, "text messages only");
                    continue;
                }
                if ((fragments?.Length ?? 0) + count > maxIncomingBytes)
                {
                    RequestClose(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {maxIncomingBytes} bytes");
                    continue;
                }
                if (!result.EndOfMessage)
                {
                    fragments ??= new MemoryStream();
                    fragments.Write(buffer!, 0, count);
                    continue;
                }
                // The whole message: straight from the buffer when it came in one piece, else from the fragments.
                var whole = fragments is null
                    ? new ArraySegment<byte>(buffer ?? [], 0, count)
                    : Append(fragments, buffer, count);
                fragments = null;
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    var bytes = whole.ToArray();
                    ReturnBuffer(ref buffer);
                    await onBinary!(bytes);
                    continue;
                }
                string text;
                try
                {
                    text = StrictUtf8.GetString(whole);
                }
                catch (DecoderFallbackException)
                {
                    RequestClose(WebSocketCloseStatus.InvalidPayloadData, "invalid UTF-8");
                    continue;
                }
                ReturnBuffer(ref buffer);
                await onMessage(text);
            }
        }
        finally
        {
            ReturnBuffer(ref buffer);
        }
    }

    private static ArraySegment<byte> Append(MemoryStream fragments, byte[]? buffer, int count)
    {
        fragments.Write(buffer ?? [], 0, count);
        return new ArraySegment<byte>(fragments.GetBuffer(), 0, (int)fragments.Length);
    }

    private static void ReturnBuffer(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    /// <summary>Receive buffer rented while a message arrives, in bytes; larger messages arrive in several reads.</summary>
    private const int ReceiveBufferBytes = 16 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private async Task WriteLoopAsync(CancellationTokenSource closing, CancellationToken serverStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, stalled.Token);
        var cancellationToken = linked.Token;
        try
        {
            await foreach (var message in outbound.Reader.ReadAllAsync(CancellationToken.None))
            {
                // Counted out when taken, as a bounded channel would: the one being sent no longer waits.
                if (message.StreamCost > 0)
                {
                    Interlocked.Add(ref queuedStreamBytes, -message.StreamCost);
                }
                else
                {
                    Interlocked.Decrement(ref queuedReliable);
                }
                await socket.SendAsync(message.Bytes, message.Type, true, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ChannelClosedException)
        {
            await closing.CancelAsync();
            return;
        }
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(closeStatus, closeReason, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Nothing more to tell a peer that is gone.
            await closing.CancelAsync();
            return;
        }
        // Let the reader end on the peer's answering close frame rather than cancelling it now: cancelling a receive
        // aborts the socket, and over real TCP an abort discards what Kestrel has not flushed yet (the last messages and
        // the close frame itself), so a client would see a reset instead of them. A peer that never answers is cut off
        // after the stall timeout, as one that stops reading is.
        closing.CancelAfter(stalledPeerTimeout);
    }

    // StreamCost is zero for a reliable message, else what the part counts against MaxQueuedStreamBytes.
    private readonly record struct Outgoing(ReadOnlyMemory<byte> Bytes, WebSocketMessageType Type, int StreamCost = 0);
}

/// <summary>What became of one best-effort stream part offered to a connection (<see cref="SocketConnection.TrySendStreamPart"/>).</summary>
public enum StreamSend
{
    /// <summary>Queued for sending.</summary>
    Queued,

    /// <summary>Not queued, and this is the first part of the stream the connection missed: tell it.</summary>
    Missed,

    /// <summary>Not queued: the connection already missed the stream, or is closing.</summary>
    Dropped,
}
