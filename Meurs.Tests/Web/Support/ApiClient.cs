using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Meurs.Tests.Web.Support;

/// <summary>An answer of the JSON API: status, headers and the parsed body (null when the body is not JSON).</summary>
public sealed record ApiResponse(HttpResponseMessage Message, JsonElement? Json)
{
    public HttpStatusCode Status => Message.StatusCode;

    /// <summary>The problem document's <c>detail</c> sentence.</summary>
    public string Detail => Json?.TryGetProperty("detail", out var detail) == true ? detail.GetString() ?? "" : "";

    public string Text(string property) => Json!.Value.GetProperty(property).GetString()!;
}

/// <summary>
/// A non-browser API client against the test server: no cookie jar, JSON bodies sent exactly as given (so tests can send
/// malformed ones), and an optional bearer token.
/// </summary>
public sealed class ApiClient(HttpClient client) : IDisposable
{
    public static ApiClient For(MeursFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new ApiClient(factory.CreateDefaultClient(MeursFactory.BaseAddress));
    }

    public HttpClient Client { get; } = client;

    /// <summary>POSTs <paramref name="body"/> verbatim with the given content type, and a bearer token when given.</summary>
    public Task<ApiResponse> PostAsync(string path, string body, string? bearer = null, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, bearer, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>POSTs <paramref name="value"/> serialized as JSON.</summary>
    public Task<ApiResponse> PostJsonAsync(string path, object value, string? bearer = null) =>
        PostAsync(path, JsonSerializer.Serialize(value), bearer);

    public Task<ApiResponse> GetAsync(string path, string? bearer = null) => SendAsync(HttpMethod.Get, path, bearer, null);

    /// <summary>Sends with a raw <c>Authorization</c> header value (or none).</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? bearer, HttpContent? content, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? json = null;
        if (response.Content.Headers.ContentType?.MediaType is { } type && type.EndsWith("json", StringComparison.Ordinal) && text.Length > 0)
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
        }
        return new ApiResponse(response, json);
    }

    public Task<ApiResponse> RegisterAsync(string username, string password = TestBrowser.DefaultPassword) =>
        PostJsonAsync("/api/auth/register", new { username, password });

    public Task<ApiResponse> LogInAsync(string username, string password = TestBrowser.DefaultPassword) =>
        PostJsonAsync("/api/auth/login", new { username, password });

    /// <summary>Registers a fresh account through the API and logs it in; returns its name and bearer token.</summary>
    public async Task<(string UserName, string Token)> NewAccountWithTokenAsync(string prefix = "api")
    {
        var username = prefix + Guid.NewGuid().ToString("N")[..10];
        var registered = await RegisterAsync(username);
        Assert.True(registered.Status == HttpStatusCode.Created, $"register answered {(int)registered.Status}: {registered.Detail}");
        return (username, await TokenForAsync(username));
    }

    /// <summary>Logs <paramref name="username"/> in through the API and returns the access token.</summary>
    public async Task<string> TokenForAsync(string username, string password = TestBrowser.DefaultPassword)
    {
        var login = await LogInAsync(username, password);
        Assert.True(login.Status == HttpStatusCode.OK, $"login answered {(int)login.Status}: {login.Detail}");
        return login.Text("access_token");
    }

    public void Dispose() => Client.Dispose();
}
