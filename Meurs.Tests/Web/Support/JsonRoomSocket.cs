using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// A program's socket on <c>/ws/comuni/{id}</c>: opened through the test server's real WebSocket stack with
/// <c>Authorization: Bearer</c> and no Origin (as a non-browser client), reading the raw JSON envelopes.
/// Every wait is bounded by <see cref="TestSocket.Patience"/>, which only turns a hang into a failure.
/// </summary>
public sealed partial class JsonRoomSocket : IAsyncDisposable
{
    private JsonRoomSocket(WebSocket socket, string userName)
    {
        Socket = socket;
        UserName = userName;
    }

    public WebSocket Socket { get; }

    /// <summary>Whose token opened it (as given by the test; used by helpers that wait for one's own arrival).</summary>
    public string UserName { get; }

    /// <summary>Every envelope received so far, in order.</summary>
    public List<JsonElement> Received { get; } = [];

    /// <summary>Opens a socket with <c>Authorization: Bearer <paramref name="token"/></c> (and an Origin when given).</summary>
    public static async Task<JsonRoomSocket> ConnectAsync<T>(WebApplicationFactory<T> factory, string path, string userName, string token, string? origin = null)
        where T : class
    {
        var socket = await OpenAsync(factory, path, "Bearer " + token, origin);
        return new JsonRoomSocket(socket, userName);
    }

    /// <summary>
    /// Connects to room <paramref name="roomId"/> and reads everything up to the first member list that names this user,
    /// so the socket has nothing pending from its own arrival.
    /// </summary>
    public static async Task<JsonRoomSocket> JoinAsync<T>(WebApplicationFactory<T> factory, string roomId, string userName, string token)
        where T : class
    {
        var socket = await ConnectAsync(factory, $"/ws/comuni/{roomId}", userName, token);
        await socket.ReceiveUntilMembersAsync(userName);
        return socket;
    }

    /// <summary>Tries to open a socket that the server must refuse; returns the HTTP status it answered instead of 101.</summary>
    public static async Task<int> RefusedStatusAsync<T>(WebApplicationFactory<T> factory, string path, string? authorization, string? origin = null)
        where T : class
    {
        WebSocket? socket = null;
        try
        {
            socket = await OpenAsync(factory, path, authorization, origin);
        }
        catch (InvalidOperationException ex)
        {
            var match = StatusRegex().Match(ex.Message);
            Assert.True(match.Success, "unexpected handshake failure: " + ex.Message);
            return int.Parse(match.Groups[1].Value);
        }
        socket.Abort();
        socket.Dispose();
        Assert.Fail($"the socket to {path} was accepted");
        return 101;
    }

    /// <summary>The envelope's <c>type</c>.</summary>
    public static string TypeOf(JsonElement envelope) =>
        envelope.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "";

    /// <summary>A string property of an envelope, or null when it is missing or not a string.</summary>
    public static string? Str(JsonElement envelope, string property) =>
        envelope.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>True for a chat (or pm) envelope with exactly this text.</summary>
    public static bool IsText(JsonElement envelope, string type, string text) => TypeOf(envelope) == type && Str(envelope, "text") == text;

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>Sends <paramref name="value"/> serialized as JSON.</summary>
    public Task SendJsonAsync(object value) => SendTextAsync(JsonSerializer.Serialize(value));

    public Task SendChatAsync(string text) => SendJsonAsync(new { type = "chat", text });

    public Task SendPmAsync(string to, string text) => SendJsonAsync(new { type = "pm", to, text });

    public async Task SendAsync(byte[] payload, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        await Socket.SendAsync(payload, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next envelope; fails if the socket closes first.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var text = await ReceiveTextAsync();
        Assert.True(text is not null, $"socket closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) while a message was expected");
        return Parse(text);
    }

    /// <summary>
    /// The next message, text or binary: a binary one as its bytes, a text one parsed (and kept in <see cref="Received"/>).
    /// Fails if the socket closes first.
    /// </summary>
    public async Task<(byte[]? Binary, JsonElement? Json)> ReceiveFrameAsync()
    {
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            Assert.True(result.MessageType != WebSocketMessageType.Close, $"socket closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) while a message was expected");
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Binary
                    ? (message.ToArray(), null)
                    : (null, Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)));
            }
        }
    }

    /// <summary>Envelopes up to and including the first that matches <paramref name="predicate"/>.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(Func<JsonElement, bool> predicate)
    {
        var envelopes = new List<JsonElement>();
        while (true)
        {
            var envelope = await ReceiveAsync();
            envelopes.Add(envelope);
            if (predicate(envelope))
            {
                return envelopes;
            }
        }
    }

    /// <summary>Envelopes up to and including the chat whose text is <paramref name="text"/>.</summary>
    public Task<List<JsonElement>> ReceiveUntilChatAsync(string text) => ReceiveUntilAsync(e => IsText(e, "chat", text));

    /// <summary>Envelopes up to and including the first member list naming every one of <paramref name="users"/>.</summary>
    public Task<List<JsonElement>> ReceiveUntilMembersAsync(params string[] users) =>
        ReceiveUntilAsync(e => TypeOf(e) == "members" && users.All(u => e.GetProperty("users").EnumerateArray().Any(x => x.GetString() == u)));

    /// <summary>Reads (and keeps) envelopes until the server's close frame; returns its status.</summary>
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
            using var timeout = new CancellationTokenSource(TestSocket.Patience);
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

    private static async Task<WebSocket> OpenAsync<T>(WebApplicationFactory<T> factory, string path, string? authorization, string? origin)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (authorization is not null)
            {
                request.Headers.Authorization = authorization;
            }
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        };
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        return await client.ConnectAsync(new Uri("ws://localhost" + path), timeout.Token);
    }

    private JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        var envelope = document.RootElement.Clone();
        Received.Add(envelope);
        return envelope;
    }

    // Null when the server closed the socket.
    private async Task<string?> ReceiveTextAsync()
    {
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
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
                Assert.Fail($"no message within {TestSocket.Patience.TotalSeconds} s (the server hung or never sent it)");
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
