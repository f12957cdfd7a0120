using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Listen;

/// <summary>A library track as <c>GET /api/library</c> lists it.</summary>
internal sealed record LibraryTrack(string Id, string Title, string Kind, long? DurationMs);

/// <summary>A session as <c>POST /api/listen/sessions</c> answers it.</summary>
internal sealed record SessionInfo(string Id, string Code);

/// <summary>The slice of Meurs' listening and library API the bench needs, with bearer tokens.</summary>
internal sealed class ListenApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress => baseAddress;

    public async Task<LibraryTrack[]> LibraryAsync(string token, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/library", token, null, ct);
        await MeursApi.EnsureAsync(response, HttpStatusCode.OK, "list the library", ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return [.. body.RootElement.EnumerateArray().Select(i => new LibraryTrack(
            i.GetProperty("id").GetString()!, i.GetProperty("title").GetString() ?? "", i.GetProperty("kind").GetString() ?? "",
            i.GetProperty("duration_ms").ValueKind == JsonValueKind.Number ? i.GetProperty("duration_ms").GetInt64() : null))];
    }

    public async Task<SessionInfo> StartSessionAsync(string token, string trackId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/listen/sessions", token, new { track_id = trackId }, ct);
        await MeursApi.EnsureAsync(response, HttpStatusCode.Created, "start a session", ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return new SessionInfo(body.RootElement.GetProperty("session_id").GetString()!, body.RootElement.GetProperty("code").GetString()!);
    }

    public async Task JoinAsync(string token, string code, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/listen/sessions/{code}/join", token, null, ct);
        await MeursApi.EnsureAsync(response, HttpStatusCode.OK, "join a session", ct);
    }

    public async Task AddAsync(string token, string sessionId, string trackId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/listen/sessions/{sessionId}/playlist", token, new { track_id = trackId }, ct);
        await MeursApi.EnsureAsync(response, HttpStatusCode.Created, "add to the queue", ct);
    }

    /// <summary>POST …/playback; returns the state the server answered with.</summary>
    public async Task<ServerState> PlaybackAsync(string token, string sessionId, string action, long? positionMs, CancellationToken ct)
    {
        object body = positionMs is { } p ? new { action, position_ms = p } : new { action };
        using var response = await SendAsync(HttpMethod.Post, $"api/listen/sessions/{sessionId}/playback", token, body, ct);
        await MeursApi.EnsureAsync(response, HttpStatusCode.OK, "control playback", ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return ServerState.Parse(json.RootElement);
    }

    public async Task EndAsync(string token, string sessionId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"api/listen/sessions/{sessionId}", token, null, ct);
        await MeursApi.EnsureAsync(response, HttpStatusCode.NoContent, "end a session", ct);
    }

    public Uri SocketUri(string sessionId) => new($"ws://{baseAddress.Authority}/api/ws/listen/{sessionId}");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await http.SendAsync(request, ct);
    }

    public void Dispose() => http.Dispose();
}
