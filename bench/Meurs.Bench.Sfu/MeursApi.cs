using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Meurs.Bench.Sfu;

/// <summary>The slice of Meurs' JSON API the bench needs: register, log in (bearer token), create and join a room.</summary>
internal sealed class MeursApi : IDisposable
{
    public const string Password = "bench-password-1";

    private readonly HttpClient http;

    public MeursApi(Uri baseAddress)
    {
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>Registers <paramref name="count"/> users (s0000, s0001, …) and logs each in; returns their bearer tokens in order.</summary>
    public async Task<string[]> RegisterAndLogInAsync(int count, int parallelism, CancellationToken cancellationToken)
    {
        var tokens = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var name = UserName(i);
            using (var registered = await http.PostAsJsonAsync("api/auth/register", new { username = name, password = Password }, ct))
            {
                await EnsureAsync(registered, HttpStatusCode.Created, $"register {name}", ct);
            }
            using var loggedIn = await http.PostAsJsonAsync("api/auth/login", new { username = name, password = Password }, ct);
            await EnsureAsync(loggedIn, HttpStatusCode.OK, $"log in {name}", ct);
            using var body = JsonDocument.Parse(await loggedIn.Content.ReadAsStringAsync(ct));
            tokens[i] = body.RootElement.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("no access_token");
        });
        return tokens;
    }

    /// <summary>Creates a room owned by the holder of <paramref name="token"/>; returns its id.</summary>
    public async Task<string> CreateRoomAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/comuni/rooms");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created, "create a room", cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("room_id").GetString() ?? throw new InvalidOperationException("no room_id");
    }

    /// <summary>Makes the holder of <paramref name="token"/> a member of <paramref name="room"/> (needed to open its call socket).</summary>
    public async Task JoinRoomAsync(string token, string room, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/comuni/rooms/{room}/join");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.OK, $"join room {room}", cancellationToken);
    }

    public static string UserName(int i) => $"s{i:D4}";

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        }
    }

    public void Dispose() => http.Dispose();
}
