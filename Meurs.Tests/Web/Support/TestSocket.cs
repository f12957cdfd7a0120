using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Meurs.Tests.Web.Support;

/// <summary>An htmx swap as hx-ws receives it: <c>{content, target, swap}</c>.</summary>
public sealed record Frame(string Content, string Target, string Swap);

/// <summary>
/// A client WebSocket through the test server's real WebSocket stack, reading the app's JSON swap frames.
/// Every wait is bounded by <see cref="Patience"/>, which only turns a hang into a failure; no test measures speed.
/// </summary>
public sealed partial class TestSocket : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private TestSocket(WebSocket socket) => Socket = socket;

    public WebSocket Socket { get; }

    /// <summary>Every frame received so far, in order.</summary>
    public List<Frame> Received { get; } = [];

    /// <summary>Opens a socket with the given Cookie, Origin and Authorization headers (each left out when null).</summary>
    public static async Task<TestSocket> ConnectAsync<T>(WebApplicationFactory<T> factory, string path, string? cookie, string? origin, string? authorization = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (!string.IsNullOrEmpty(cookie))
            {
                request.Headers.Cookie = cookie;
            }
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
            if (authorization is not null)
            {
                request.Headers.Authorization = authorization;
            }
        };
        using var timeout = new CancellationTokenSource(Patience);
        var socket = await client.ConnectAsync(new Uri("ws://localhost" + path), timeout.Token);
        return new TestSocket(socket);
    }

    /// <summary>Tries to open a socket that the server must refuse; returns the HTTP status it answered instead of 101.</summary>
    public static async Task<int> RefusedStatusAsync<T>(WebApplicationFactory<T> factory, string path, string? cookie, string? origin = null, string? authorization = null)
        where T : class
    {
        TestSocket? socket = null;
        try
        {
            socket = await ConnectAsync(factory, path, cookie, origin, authorization);
        }
        catch (InvalidOperationException ex)
        {
            var match = StatusRegex().Match(ex.Message);
            Assert.True(match.Success, "unexpected handshake failure: " + ex.Message);
            return int.Parse(match.Groups[1].Value);
        }
        await socket.DisposeAsync();
        Assert.Fail($"the socket to {path} was accepted");
        return 101;
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>Sends what a <c>hx-ws:send</c> form with one textarea named <c>text</c> sends.</summary>
    public Task SendMessageAsync(string text) =>
        SendTextAsync(JsonSerializer.Serialize(new { text, headers = new Dictionary<string, string> { ["HX-Request"] = "true" } }));

    public async Task SendAsync(byte[] payload, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await Socket.SendAsync(payload, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next frame; fails if the socket closes first.</summary>
    public async Task<Frame> ReceiveAsync()
    {
        var text = await ReceiveTextAsync();
        Assert.True(text is not null, $"socket closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) while a frame was expected");
        return Parse(text);
    }

    /// <summary>Frames up to and including the first that matches <paramref name="predicate"/>.</summary>
    public async Task<List<Frame>> ReceiveUntilAsync(Func<Frame, bool> predicate)
    {
        var frames = new List<Frame>();
        while (true)
        {
            var frame = await ReceiveAsync();
            frames.Add(frame);
            if (predicate(frame))
            {
                return frames;
            }
        }
    }

    /// <summary>Frames up to and including the chat message whose text contains <paramref name="marker"/>.</summary>
    public Task<List<Frame>> ReceiveUntilTextAsync(string marker) =>
        ReceiveUntilAsync(f => f.Content.Contains(marker, StringComparison.Ordinal));

    /// <summary>Reads (and keeps) frames until the server's close frame; returns its status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        while (await ReceiveTextAsync() is { } text)
        {
            Parse(text);
        }
        return Socket.CloseStatus;
    }

    /// <summary>Closes from the client side and waits for the server's answer.</summary>
    public async Task CloseAsync()
    {
        if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(Patience);
            await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // Already gone.
        }
        Socket.Dispose();
    }

    private Frame Parse(string text)
    {
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var frame = new Frame(root.GetProperty("content").GetString()!, root.GetProperty("target").GetString()!, root.GetProperty("swap").GetString()!);
        Received.Add(frame);
        return frame;
    }

    // Null when the server closed the socket.
    private async Task<string?> ReceiveTextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await Socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no frame within {Patience.TotalSeconds} s (the server hung or never sent it)");
                throw;
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    [GeneratedRegex(@"\b([1-5]\d\d)\b")]
    private static partial Regex StatusRegex();
}
