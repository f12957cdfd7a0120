using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Servers;

/// <summary>An API user of the servers tests: name, id and bearer token.</summary>
internal sealed record ServerUser(string Name, Guid Id, string Token);

/// <summary>Helpers for the servers API tests: users, servers, and JSON calls that assert their status.</summary>
internal sealed class ServerScene(MeursFactory factory) : IDisposable
{
    public ApiClient Api { get; } = ApiClient.For(factory);

    public MeursFactory Factory => factory;

    public async Task<ServerUser> UserAsync(string prefix = "s")
    {
        var (name, token) = await Api.NewAccountWithTokenAsync(prefix);
        var id = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());
        return new ServerUser(name, id, token);
    }

    /// <summary>Creates a server owned by <paramref name="owner"/>; returns its JSON.</summary>
    public async Task<JsonElement> ServerAsync(ServerUser owner, string title = "My Server", bool inviteOnly = false)
    {
        var response = await Api.PostJsonAsync("/api/servers/", new { title, description = "desc", invite_only = inviteOnly }, owner.Token);
        return Expect(response, HttpStatusCode.Created);
    }

    /// <summary>A server of <paramref name="owner"/> that <paramref name="members"/> have joined; returns its id.</summary>
    public async Task<Guid> ServerWithAsync(ServerUser owner, params ServerUser[] members)
    {
        var id = Id(await ServerAsync(owner));
        foreach (var member in members)
        {
            Expect(await Api.PostAsync($"/api/servers/{id}/join", "", member.Token), HttpStatusCode.OK);
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

    /// <summary>Asserts a problem document with <paramref name="status"/> and a non-empty detail.</summary>
    public static void Problem(ApiResponse response, HttpStatusCode status)
    {
        Assert.True(response.Status == status, $"expected {(int)status}, got {(int)response.Status}: {response.Detail}");
        Assert.Equal("application/problem+json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(response.Detail));
    }

    public static Guid Id(JsonElement e, string property = "id") => e.GetProperty(property).GetGuid();

    public static string Str(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    /// <summary>The role named <paramref name="name"/> of the server.</summary>
    public async Task<JsonElement> RoleAsync(Guid serverId, ServerUser member, string name)
    {
        var roles = await ExpectAsync("GET", $"/api/servers/{serverId}/roles", member.Token, null, HttpStatusCode.OK);
        return roles.EnumerateArray().Single(r => Str(r, "name") == name);
    }

    /// <summary>Creates a role with <paramref name="permissions"/> and gives it to <paramref name="member"/>; returns the role's id.</summary>
    public async Task<Guid> GrantAsync(Guid serverId, ServerUser owner, ServerUser member, string name, long permissions)
    {
        var role = await ExpectAsync("POST", $"/api/servers/{serverId}/roles", owner.Token, new { name, permissions = permissions.ToString(System.Globalization.CultureInfo.InvariantCulture) }, HttpStatusCode.Created);
        var roleId = Id(role);
        await ExpectAsync("POST", $"/api/servers/{serverId}/members/{member.Id}/roles/{roleId}", owner.Token, null, HttpStatusCode.NoContent);
        return roleId;
    }

    /// <summary>The ids of the channels <paramref name="member"/> can list.</summary>
    public async Task<List<string>> ChannelTitlesAsync(Guid serverId, ServerUser member)
    {
        var channels = await ExpectAsync("GET", $"/api/servers/{serverId}/channels", member.Token, null, HttpStatusCode.OK);
        return [.. channels.EnumerateArray().Select(c => Str(c, "title"))];
    }

    /// <summary>A multipart body with one part <c>file</c>.</summary>
    public static MultipartFormDataContent FilePart(byte[] bytes, string fileName = "image.png", string contentType = "image/png")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "file", fileName);
        return content;
    }

    public void Dispose() => Api.Dispose();
}
