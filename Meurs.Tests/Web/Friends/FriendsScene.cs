using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Friends;

/// <summary>A person of the friends tests: name, bearer token and id.</summary>
public sealed record FriendsPerson(string Name, string Token, Guid Id);

/// <summary>People and the friends API for the friends tests, on one test server.</summary>
public sealed class FriendsScene(MeursFactory factory) : IDisposable
{
    public ApiClient Api { get; } = ApiClient.For(factory);

    public MeursFactory Factory => factory;

    /// <summary>A new account with a token.</summary>
    public async Task<FriendsPerson> PersonAsync(string prefix = "fr")
    {
        var (name, token) = await Api.NewAccountWithTokenAsync(prefix);
        var me = await Api.GetAsync("/api/users/me", token);
        return new FriendsPerson(name, token, Guid.Parse(me.Text("id")));
    }

    public Task<ApiResponse> SendAsync(FriendsPerson from, string username) =>
        Api.PostJsonAsync("/api/friends/requests", new { username }, from.Token);

    public Task<ApiResponse> SendRawAsync(FriendsPerson from, string body) => Api.PostAsync("/api/friends/requests", body, from.Token);

    /// <summary><paramref name="from"/> asks <paramref name="to"/>; the request's id (asserts 201).</summary>
    public async Task<string> RequestAsync(FriendsPerson from, FriendsPerson to)
    {
        var sent = await SendAsync(from, to.Name);
        Assert.True(sent.Status == HttpStatusCode.Created, $"send answered {(int)sent.Status}: {sent.Detail}");
        return sent.Text("id");
    }

    public Task<ApiResponse> PostAsync(FriendsPerson who, string path) => Api.SendAsync(HttpMethod.Post, path, who.Token, null);

    public Task<ApiResponse> DeleteAsync(FriendsPerson who, string path) => Api.SendAsync(HttpMethod.Delete, path, who.Token, null);

    public Task<ApiResponse> PutAsync(FriendsPerson who, string path) => Api.SendAsync(HttpMethod.Put, path, who.Token, null);

    public Task<ApiResponse> GetAsync(FriendsPerson who, string path) => Api.GetAsync(path, who.Token);

    /// <summary>Makes the two friends (request and accept).</summary>
    public async Task BefriendAsync(FriendsPerson a, FriendsPerson b)
    {
        var id = await RequestAsync(a, b);
        var accepted = await PostAsync(b, $"/api/friends/requests/{id}/accept");
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
    }

    /// <summary>The usernames in <paramref name="who"/>'s friend list.</summary>
    public async Task<List<string>> FriendNamesAsync(FriendsPerson who)
    {
        var list = await GetAsync(who, "/api/friends/");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        return [.. list.Json!.Value.EnumerateArray().Select(f => f.GetProperty("username").GetString()!)];
    }

    /// <summary>The pending requests <paramref name="who"/> sees.</summary>
    public async Task<List<JsonElement>> RequestsAsync(FriendsPerson who)
    {
        var list = await GetAsync(who, "/api/friends/requests");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        return [.. list.Json!.Value.EnumerateArray()];
    }

    /// <summary><paramref name="who"/>'s /api/ws/me socket, once it is subscribed.</summary>
    public async Task<JsonRoomSocket> MeSocketAsync(FriendsPerson who)
    {
        var socket = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", who.Name, who.Token);
        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        await Poll.UntilAsync(() => Task.FromResult(hub.SubscriberCount(ChannelId.User(who.Id)) > 0), "the /api/ws/me socket subscribed");
        return socket;
    }

    public void Dispose() => Api.Dispose();
}
