using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Meurs.Bench.Rooms;

/// <summary>The slice of Meurs' JSON API the bench needs: register, log in (bearer token), create a room.</summary>
internal sealed class MeursApi : IDisposable
{
    public const string Password = "bench-password-1";

    private readonly HttpClient http;

    public MeursApi(Uri baseAddress, int parallelism)
    {
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = parallelism })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>
    /// Registers <paramref name="count"/> users (u0000, u0001, …) and logs each in, <paramref name="parallelism"/> at a
    /// time; returns their bearer tokens in order and how long that took.
    /// </summary>
    public async Task<(string[] Tokens, TimeSpan Elapsed)> RegisterAndLogInAsync(int count, int parallelism, CancellationToken cancellationToken)
    {
        var tokens = new string[count];
        var started = Stopwatch.GetTimestamp();
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
        return (tokens, Stopwatch.GetElapsedTime(started));
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

    public static string UserName(int i) => $"u{i:D4}";

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        }
    }

    public void Dispose() => http.Dispose();
}
