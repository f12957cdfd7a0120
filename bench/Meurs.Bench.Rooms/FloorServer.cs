using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Meurs.Bench.Rooms;

/// <summary>
/// The floor: the least a WebSocket broadcaster on Kestrel can do. One endpoint, <c>/ws</c>; every complete text
/// message received on any socket is sent as is to every connected socket (the sender too), straight from the
/// receiving loop: no queue, no persistence, no JSON, no authentication. <c>POST /broadcast</c> does the same with its
/// request body (answering 204 once every socket has it), for a sender that speaks HTTP as Meurs' REST senders do
/// (bench/Meurs.Bench.Channels). A per-socket lock keeps to WebSocket's one send at a time. Runs in its own process (this executable with <c>--floor-server</c>) so its memory can be read like
/// Meurs' and it does not share a garbage collector or thread pool with the clients.
/// </summary>
internal static class FloorServer
{
    public const string Flag = "--floor-server";

    /// <summary>Serves on 127.0.0.1:0 until stdin closes (the bench ended) or <paramref name="maxLifetime"/> passes.</summary>
    public static async Task<int> RunAsync(TimeSpan maxLifetime)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        var peers = new ConcurrentDictionary<long, Peer>();
        var nextId = 0L;
        app.Map("/ws", async (HttpContext http) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                return Results.BadRequest();
            }
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            var peer = new Peer(socket);
            var id = Interlocked.Increment(ref nextId);
            peers[id] = peer;
            try
            {
                await ReceiveAndBroadcastAsync(socket, peers, http.RequestAborted);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The peer went away.
            }
            finally
            {
                peers.TryRemove(id, out _);
            }
            return Results.Empty;
        });

        app.MapPost("/broadcast", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            await BroadcastAsync(peers, body.ToArray());
            return Results.NoContent();
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"Now listening on: {address}");

        // Stops by itself: when the bench closes our stdin (or dies), or at the latest after maxLifetime.
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        await Task.WhenAny(stdinClosed, Task.Delay(maxLifetime));
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stopping.Token);
        return 0;
    }

    private static async Task ReceiveAndBroadcastAsync(WebSocket socket, ConcurrentDictionary<long, Peer> peers, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (socket.State == WebSocketState.Open)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            length += result.Count;
            if (!result.EndOfMessage)
            {
                continue;
            }
            if (result.MessageType == WebSocketMessageType.Text)
            {
                await BroadcastAsync(peers, buffer.AsMemory(0, length).ToArray());
            }
            length = 0;
        }
    }

    private static Task BroadcastAsync(ConcurrentDictionary<long, Peer> peers, byte[] message)
    {
        var sends = new List<Task>(peers.Count);
        foreach (var peer in peers.Values)
        {
            sends.Add(peer.SendAsync(message));
        }
        return Task.WhenAll(sends);
    }

    // The semaphore has no wait handle to free, and a broadcast may still be waiting on it after the peer left.
#pragma warning disable CA1001
    private sealed class Peer(WebSocket socket)
#pragma warning restore CA1001
    {
        private readonly SemaphoreSlim sending = new(1, 1);

        public async Task SendAsync(ReadOnlyMemory<byte> message)
        {
            await sending.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
            {
                // That peer is gone; the others still get the message.
            }
            finally
            {
                sending.Release();
            }
        }
    }
}
