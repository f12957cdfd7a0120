using System.Net;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Listening;

/// <summary>An API user of the listening tests: name, id and bearer token.</summary>
internal sealed record ListenUser(string Name, Guid Id, string Token)
{
    public string Bearer => "Bearer " + Token;
}

/// <summary>
/// A host of the app on a clock the test moves (a track's end and the ready wait are timers on it), with helpers for
/// users, sessions and JSON calls that assert their status.
/// </summary>
internal sealed class ListenScene : IDisposable
{
    public ListenScene(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(Clock), settings);
        Api = ApiClient.For(Factory);
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public MeursFactory Factory { get; }

    public ApiClient Api { get; }

    public async Task<ListenUser> UserAsync(string prefix = "l")
    {
        var (name, token) = await Api.NewAccountWithTokenAsync(prefix);
        var id = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());
        return new ListenUser(name, id, token);
    }

    /// <summary>The library id of the file at <paramref name="path"/> (see <see cref="TestLibrary"/>).</summary>
    public async Task<Guid> TrackAsync(string path) =>
        (await Factory.Services.GetRequiredService<MediaLibrary>().FindAsync(path))!.Value.Item.Id;

    /// <summary>The library item at <paramref name="path"/>.</summary>
    public async Task<MediaItem> ItemAsync(string path) =>
        (await Factory.Services.GetRequiredService<MediaLibrary>().FindAsync(path))!.Value.Item;

    /// <summary>Starts a session for <paramref name="host"/> with <paramref name="body"/>; returns its JSON.</summary>
    public async Task<JsonElement> StartAsync(ListenUser host, object? body = null) =>
        await ExpectAsync("POST", "/api/listen/sessions", host.Token, body ?? new { }, HttpStatusCode.Created);

    /// <summary>A session of <paramref name="host"/> queueing alpha then beta, joined by <paramref name="guests"/>; returns its id.</summary>
    public async Task<Guid> SessionAsync(ListenUser host, params ListenUser[] guests)
    {
        var session = await StartAsync(host, new { track_id = await TrackAsync(TestLibrary.AlphaPath) });
        var id = session.GetProperty("session_id").GetGuid();
        await ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, new { track_id = await TrackAsync(TestLibrary.BetaPath) }, HttpStatusCode.Created);
        foreach (var guest in guests)
        {
            await ExpectAsync("POST", $"/api/listen/sessions/{session.GetProperty("code").GetString()}/join", guest.Token, null, HttpStatusCode.OK);
        }
        return id;
    }

    public Task<ApiResponse> SendAsync(string method, string path, string token, object? body = null) =>
        SendRawAsync(method, path, token, body is null ? null : JsonSerializer.Serialize(body));

    public Task<ApiResponse> SendRawAsync(string method, string path, string token, string? json, string contentType = "application/json") =>
        Api.SendAsync(new HttpMethod(method), path, token, json is null ? null : new StringContent(json, Encoding.UTF8, contentType));

    /// <summary>Sends and asserts the status; returns the JSON body (default when none).</summary>
    public async Task<JsonElement> ExpectAsync(string method, string path, string token, object? body, HttpStatusCode status) =>
        Expect(await SendAsync(method, path, token, body), status);

    public static JsonElement Expect(ApiResponse response, HttpStatusCode status)
    {
        if (response.Status != status)
        {
            Assert.Fail($"expected {(int)status}, got {(int)response.Status}: {response.Detail}");
        }
        return response.Json ?? default;
    }

    /// <summary>Asserts a problem document with <paramref name="status"/> and a detail.</summary>
    public static void Problem(ApiResponse response, HttpStatusCode status)
    {
        Assert.True(response.Status == status, $"expected {(int)status}, got {(int)response.Status}: {response.Detail}");
        Assert.False(string.IsNullOrWhiteSpace(response.Detail));
    }

    /// <summary>The session's playlist item ids in order.</summary>
    public async Task<List<Guid>> ItemsAsync(Guid sessionId, ListenUser member)
    {
        var playlist = await ExpectAsync("GET", $"/api/listen/sessions/{sessionId}/playlist", member.Token, null, HttpStatusCode.OK);
        return [.. playlist.GetProperty("playlist").EnumerateArray().Select(t => t.GetProperty("item_id").GetGuid())];
    }

    /// <summary>The session's playback state as the API shows it.</summary>
    public async Task<JsonElement> StateAsync(Guid sessionId, ListenUser member) =>
        (await ExpectAsync("GET", $"/api/listen/sessions/{sessionId}", member.Token, null, HttpStatusCode.OK)).GetProperty("playback_state");

    public void Dispose()
    {
        Api.Dispose();
        Factory.Dispose();
    }
}

