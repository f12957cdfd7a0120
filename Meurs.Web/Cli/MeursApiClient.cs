using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Meurs.Web.Cli;

/// <summary>
/// The few calls of Meurs' JSON API the command line makes, as a bearer-token client (see README, "For programs").
/// Every call answers the parsed JSON body, or throws <see cref="ApiRefusalException"/> for an error status and
/// <see cref="HttpRequestException"/> when the server cannot be reached.
/// </summary>
internal sealed class MeursApiClient : IDisposable
{
    private readonly HttpClient http;

    /// <summary>A client of <paramref name="server"/> (an http or https base URL ending in '/') acting with <paramref name="token"/>.</summary>
    public MeursApiClient(Uri server, string token)
    {
        Server = server;
        Token = token;
        http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The server's base URL.</summary>
    public Uri Server { get; }

    /// <summary>The bearer token, also sent on the room socket's handshake.</summary>
    public string Token { get; }

    /// <summary><c>GET /api/users/me</c>: <c>{id, username, status, created_at}</c>.</summary>
    public Task<JsonElement> MeAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, "api/users/me", cancellationToken);

    /// <summary><c>POST /api/comuni/rooms/{id}/join</c>: <c>{ok, is_owner}</c>; 404 for a room that is not open.</summary>
    public Task<JsonElement> JoinRoomAsync(string roomId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/comuni/rooms/{Uri.EscapeDataString(roomId)}/join", cancellationToken);

    /// <summary><c>GET /api/comuni/rooms/{id}</c>: <c>{room_id, owner, clients}</c>; 404.</summary>
    public Task<JsonElement> RoomAsync(string roomId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/comuni/rooms/{Uri.EscapeDataString(roomId)}", cancellationToken);

    /// <summary><c>DELETE /api/comuni/rooms/{id}</c>: <c>{closed: true}</c>; 403 when the token's user is not the owner; 404.</summary>
    public Task<JsonElement> CloseRoomAsync(string roomId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/comuni/rooms/{Uri.EscapeDataString(roomId)}", cancellationToken);

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement? json = null;
        try
        {
            using var document = JsonDocument.Parse(body.Length == 0 ? "null" : body);
            json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page, say): the status alone has to explain it.
        }
        if (!response.IsSuccessStatusCode)
        {
            var detail = json is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String
                ? d.GetString()!
                : response.ReasonPhrase ?? "The server refused the request.";
            throw new ApiRefusalException(response.StatusCode, detail);
        }
        return json ?? throw new HttpRequestException($"The server answered {method} /{path} with something other than JSON.", null, HttpStatusCode.OK);
    }
}
