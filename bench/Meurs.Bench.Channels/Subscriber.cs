using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;

namespace Meurs.Bench.Channels;

/// <summary>
/// One socket on the fan-out channel. Its receive loop timestamps each complete text frame the moment it is read and
/// looks for the bench marker <c>"bench &lt;id&gt; &lt;sent timestamp&gt;"</c> anywhere in it: in Meurs'
/// <c>message.created</c> JSON (the message's content) and in the floor's raw frame alike, so both servers are measured
/// by the same code. Latency = receive timestamp − the sender's Stopwatch timestamp taken just before its POST.
/// </summary>
internal sealed class Subscriber(int[] deliveries) : IDisposable
{
    private static readonly byte[] Marker = "bench "u8.ToArray();
    private readonly ClientWebSocket socket = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] buffer = new byte[16 * 1024];
    private Task receiving = Task.CompletedTask;
    private volatile bool stopping;

    /// <summary>Latencies in Stopwatch ticks (read after <see cref="StopAsync"/>).</summary>
    public List<long> Latencies { get; } = [];

    /// <summary>Why the loop ended before the bench stopped it; null while fine.</summary>
    public string? EndedBy { get; private set; }

    /// <summary>Completes with the first frame (Meurs: <c>message.history</c>) or at once when <paramref name="expectsGreeting"/> is false.</summary>
    public Task Ready => ready.Task;

    public long LastDeliveryAt { get; private set; }

    public async Task ConnectAsync(Uri uri, string? bearerToken, bool expectsGreeting, CancellationToken ct)
    {
        if (bearerToken is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearerToken);
        }
        await socket.ConnectAsync(uri, ct);
        if (!expectsGreeting)
        {
            ready.TrySetResult();
        }
        receiving = Task.Run(() => ReceiveLoopAsync(ct), CancellationToken.None);
    }

    public async Task StopAsync()
    {
        stopping = true;
        socket.Abort();
        await receiving.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    EndedBy = $"closed by the server: {(int?)socket.CloseStatus} {socket.CloseStatusDescription}";
                    ready.TrySetException(new InvalidOperationException(EndedBy));
                    return;
                }
                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }
                Handle(buffer.AsSpan(0, length), Stopwatch.GetTimestamp());
                length = 0;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!stopping)
            {
                EndedBy = $"{socket.State}: {ex.Message}";
                ready.TrySetException(new InvalidOperationException(EndedBy));
            }
        }
    }

    private void Handle(ReadOnlySpan<byte> frame, long now)
    {
        ready.TrySetResult();
        var at = frame.IndexOf(Marker);
        if (at < 0)
        {
            return;
        }
        var rest = frame[(at + Marker.Length)..];
        if (!Utf8Parser.TryParse(rest, out int id, out var used) || used >= rest.Length || rest[used] != (byte)' '
            || !Utf8Parser.TryParse(rest[(used + 1)..], out long sentAt, out _))
        {
            return;
        }
        Latencies.Add(now - sentAt);
        LastDeliveryAt = now;
        if ((uint)id < (uint)deliveries.Length)
        {
            Interlocked.Increment(ref deliveries[id]);
        }
    }

    public void Dispose() => socket.Dispose();
}
