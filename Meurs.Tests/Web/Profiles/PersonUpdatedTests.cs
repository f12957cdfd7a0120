using System.Net;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Profiles;

/// <summary>
/// A new name or avatar reaches the people who see the person, live: their friends (and people sharing a server, the same
/// audience as presence) get <c>user.updated</c> with the public profile on <c>/api/ws/me</c> and, on their pages'
/// <c>/ws/me</c>, a <c>[data-person-update]</c> holder with the name and the avatar at each size for people.js; a
/// stranger hears nothing, and the person's own settings (<c>dm_friends_only</c>) stay theirs.
/// </summary>
public sealed class PersonUpdatedTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task ANewNameAndAvatar_ReachAFriendsPagesAndPrograms_NotAStranger()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var bob = await scene.PersonAsync();
        using var carol = await scene.PersonAsync();
        var request = await scene.Api.PostJsonAsync("/api/friends/requests", new { username = bob.Name }, alice.Token);
        Assert.Equal(HttpStatusCode.Created, request.Status);
        var requestId = request.Json!.Value.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await scene.Api.PostJsonAsync($"/api/friends/requests/{requestId}/accept", new { }, bob.Token)).Status);
        await using var bobPrograms = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", bob.Name, bob.Token);
        await using var bobPage = await bob.Browser.ConnectAsync("/ws/me");
        await using var carolPrograms = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", carol.Name, carol.Token);

        ExpectOk(await scene.PatchAsync(alice.Token, new { display_name = "Alice <Wonder>" }));

        var json = (await bobPrograms.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "user.updated"))[^1].GetProperty("data");
        Assert.Equal(alice.Id, json.GetProperty("id").GetGuid());
        Assert.Equal("Alice <Wonder>", json.GetProperty("display_name").GetString());
        Assert.False(json.TryGetProperty("dm_friends_only", out _), "someone's settings are their own");
        var holder = (await bobPage.ReceiveUntilAsync(f => f.Content.Contains("data-person-update", StringComparison.Ordinal)))[^1];
        Assert.Equal("body", holder.Target);
        Assert.Contains($"data-user-id=\"{alice.Id:N}\"", holder.Content, StringComparison.Ordinal);
        Assert.Contains("data-name=\"Alice &lt;Wonder&gt;\"", holder.Content, StringComparison.Ordinal);
        foreach (var size in new[] { "s", "m", "l" })
        {
            Assert.Contains($"data-avatar-size=\"{size}\"><span class=\"avatar avatar-{size} avatar-default", holder.Content, StringComparison.Ordinal);
        }

        // A new avatar: the holder carries the picture at each size.
        ExpectOk(await scene.UploadAsync(alice.Token, TestImages.Png(64, 64)));
        var url = (await bobPrograms.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "user.updated"))[^1].GetProperty("data").GetProperty("avatar_url").GetString();
        Assert.NotNull(url);
        var pictured = (await bobPage.ReceiveUntilAsync(f => f.Content.Contains("data-person-update", StringComparison.Ordinal)))[^1];
        Assert.Contains($"<img class=\"avatar avatar-l\" src=\"{url}\"", pictured.Content, StringComparison.Ordinal);

        // Carol, a stranger, heard nothing of it: the next user.updated she gets is her own change.
        ExpectOk(await scene.PatchAsync(carol.Token, new { custom_status = "carol's own" }));
        var carols = await carolPrograms.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "user.updated");
        Assert.Equal(carol.Id, carols[^1].GetProperty("data").GetProperty("id").GetGuid());
    }

    private static void ExpectOk(ApiResponse response) => Assert.True(response.Status == HttpStatusCode.OK, $"{response.Status}: {response.Detail}");
}
