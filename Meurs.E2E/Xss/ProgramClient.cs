using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Meurs.E2E.Xss;

/// <summary>
/// A program speaking Meurs' JSON protocol, as the original app's clients do: an account made through <c>/api/auth</c>,
/// a bearer token, and <c>/ws/comuni/{room}</c> with no Origin. What it receives is drained and ignored.
/// </summary>
public sealed class ProgramClient : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly CancellationTokenSource stop = new();
    private Task? reader;

    private ProgramClient(string userName, string token)
    {
        UserName = userName;
        Token = token;
    }

    public string UserName { get; }

    public string Token { get; }

    /// <summary>Registers <paramref name="userName"/> and logs it in through the JSON API.</summary>
    public static async Task<ProgramClient> RegisterAsync(Uri server, string userName)
    {
        using var http = new HttpClient { BaseAddress = server };
        var credentials = new { username = userName, password = Person.Password };
        var registered = await http.PostAsJsonAsync("/api/auth/register", credentials);
        Assert.True(registered.IsSuccessStatusCode, $"register answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");
        var login = await http.PostAsJsonAsync("/api/auth/login", credentials);
        Assert.True(login.IsSuccessStatusCode, $"login answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return new ProgramClient(userName, json.RootElement.GetProperty("access_token").GetString()!);
    }

    /// <summary>Joins the room through the API (<c>POST /api/comuni/rooms/{id}/join</c>), opens its socket and starts draining what it receives.</summary>
    public async Task JoinAsync(Uri server, string roomId)
    {
        using (var http = new HttpClient { BaseAddress = server })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/comuni/rooms/{roomId}/join");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            var joined = await http.SendAsync(request);
            Assert.True(joined.IsSuccessStatusCode, $"join answered {(int)joined.StatusCode}: {await joined.Content.ReadAsStringAsync()}");
        }
        socket.Options.SetRequestHeader("Authorization", "Bearer " + Token);
        await socket.ConnectAsync(new Uri($"ws://{server.Authority}/ws/comuni/{roomId}"), stop.Token);
        reader = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (!stop.IsCancellationRequested && (await socket.ReceiveAsync(buffer, stop.Token)).MessageType != WebSocketMessageType.Close)
                {
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // Closed.
            }
        });
    }

    public Task SendJsonAsync(object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, stop.Token);

    /// <summary>A direct transfer of one byte named <paramref name="fileName"/>: the header, then the one binary frame.</summary>
    public async Task SendFileAsync(string transferId, string fileName)
    {
        await SendJsonAsync(new Dictionary<string, object> { ["type"] = "file", ["transfer_id"] = transferId, ["filename"] = fileName, ["size"] = 1, ["mime"] = "text/plain" });
        var id = Encoding.ASCII.GetBytes(transferId);
        var frame = new byte[1 + id.Length + 1];
        frame[0] = (byte)id.Length;
        id.CopyTo(frame, 1);
        frame[^1] = (byte)'x';
        await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // Already gone.
            }
        }
        await stop.CancelAsync();
        if (reader is not null)
        {
            await reader;
        }
        socket.Dispose();
        stop.Dispose();
    }
}
