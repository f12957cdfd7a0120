using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Channels;

/// <summary>
/// The slice of Meurs' servers and messages API the bench needs (bearer tokens): create a server and its text
/// channels, join it, send and count messages; and a browser's sign-in through the /login form for the page phase.
/// </summary>
internal sealed partial class ChannelsApi(Uri baseAddress, int connections) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Uri BaseAddress => baseAddress;

    /// <summary>POST /api/servers/ → the new server's id.</summary>
    public async Task<string> CreateServerAsync(string token, string title, CancellationToken ct) =>
        await PostForIdAsync(token, "api/servers/", new { title }, "create a server", ct);

    /// <summary>POST /api/servers/{id}/channels {title, type: "text"} → the channel's id.</summary>
    public async Task<string> CreateTextChannelAsync(string token, string server, string title, CancellationToken ct) =>
        await PostForIdAsync(token, $"api/servers/{server}/channels", new { title, type = "text" }, $"create channel {title}", ct);

    /// <summary>POST /api/servers/{id}/join (an open server).</summary>
    public async Task JoinAsync(string token, string server, CancellationToken ct)
    {
        using var response = await SendAsync(token, HttpMethod.Post, $"api/servers/{server}/join", null, ct);
        if (!response.IsSuccessStatusCode)
        {
            await MeursApi.EnsureAsync(response, HttpStatusCode.OK, $"join server {server}", ct);
        }
    }

    /// <summary>POST /api/channels/{id}/messages {content} → the message's id (201 comes after the commit).</summary>
    public async Task<string> SendMessageAsync(string token, string channel, string content, CancellationToken ct) =>
        await PostForIdAsync(token, $"api/channels/{channel}/messages", new { content }, "send a message", ct);

    /// <summary>POST /api/channels/{id}/messages; true on 201. For the measured loops: no parsing, no exception on refusal.</summary>
    public async Task<HttpStatusCode> TrySendMessageAsync(string token, string channel, string content, CancellationToken ct)
    {
        using var response = await SendAsync(token, HttpMethod.Post, $"api/channels/{channel}/messages", new { content }, ct);
        return response.StatusCode;
    }

    /// <summary>Counts a channel's messages by paging GET /api/channels/{id}/messages?before=…&amp;limit=100 from the newest back.</summary>
    public async Task<int> CountMessagesAsync(string token, string channel, CancellationToken ct)
    {
        var count = 0;
        string? before = null;
        while (true)
        {
            var path = $"api/channels/{channel}/messages?limit=100" + (before is null ? "" : $"&before={before}");
            using var response = await SendAsync(token, HttpMethod.Get, path, null, ct);
            await MeursApi.EnsureAsync(response, HttpStatusCode.OK, "list messages", ct);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var messages = page.RootElement.GetArrayLength();
            count += messages;
            if (messages < 100)
            {
                return count;
            }
            // Oldest first: the first is the cursor for the page before.
            before = page.RootElement[0].GetProperty("id").GetString();
        }
    }

    /// <summary>
    /// Signs <paramref name="username"/> in as a browser does: GET /login for the antiforgery token and cookie, then the
    /// form POST; returns a client that carries the session cookie (no redirects followed).
    /// </summary>
    public static async Task<HttpClient> SignInBrowserAsync(Uri baseAddress, string username, int connections, CancellationToken ct)
    {
        var browser = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            var form = await browser.GetStringAsync("login", ct);
            var token = AntiforgeryField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on /login");
            using var posted = await browser.PostAsync("login", new FormUrlEncodedContent(
            [
                new("_handler", "login"),
                new("Input.Username", username),
                new("Input.Password", MeursApi.Password),
                new("__RequestVerificationToken", token),
            ]), ct);
            if (posted.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"sign-in of {username} through /login answered {(int)posted.StatusCode}, not a redirect");
            }
            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    private async Task<string> PostForIdAsync(string token, string path, object body, string what, CancellationToken ct)
    {
        using var response = await SendAsync(token, HttpMethod.Post, path, body, ct);
        await MeursApi.EnsureAsync(response, HttpStatusCode.Created, what, ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException($"{what}: no id");
    }

    private async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await http.SendAsync(request, ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public void Dispose() => http.Dispose();
}
