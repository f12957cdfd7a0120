using System.Net;
using System.Text.RegularExpressions;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// One person's browser against the test server: a cookie jar, the real forms (antiforgery token scraped from the page
/// as a browser would submit it) and the room sockets, which carry the same cookies.
/// </summary>
public sealed partial class TestBrowser(MeursFactory factory, HttpClient client, CookieContainer cookies) : IDisposable
{
    public const string DefaultPassword = "correct horse battery";

    public HttpClient Client { get; } = client;

    /// <summary>The username this browser signed up with, once it has.</summary>
    public string UserName { get; private set; } = "";

    /// <summary>The Cookie header a browser would send to this server.</summary>
    public string CookieHeader => cookies.GetCookieHeader(MeursFactory.BaseAddress);

    /// <summary>True when the auth cookie is in the jar.</summary>
    public bool HasAuthCookie => cookies.GetCookies(MeursFactory.BaseAddress).Any(c => c.Name == "meurs.auth");

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<(HttpResponseMessage Response, string Html)> GetHtmlAsync(string path)
    {
        var response = await GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The antiforgery token from a page this browser loads (any form on it; the token is per session).</summary>
    public async Task<string> TokenFromAsync(string pagePath)
    {
        var (response, html) = await GetHtmlAsync(pagePath);
        Assert.True(response.IsSuccessStatusCode, $"GET {pagePath} answered {(int)response.StatusCode}");
        return Token(html);
    }

    /// <summary>Posts a form as url-encoded fields; adds the antiforgery token scraped from <paramref name="tokenPage"/> unless null.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PostFormAsync(string action, IEnumerable<KeyValuePair<string, string>> fields, string? tokenPage)
    {
        var all = fields.ToList();
        if (tokenPage is not null)
        {
            all.Add(new("__RequestVerificationToken", await TokenFromAsync(tokenPage)));
        }
        using var content = new FormUrlEncodedContent(all);
        var response = await Client.PostAsync(new Uri(action, UriKind.Relative), content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the sign-up form.</summary>
    public Task<(HttpResponseMessage Response, string Html)> SignUpAsync(string username, string password, string? confirm = null, string? returnUrl = null) =>
        PostFormAsync(
            "/signup" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            [
                new("_handler", "signup"),
                new("Input.Username", username),
                new("Input.Password", password),
                new("Input.ConfirmPassword", confirm ?? password),
            ],
            "/signup");

    /// <summary>Signs up and checks it worked.</summary>
    public async Task SignUpOkAsync(string username, string password = DefaultPassword)
    {
        var (response, html) = await SignUpAsync(username, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-up of {username} answered {(int)response.StatusCode}: {Errors(html)}");
        UserName = username;
    }

    /// <summary>Submits the log-in form.</summary>
    public Task<(HttpResponseMessage Response, string Html)> LogInAsync(string username, string password, string? returnUrl = null) =>
        PostFormAsync(
            "/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            [
                new("_handler", "login"),
                new("Input.Username", username),
                new("Input.Password", password),
            ],
            "/login");

    /// <summary>Creates a room through the /rooms page form and returns its id.</summary>
    public async Task<string> CreateRoomAsync()
    {
        var (response, html) = await PostFormAsync("/rooms", [new("_handler", "create-room")], "/rooms");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"create-room answered {(int)response.StatusCode}: {html}");
        var location = response.Headers.Location!.ToString();
        var match = RoomLocationRegex().Match(location);
        Assert.True(match.Success, "unexpected redirect " + location);
        return match.Groups[1].Value;
    }

    /// <summary>Posts the close form of a room's confirmation dialog (<c>confirm=yes</c>), with a token from this browser's session.</summary>
    public async Task<HttpResponseMessage> CloseRoomAsync(string roomId, bool confirmed = true)
    {
        var (response, _) = await PostFormAsync($"/rooms/{roomId}/close", confirmed ? [new("confirm", "yes")] : [], "/about");
        return response;
    }

    /// <summary>Posts a room page's Leave form, with a token from this browser's session.</summary>
    public async Task<HttpResponseMessage> LeaveRoomAsync(string roomId)
    {
        var (response, _) = await PostFormAsync($"/rooms/{roomId}/leave", [], "/about");
        return response;
    }

    /// <summary>Posts the owner's rename form (as a plain form, or as htmx sends it when <paramref name="htmx"/>).</summary>
    public async Task<(HttpResponseMessage Response, string Body)> RenameRoomAsync(string roomId, string name, bool htmx = false)
    {
        var token = await TokenFromAsync("/about");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/rooms/{roomId}/name", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("name", name), new("__RequestVerificationToken", token)]),
        };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        var response = await Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a room named <paramref name="name"/> through the /rooms page form; returns the answer (a redirect when created).</summary>
    public Task<(HttpResponseMessage Response, string Html)> CreateNamedRoomAsync(string name) =>
        PostFormAsync("/rooms", [new("_handler", "create-room"), new("New.Name", name)], "/rooms");

    /// <summary>Presses the room page's "Join room" button (<c>POST /rooms/{id}/join</c> with the page's antiforgery token).</summary>
    public async Task<HttpResponseMessage> JoinRoomByButtonAsync(string roomId)
    {
        var (response, _) = await PostFormAsync($"/rooms/{roomId}/join", [], tokenPage: $"/rooms/{roomId}");
        return response;
    }

    /// <summary>Opens a socket carrying this browser's cookies (and an Origin when given).</summary>
    public Task<TestSocket> ConnectAsync(string path, string? origin = null) =>
        TestSocket.ConnectAsync(factory, path, CookieHeader, origin);

    /// <summary>Opens a room socket and reads up to (and including) the first member list.</summary>
    public async Task<TestSocket> JoinRoomAsync(string roomId)
    {
        var socket = await ConnectAsync($"/ws/rooms/{roomId}");
        // The member list comes with the history, and again once the arrival is announced: wait until it names us.
        await socket.ReceiveUntilAsync(f => f.Target == "#members" && f.Content.Contains(UserName, StringComparison.Ordinal));
        return socket;
    }

    /// <summary>The antiforgery token of the first form of <paramref name="html"/>.</summary>
    public static string Token(string html)
    {
        var match = TokenRegex().Match(html);
        Assert.True(match.Success, "no antiforgery token in the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The text of the page's error messages, for assertion messages.</summary>
    public static string Errors(string html) =>
        string.Join(" | ", ErrorRegex().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim())));

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("class=\"error\"[^>]*>(.*?)</(?:p|ul)>", RegexOptions.Singleline)]
    private static partial Regex ErrorRegex();

    [GeneratedRegex("^(?:http://localhost)?/rooms/([^/?#]+)$")]
    private static partial Regex RoomLocationRegex();
}
