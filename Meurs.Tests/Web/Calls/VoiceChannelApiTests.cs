using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;

namespace Meurs.Tests.Web.Calls;

/// <summary><c>GET /api/channels/{id}/voice/members</c>: who is in a voice channel now, for whoever may see the channel.</summary>
public sealed class VoiceChannelApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Members_EmptyThenTheConnectedPersonWithTheirState_ThenEmptyAgain()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        using var api = ApiClient.For(factory);
        var path = $"/api/channels/{scene.VoiceChannelId}/voice/members";

        var empty = await api.GetAsync(path, scene.Owner.Token);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal(JsonValueKind.Array, empty.Json!.Value.ValueKind);
        Assert.Equal(0, empty.Json.Value.GetArrayLength());

        var socket = await JsonRoomSocket.ConnectAsync(factory, scene.ApiPath, ann.Name, ann.Token);
        await socket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.members");
        await socket.SendJsonAsync(new { type = "state", is_muted = true, is_sharing_webcam = true });
        await socket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.state_changed");

        // Any member who may see the channel may ask, in or out of the call; the id may be in "N" format too.
        var listed = await api.GetAsync($"/api/channels/{scene.VoiceChannelId:N}/voice/members", scene.Owner.Token);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var member = Assert.Single(listed.Json!.Value.EnumerateArray());
        Assert.Equal(ann.IdText, member.GetProperty("user_id").GetString());
        Assert.Equal(ann.Name, member.GetProperty("username").GetString());
        Assert.Equal([true, false, false, true], VoiceChannelSocketTests.Flags(member));

        await socket.DisposeAsync();
        await Poll.UntilAsync(async () => (await api.GetAsync(path, scene.Owner.Token)).Json!.Value.GetArrayLength() == 0, "ann is gone from the list");
    }

    [Fact]
    public async Task Members_TextChannel_IsEmpty()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var response = await api.GetAsync($"/api/channels/{scene.TextChannelId}/voice/members", scene.Owner.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, response.Json!.Value.GetArrayLength());
    }

    [Fact]
    public async Task Members_Refusals_AsTheChannelsPolicySays()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var outsider = await scene.OutsiderAsync("out");
        var blind = await scene.MemberAsync("bli");
        await scene.DenyAsync(blind, scene.VoiceChannelId, Permissions.ViewChannel);
        var unplugged = await scene.MemberAsync("unp");
        await scene.DenyAsync(unplugged, scene.VoiceChannelId, Permissions.Connect);
        using var api = ApiClient.For(factory);
        var path = $"/api/channels/{scene.VoiceChannelId}/voice/members";

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(path)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Owner.Browser.GetAsync(path)).StatusCode); // a cookie is not an API credential
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(path, outsider.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(path, blind.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(path, unplugged.Token)).Status); // seeing who is there needs no Connect
        var unknown = await api.GetAsync($"/api/channels/{Guid.NewGuid()}/voice/members", scene.Owner.Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.False(string.IsNullOrWhiteSpace(unknown.Detail));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/channels/not-an-id/voice/members", scene.Owner.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/channels/{new string('a', 200)}/voice/members", scene.Owner.Token)).Status);
    }

    [Fact]
    public async Task Members_InviteOnlyServer_NonMemberGets404()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory, inviteOnly: true);
        var outsider = await scene.OutsiderAsync("out");
        using var api = ApiClient.For(factory);

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/channels/{scene.VoiceChannelId}/voice/members", outsider.Token)).Status);
    }
}
