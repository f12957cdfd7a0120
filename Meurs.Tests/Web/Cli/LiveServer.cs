using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Cli;

/// <summary>
/// The app (a <see cref="MeursFactory"/>, in-memory database) on real Kestrel at 127.0.0.1 and a free port, so a
/// separate <c>meurs connect</c> process can reach it over TCP, while the test still reaches the app's services.
/// </summary>
public sealed class LiveServer : IDisposable
{
    public LiveServer()
        : this(null)
    {
    }

    // One public constructor: xunit builds this class as a fixture.
    private LiveServer(IReadOnlyDictionary<string, string?>? settings)
    {
        Factory = MeursFactory.With(settings: settings);
        // Loopback only, and port 0 so the OS picks a free one.
        Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        Api = new ApiClient(new HttpClient { BaseAddress = BaseAddress });
    }

    public MeursFactory Factory { get; }

    /// <summary>E.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A bearer-token client of the JSON API.</summary>
    public ApiClient Api { get; }

    /// <summary>Creates a room owned by the holder of <paramref name="token"/> through the API; returns its id.</summary>
    public async Task<string> CreateRoomAsync(string token)
    {
        var created = await Api.PostAsync("api/comuni/rooms", "", token);
        Assert.True(created.Status == HttpStatusCode.Created, $"room creation answered {(int)created.Status}: {created.Detail}");
        return created.Text("room_id");
    }

    /// <summary>Opens the JSON room socket as the holder of <paramref name="token"/>.</summary>
    public async Task<JsonRoomSocket> ConnectJsonAsync(string roomId, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        using var timeout = new CancellationTokenSource(CliProcess.Patience);
        await socket.ConnectAsync(new Uri($"ws://{BaseAddress.Authority}/ws/comuni/{roomId}"), timeout.Token);
        return new JsonRoomSocket(socket);
    }

    /// <summary>The app with extra <paramref name="settings"/> (configuration keys such as <c>Proxy:KnownProxies:0</c>).</summary>
    public static LiveServer With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>A new visitor over real TCP with its own cookie jar; redirects are not followed, so tests see them.</summary>
    public TestBrowser NewBrowser()
    {
        var cookies = new CookieContainer();
#pragma warning disable CA2000 // the client owns its handler and the browser owns the client
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
#pragma warning restore CA2000
        return new TestBrowser(Factory, client, cookies);
    }

    public void Dispose()
    {
        Api.Dispose();
        Factory.Dispose();
    }
}

/// <summary>A program's JSON room socket (<c>/ws/comuni/{id}</c>), as in the README's "For programs".</summary>
public sealed class JsonRoomSocket(ClientWebSocket socket) : IAsyncDisposable
{
    public Task SendAsync(object message)
    {
        using var timeout = new CancellationTokenSource(CliProcess.Patience);
        return socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>Reads messages up to and including the first matching <paramref name="predicate"/>.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(CliProcess.Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            message.SetLength(0);
            var element = json.RootElement.Clone();
            if (predicate(element))
            {
                return element;
            }
        }
    }

    /// <summary>Reads until an event of <paramref name="type"/> whose <c>text</c> is <paramref name="text"/>.</summary>
    public Task<JsonElement> ReceiveEventAsync(string type, string text) =>
        ReceiveUntilAsync(e => Str(e, "type") == type && Str(e, "text") == text);

    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // Already gone.
        }
        socket.Dispose();
    }
}
