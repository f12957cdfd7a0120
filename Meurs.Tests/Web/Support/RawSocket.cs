using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// A socket through the test server that reads every text message as it comes, whichever protocol the endpoint speaks
/// (htmx swap frames or JSON envelopes), for checks that span endpoints. Waits are bounded by <see cref="TestSocket.Patience"/>.
/// </summary>
public sealed partial class RawSocket : IAsyncDisposable
{
    private RawSocket(WebSocket socket) => Socket = socket;

    public WebSocket Socket { get; }

    public WebSocketCloseStatus? CloseStatus => Socket.CloseStatus;

    /// <summary>Opens <paramref name="path"/> with these Cookie and Authorization headers (each left out when null); throws <see cref="InvalidOperationException"/> naming the status when refused.</summary>
    public static async Task<RawSocket> ConnectAsync<T>(WebApplicationFactory<T> factory, string path, string? cookie, string? authorization)
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
            if (authorization is not null)
            {
                request.Headers.Authorization = authorization;
            }
        };
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        return new RawSocket(await client.ConnectAsync(new Uri("ws://localhost" + path), timeout.Token));
    }

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>Sends unless the socket is already closing; false when it was.</summary>
    public async Task<bool> TrySendAsync(string text)
    {
        try
        {
            await SendAsync(text);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            return false;
        }
    }

    /// <summary>The next text message (binary ones are skipped), or null once the server's close frame arrived.</summary>
    public async Task<string?> ReceiveAsync()
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
                Assert.Fail($"no message within {TestSocket.Patience.TotalSeconds} s");
                throw;
            }
            catch (WebSocketException)
            {
                return null;
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                }
                message.SetLength(0);
            }
        }
    }

    /// <summary>Reads until the server's close frame and returns its status.</summary>
    public async Task<WebSocketCloseStatus?> ReadCloseAsync()
    {
        while (Socket.State is WebSocketState.Open or WebSocketState.CloseSent && await ReceiveAsync() is not null)
        {
        }
        return Socket.CloseStatus;
    }

    /// <summary>Closes from this side and returns the status the server answered with.</summary>
    public async Task<WebSocketCloseStatus?> CloseAndReadAsync()
    {
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        return await ReadCloseAsync();
    }

    /// <summary>
    /// The refusal a message carries, or null: for a JSON error envelope its code and detail, for an htmx composer swap
    /// the reason it shows.
    /// </summary>
    public static string? ErrorOf(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var json = JsonDocument.Parse(message);
        var root = json.RootElement;
        if (root.TryGetProperty("type", out var type) && type.GetString() == "error")
        {
            return $"{root.GetProperty("code").GetString()} ({root.GetProperty("detail").GetString()})";
        }
        if (root.TryGetProperty("content", out var content) && ComposerError().Match(content.GetString() ?? "") is { Success: true } match && match.Groups[1].Value.Trim().Length > 0)
        {
            return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value.Trim());
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TestSocket.Patience);
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // Already gone.
        }
        Socket.Dispose();
    }

    [GeneratedRegex("id=\"composer-error\"[^>]*>([^<]*)</p>")]
    private static partial Regex ComposerError();
}
