using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Meurs.Web.Features.Rooms;

namespace Meurs.Web.Cli;

/// <summary>
/// One <c>meurs connect</c> session: joins the room through the API, opens <c>/ws/comuni/{id}</c> with the bearer
/// token, prints events as <see cref="RoomEventText"/> lines and sends what is typed. When the socket drops it
/// reconnects with <c>?after=&lt;last seq seen&gt;</c>, so the server resends exactly what was missed (no gaps, no
/// repeats), waiting <see cref="Backoff"/> between attempts; a line typed while disconnected is sent after reconnecting.
/// </summary>
internal sealed class RoomSession(MeursApiClient api, string roomId, CliConsole console)
{
    /// <summary>Waits before each reconnection attempt after a drop; once they are used up the session gives up (exit 1).</summary>
    public static IReadOnlyList<TimeSpan> Backoff { get; } =
        [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <summary>The help shown by <c>/help</c>.</summary>
    public const string Help = """
        * Type a line and press Enter to say it to the room. Commands:
        *   /pm <user> <text>   a private message to someone in the room
        *   /who                who is connected
        *   /help               this list
        *   /leave              leave the room on purpose (yours: its history is cleared now)
        *   /quit               disconnect (so does end of input, Ctrl+D), as closing a tab
        *   //text              says "/text"
        """;

    private static readonly TimeSpan ClosePatience = TimeSpan.FromSeconds(5);

    private readonly Lock printing = new();
    private readonly Channel<string?> typed = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private RoomEventText text = null!;
    private long? lastSeq;
    private bool roomClosed;
    private bool caughtUp;
    private string? unsent;

    private enum Ending
    {
        Quit,
        RoomClosed,
        Dropped,
    }

    /// <summary>Runs until <c>/quit</c>, end of input or the room closing (0); a <see cref="CliException"/> for a refused token, a missing room or a lost server.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var me = await CallAsync(() => api.MeAsync(cancellationToken));
        var name = RoomEventText.Text(me, "username");
        text = new RoomEventText(name, api.Server);
        await CallAsync(() => api.JoinRoomAsync(roomId, cancellationToken));
        Print($"* Joined room {roomId} on {api.Server} as {name}. /help lists the commands.");
        _ = Task.Run(() => ReadInputAsync(cancellationToken), cancellationToken);

        var attempt = 0;
        while (true)
        {
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + api.Token);
            socket.Options.CollectHttpResponseDetails = true;
            try
            {
                await socket.ConnectAsync(SocketUri(), cancellationToken);
            }
            catch (WebSocketException ex)
            {
                ThrowIfFatal(socket.HttpStatusCode);
                if (attempt == Backoff.Count)
                {
                    throw new CliException($"Could not reconnect to {api.Server} after {Backoff.Count} attempts: {ex.Message}");
                }
                await WaitBeforeRetryAsync(attempt++, cancellationToken);
                continue;
            }
            caughtUp = false;
            switch (await RunConnectedAsync(socket, cancellationToken))
            {
                case Ending.Quit:
                case Ending.RoomClosed:
                    return 0;
                default:
                    // A connection that delivered its history was a success: the next drop starts the backoff afresh.
                    attempt = caughtUp ? 0 : attempt;
                    if (attempt == Backoff.Count)
                    {
                        throw new CliException($"Lost the connection to {api.Server} and could not get it back.");
                    }
                    Print("* Connection lost; reconnecting…");
                    await WaitBeforeRetryAsync(attempt++, cancellationToken);
                    break;
            }
        }
    }

    private async Task<Ending> RunConnectedAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveAsync(socket, stop.Token);
        var sending = SendTypedAsync(socket, stop.Token);
        if (await Task.WhenAny(receiving, sending) == sending && await sending == Ending.Quit)
        {
            try
            {
                // Say goodbye and wait for the server's close, so the room announces the leave at once.
                using var patience = new CancellationTokenSource(ClosePatience);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", patience.Token);
                await receiving.WaitAsync(ClosePatience, cancellationToken);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
            {
                // The server went away while we were leaving anyway.
            }
            await stop.CancelAsync();
            socket.Abort();
            return Ending.Quit;
        }
        await stop.CancelAsync();
        socket.Abort();
        await Task.WhenAll(receiving, sending);
        return roomClosed ? Ending.RoomClosed : Ending.Dropped;
    }

    // Returns when the server closes the socket or the connection breaks.
    private async Task<Ending> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return Ending.Dropped;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                // Binary frames are the file relay's payloads, meant for browsers.
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    Show(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                }
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            return Ending.Dropped;
        }
    }

    // Sends typed lines until /quit or end of input (Quit), or until a send fails or the connection ends (Dropped).
    private async Task<Ending> SendTypedAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                // A line that failed to go out on the previous connection goes first on this one.
                var line = unsent ?? await typed.Reader.ReadAsync(cancellationToken);
                unsent = null;
                if (line is null)
                {
                    return Ending.Quit;
                }
                var (frame, quit) = await HandleLineAsync(line, cancellationToken);
                if (quit && frame is null)
                {
                    return Ending.Quit;
                }
                if (frame is null)
                {
                    continue;
                }
                try
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                    if (quit)
                    {
                        return Ending.Quit; // the goodbye went out; the server closes after it
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
                {
                    unsent = line;
                    return Ending.Dropped;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return Ending.Dropped;
        }
    }

    // The JSON frame to send for a typed line (null when the line was handled here: a command, an empty line, a
    // mistake), and whether it asked to leave.
    private async Task<(string? Frame, bool Quit)> HandleLineAsync(string line, CancellationToken cancellationToken)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            return (null, false);
        }
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return (Chat(line.TrimStart()[1..]), false);
        }
        if (!trimmed.StartsWith('/'))
        {
            return (Chat(line), false);
        }
        var command = trimmed.Split(' ', 2)[0].ToLowerInvariant();
        switch (command)
        {
            case "/quit":
                return (null, true);
            case "/leave":
                return ("""{"type":"leave"}""", true);
            case "/help":
                Print(Help);
                return (null, false);
            case "/who":
                await WhoAsync(cancellationToken);
                return (null, false);
            case "/pm":
                // The server's own reading of a typed /pm line, so the command line and the room page agree
                // (a bare "/pm" gets its trailing space back so it reads as a /pm that lacks its parts, not as chat).
                switch (RoomRequest.Command(trimmed.Length == 3 ? trimmed + " " : trimmed))
                {
                    case PrivateRequest pm:
                        return (JsonSerializer.Serialize(new { type = "pm", to = pm.To, text = pm.Text }), false);
                    case InvalidRequest invalid:
                        Print("! " + invalid.Detail);
                        return (null, false);
                    default:
                        return (null, false);
                }
            default:
                Print($"! Unknown command {RoomEventText.Clean(command)}. /help lists the commands; start with // to say a line beginning with '/'.");
                return (null, false);
        }
    }

    private static string Chat(string line) => JsonSerializer.Serialize(new { type = "chat", text = line });

    private async Task WhoAsync(CancellationToken cancellationToken)
    {
        try
        {
            var room = await api.RoomAsync(roomId, cancellationToken);
            var clients = room.TryGetProperty("clients", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(c => c.GetString() ?? "").Where(c => c.Length > 0).ToList()
                : [];
            Print(clients.Count == 0 ? "* Nobody is connected." : "* Connected: " + RoomEventText.Clean(string.Join(", ", clients)));
        }
        catch (ApiRefusalException refusal)
        {
            Print("! " + refusal.Detail);
        }
        catch (HttpRequestException ex)
        {
            Print("! " + ex.Message);
        }
    }

    private void Show(string frame)
    {
        JsonElement message;
        try
        {
            using var document = JsonDocument.Parse(frame);
            message = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Print("! The server sent something unreadable.");
            return;
        }
        var type = RoomEventText.Text(message, "type");
        if (type is "history" or "resume")
        {
            caughtUp = true;
            if (message.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    ShowEvent(item);
                }
            }
            return;
        }
        ShowEvent(message);
    }

    private void ShowEvent(JsonElement message)
    {
        if (message.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number && seq.TryGetInt64(out var number))
        {
            lastSeq = Math.Max(lastSeq ?? 0, number);
        }
        else if (RoomEventText.Text(message, "type") == "system" && RoomEventText.Text(message, "text") == RoomEventText.RoomClosedNotice)
        {
            // The server closes the socket right after this notice; a reconnect would only meet a 404.
            roomClosed = true;
        }
        if (text.Format(message) is { } line)
        {
            Print(line);
        }
    }

    private async Task ReadInputAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await console.In.ReadLineAsync(cancellationToken) is { } line)
            {
                await typed.Writer.WriteAsync(line, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Input is gone: treat it as its end.
        }
        typed.Writer.TryWrite(null);
    }

    private Uri SocketUri()
    {
        var socket = new UriBuilder(new Uri(api.Server, $"ws/comuni/{Uri.EscapeDataString(roomId)}"))
        {
            Scheme = api.Server.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            // Resuming after the last event seen: the server sends exactly what was missed instead of the whole history.
            Query = lastSeq is { } after ? "after=" + after.ToString(CultureInfo.InvariantCulture) : "",
        };
        return socket.Uri;
    }

    private async Task WaitBeforeRetryAsync(int attempt, CancellationToken cancellationToken)
    {
        var wait = Backoff[attempt];
        Print($"* Reconnecting in {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s…");
        await Task.Delay(wait, cancellationToken);
    }

    private void ThrowIfFatal(HttpStatusCode status)
    {
        switch (status)
        {
            case HttpStatusCode.Unauthorized:
                throw new CliException("The server refused the token (401): it is wrong, expired, revoked, or its user is disabled.");
            case HttpStatusCode.NotFound:
                throw new CliException($"Room {roomId} not found (404): it does not exist or was closed.");
            case HttpStatusCode.Forbidden:
                throw new CliException("The server refused the connection (403).");
            default:
                return;
        }
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiRefusalException refusal) when (refusal.Status == HttpStatusCode.Unauthorized)
        {
            throw new CliException($"The server refused the token (401): {refusal.Detail}");
        }
        catch (ApiRefusalException refusal) when (refusal.Status == HttpStatusCode.NotFound)
        {
            throw new CliException($"Room {roomId} not found (404): it does not exist or was closed.");
        }
        catch (ApiRefusalException refusal)
        {
            throw new CliException($"The server refused: {refusal.Message}");
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach {api.Server}: {ex.Message}");
        }
    }

    private void Print(string line)
    {
        lock (printing)
        {
            console.Out.WriteLine(line);
            console.Out.Flush();
        }
    }
}