/// <summary>A session socket reading the original player's envelopes <c>{"type","payload"}</c> (and the fabric's errors).</summary>
internal sealed class ListenSocketClient : IAsyncDisposable
{
    private readonly RawSocket raw;

    private ListenSocketClient(RawSocket raw) => this.raw = raw;

    /// <summary>Every envelope received so far, in order.</summary>
    public List<JsonElement> Received { get; } = [];

    public RawSocket Raw => raw;

    /// <summary>Opens <c>/api/ws/listen/{id}</c> with a bearer token.</summary>
    public static async Task<ListenSocketClient> ConnectAsync(ListenScene scene, Guid sessionId, ListenUser user) =>
        new(await RawSocket.ConnectAsync(scene.Factory, $"/api/ws/listen/{sessionId}", null, user.Bearer));

    /// <summary>Opens the page socket <c>/ws/listen/{id}</c> with a cookie.</summary>
    public static async Task<ListenSocketClient> ConnectPageAsync(ListenScene scene, Guid sessionId, string cookie) =>
        new(await RawSocket.ConnectAsync(scene.Factory, $"/ws/listen/{sessionId}", cookie, null));

    public static string TypeOf(JsonElement envelope) => envelope.GetProperty("type").GetString()!;

    public Task SendAsync(string type, object payload) => raw.SendAsync(JsonSerializer.Serialize(new { type, payload }));

    public Task SendRawAsync(string text) => raw.SendAsync(text);

    /// <summary>The next envelope.</summary>
    public async Task<JsonElement> NextAsync()
    {
        var text = await raw.ReceiveAsync();
        Assert.True(text is not null, "the socket closed");
        using var json = JsonDocument.Parse(text);
        var envelope = json.RootElement.Clone();
        Received.Add(envelope);
        return envelope;
    }

    /// <summary>Reads until an envelope of <paramref name="type"/> matching <paramref name="match"/> arrives; returns it.</summary>
    public async Task<JsonElement> NextAsync(string type, Func<JsonElement, bool>? match = null)
    {
        while (true)
        {
            var envelope = await NextAsync();
            if (TypeOf(envelope) == type && (match is null || match(envelope)))
            {
                return envelope;
            }
        }
    }

    /// <summary>The payload of the next <paramref name="type"/> envelope matching <paramref name="match"/>.</summary>
    public async Task<JsonElement> PayloadAsync(string type, Func<JsonElement, bool>? match = null) =>
        (await NextAsync(type, e => match is null || match(e.GetProperty("payload")))).GetProperty("payload");

    /// <summary>Reads the next refusal: <c>{"type":"error","code","detail"}</c>; returns its code.</summary>
    public async Task<string> ErrorAsync()
    {
        var error = await NextAsync("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("detail").GetString()));
        return error.GetProperty("code").GetString()!;
    }

    /// <summary>Reads what the server sends on connect, through the playlist; asserts the order.</summary>
    public async Task<(JsonElement State, JsonElement Playlist)> ConnectedAsync()
    {
        var state = await NextAsync();
        Assert.Equal("playback_state", TypeOf(state));
        var playlist = await NextAsync();
        Assert.Equal("playlist_update", TypeOf(playlist));
        return (state.GetProperty("payload"), playlist.GetProperty("payload"));
    }

    public ValueTask DisposeAsync() => raw.DisposeAsync();
}
