using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Meurs.Bench.Battery;

/// <summary>
/// A room member on <c>WS /ws/comuni/{id}[?after=seq]</c> with a bearer token and no Origin (a non-browser client): a
/// receive loop that hands every complete text frame, parsed and stamped with <see cref="Stopwatch"/> time, to
/// <c>onFrame</c> (on the loop's thread), and chat sends serialised so one socket never has two sends in flight.
/// </summary>
internal sealed class RoomClient(string userName, Action<RoomClient, RoomFrame> onFrame) : IDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private Task receiving = Task.CompletedTask;
    private volatile bool stopping;

    public string UserName { get; } = userName;

    /// <summary>Why the receive loop ended before <see cref="StopAsync"/> (close code and reason, or the exception); null while open.</summary>
    public string? EndedBy { get; private set; }

    public bool IsOpen => socket.State == WebSocketState.Open && EndedBy is null;

    public async Task ConnectAsync(Uri uri, string bearerToken, CancellationToken cancellationToken)
    {
        socket.Options.SetRequestHeader("Authorization", "Bearer " + bearerToken);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
        }
        catch (WebSocketException ex)
        {
            // The handshake's HTTP status, so that a 5xx on upgrade is counted as one.
            throw new HandshakeException((int)socket.HttpStatusCode, ex);
        }
        receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);
    }

    /// <summary>Sends <c>{"type":"chat","text":<paramref name="text"/>}</c>; false when the socket is gone.</summary>
    public async Task<bool> SendChatAsync(string text, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { type = "chat", text });
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Drops the connection without a close handshake and waits (briefly) for the receive loop to end.</summary>
    public async Task StopAsync()
    {
        stopping = true;
        socket.Abort();
        await receiving.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
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
                    onFrame(this, RoomFrame.Parse(buffer.AsSpan(0, length), now));
                }
                length = 0;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            if (!stopping)
            {
                EndedBy = $"{socket.State}: {ex.Message}";
            }
        }
    }

    public void Dispose()
    {
        socket.Dispose();
        sending.Dispose();
    }
}

/// <summary>A WebSocket handshake that failed, with the HTTP status the server answered (0 when none arrived).</summary>
internal sealed class HandshakeException(int status, Exception inner) : Exception($"handshake failed with HTTP {status}: {inner.Message}", inner)
{
    public int Status { get; } = status;
}
