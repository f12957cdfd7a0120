using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Profiles;

/// <summary>A person of the profile tests: a signed-in browser (cookie) and a bearer token for the same account.</summary>
internal sealed record ProfilePerson(TestBrowser Browser, string Name, Guid Id, string Token) : IDisposable
{
    public void Dispose() => Browser.Dispose();
}

/// <summary>Helpers for the profile tests: people with a browser and a token, JSON calls, uploads, form posts.</summary>
internal sealed class ProfileScene(MeursFactory factory) : IDisposable
{
    public ApiClient Api { get; } = ApiClient.For(factory);

    public MeursFactory Factory => factory;

    /// <summary>Someone who signed up through the real form, with an access token too.</summary>
    public async Task<ProfilePerson> PersonAsync(string prefix = "p")
    {
        var browser = await factory.SignedUpAsync(prefix);
        var id = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == browser.UserName).Select(u => u.Id).SingleAsync());
        return new ProfilePerson(browser, browser.UserName, id, await Api.TokenForAsync(browser.UserName));
    }

    public Task<ApiResponse> PatchRawAsync(string token, string json, string contentType = "application/json") =>
        Api.SendAsync(HttpMethod.Patch, "/api/users/me", token, new StringContent(json, Encoding.UTF8, contentType));

    public Task<ApiResponse> PatchAsync(string token, object body) => PatchRawAsync(token, JsonSerializer.Serialize(body));

    public Task<ApiResponse> MeAsync(string token) => Api.GetAsync("/api/users/me", token);

    public Task<ApiResponse> UploadAsync(string token, byte[] bytes, string fileName = "avatar.png", string contentType = "image/png") =>
        Api.SendAsync(HttpMethod.Post, "/api/users/me/avatar", token, FilePart(bytes, fileName, contentType));

    /// <summary>GETs <paramref name="path"/> with the token; the raw response.</summary>
    public async Task<HttpResponseMessage> GetRawAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", token);
        return await Api.Client.SendAsync(request);
    }

    /// <summary>Posts a settings form as htmx would (HX-Request), with the antiforgery token of /profile.</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> PostProfileFormAsync(TestBrowser browser, string action, params (string Name, string Value)[] fields)
    {
        var token = await browser.TokenFromAsync("/profile");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("HX-Request", "true");
        var response = await browser.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the avatar form as htmx would (multipart with the antiforgery token).</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> PostAvatarFormAsync(TestBrowser browser, byte[] bytes, string fileName = "avatar.png")
    {
        var token = await browser.TokenFromAsync("/profile");
        using var content = FilePart(bytes, fileName);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/profile/avatar", UriKind.Relative)) { Content = content };
        request.Headers.Add("HX-Request", "true");
        var response = await browser.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A multipart body with one part <c>file</c>.</summary>
    public static MultipartFormDataContent FilePart(byte[] bytes, string fileName = "avatar.png", string contentType = "image/png")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "file", fileName);
        return content;
    }

    /// <summary>Asserts the status (with the problem's detail in the message) and returns the JSON body.</summary>
    public static JsonElement Expect(ApiResponse response, HttpStatusCode status)
    {
        if (response.Status != status)
        {
            Assert.Fail($"expected {(int)status}, got {(int)response.Status}: {response.Detail}");
        }
        return response.Json ?? default;
    }

    public static string? Str(JsonElement e, string property) => e.GetProperty(property).GetString();

    /// <summary>The stored avatar's path for its URL.</summary>
    public string AvatarPath(string url) => Path.Combine(factory.DataPath, "uploads", "avatars", url["/avatars/".Length..]);

    public void Dispose() => Api.Dispose();
}
