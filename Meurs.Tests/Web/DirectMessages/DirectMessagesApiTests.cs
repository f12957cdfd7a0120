using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.DirectMessages;

/// <summary>The Chat system's /api/dms routes (test_dms.py) and who may write to whom.</summary>
public sealed class DirectMessagesApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Send_ToAFriend_201WithSenderAndRecipient_AndBothListTheConversation()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();

        var sent = await DmScene.SendAsync(api, alice, bob, "Hey Bob!");

        Assert.Equal("Hey Bob!", sent.GetProperty("content").GetString());
        Assert.Equal(alice.Name, sent.GetProperty("sender").GetProperty("username").GetString());
        Assert.Equal(bob.Name, sent.GetProperty("recipient").GetProperty("username").GetString());
        await DmScene.SendAsync(api, alice, bob, "a->b 2");
        await DmScene.SendAsync(api, bob, alice, "b->a 1");
        var fromBob = await api.GetAsync($"/api/dms/{alice.Id}", bob.Token);
        Assert.Equal(HttpStatusCode.OK, fromBob.Status);
        var contents = fromBob.Json!.Value.EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Equal(["Hey Bob!", "a->b 2", "b->a 1"], contents);
        // Each message names its own sender and recipient, whoever reads.
        var last = fromBob.Json!.Value[2];
        Assert.Equal(bob.Name, last.GetProperty("sender").GetProperty("username").GetString());
        Assert.Equal(alice.Name, last.GetProperty("recipient").GetProperty("username").GetString());
        // One conversation for the pair, whoever wrote first.
        Assert.Equal(1, await factory.WithDbAsync(db => db.Conversations.CountAsync(c => c.PairKey != null && c.PairKey.Contains(alice.Id.ToString("N")))));
    }

    [Fact]
    public async Task List_LimitBeforeAndEmpty_AndBadCursor400()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        Assert.Equal("[]", (await api.GetAsync($"/api/dms/{bob.Id}", alice.Token)).Json!.Value.GetRawText());

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await DmScene.SendAsync(api, alice, bob, $"m{i}")).GetProperty("id").GetString()!);
        }

        var limited = await api.GetAsync($"/api/dms/{bob.Id}?limit=3", alice.Token);
        Assert.Equal(["m2", "m3", "m4"], limited.Json!.Value.EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList());
        var before = await api.GetAsync($"/api/dms/{bob.Id}?before={ids[2]}&limit=3", alice.Token);
        Assert.Equal(["m0", "m1"], before.Json!.Value.EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/dms/{bob.Id}?limit=0", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/dms/{bob.Id}?before=nope", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/dms/{Guid.NewGuid()}", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"/api/dms/{bob.Id}")).Status);
    }

    [Fact]
    public async Task Send_ToYourself_400_AndBadInput400_NothingStored()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync($"/api/dms/{alice.Id}", new { content = "me" }, alice.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/dms/{alice.Id}", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync($"/api/dms/{bob.Id}", new { }, alice.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync($"/api/dms/{bob.Id}", new { content = 5 }, alice.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync($"/api/dms/{bob.Id}", new { content = "   " }, alice.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync($"/api/dms/{bob.Id}", new { content = new string('x', 2001) }, alice.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/dms/{bob.Id}", "{\"content\":\"\\ud800 lone\"}", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/dms/{bob.Id}", "{\"content\":", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/dms/{Guid.NewGuid()}", new { content = "who" }, alice.Token)).Status);

        Assert.Equal("[]", (await api.GetAsync($"/api/dms/{bob.Id}", alice.Token)).Json!.Value.GetRawText());
    }

    [Fact]
    public async Task Send_ToAStranger403_ToSomeoneSharingAServer201()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var alice = await scene.PersonAsync();
        var stranger = await scene.PersonAsync();
        var neighbour = await scene.PersonAsync();
        await scene.ShareAServerAsync(alice, neighbour);

        var refused = await api.PostJsonAsync($"/api/dms/{stranger.Id}", new { content = "hi" }, alice.Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("share a server", refused.Detail, StringComparison.Ordinal);
        await DmScene.SendAsync(api, alice, neighbour, "hi neighbour");
    }

    [Fact]
    public async Task FriendsOnlySetting_RefusesSomeoneSharingAServer_AllowsAFriend()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        var neighbour = await scene.PersonAsync();
        await scene.ShareAServerAsync(alice, bob, neighbour);
        await scene.FriendsOnlyAsync(alice);

        var refused = await api.PostJsonAsync($"/api/dms/{alice.Id}", new { content = "hi" }, neighbour.Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("friends only", refused.Detail, StringComparison.Ordinal);
        await DmScene.SendAsync(api, bob, alice, "friends may");
        // The setting is theirs: alice may still write to the neighbour.
        await DmScene.SendAsync(api, alice, neighbour, "I may write to you");
    }

    [Fact]
    public async Task Send_ToSomeoneWhoBlockedYou403_AndABlockAfterTheStartRefusesTheNextMessage()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        await DmScene.SendAsync(api, alice, bob, "before the block");

        await scene.BlockAsync(bob, alice);

        var refused = await api.PostJsonAsync($"/api/dms/{bob.Id}", new { content = "after" }, alice.Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("blocked you", refused.Detail, StringComparison.Ordinal);
        var byBlocker = await api.PostJsonAsync($"/api/dms/{alice.Id}", new { content = "from the blocker" }, bob.Token);
        Assert.Equal(HttpStatusCode.Forbidden, byBlocker.Status);
        Assert.Contains("unblock", byBlocker.Detail, StringComparison.Ordinal);
        // The conversation's channel refuses it too: the rule is the send's, not the route's.
        var conversation = await scene.ConversationOfAsync(alice, bob);
        var viaChannel = await api.PostJsonAsync($"/api/channels/{conversation}/messages", new { content = "sneaky" }, alice.Token);
        Assert.Equal(HttpStatusCode.Forbidden, viaChannel.Status);
        var history = await api.GetAsync($"/api/dms/{bob.Id}", alice.Token);
        Assert.Equal(["before the block"], history.Json!.Value.EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList());
    }

    [Fact]
    public async Task Send_BlockedBeforeAnyConversation403_NoConversationMade()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        await scene.BlockAsync(bob, alice);

        var refused = await api.PostJsonAsync($"/api/dms/{bob.Id}", new { content = "hi" }, alice.Token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("blocked", refused.Json!.Value.GetProperty("code").GetString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Conversations.CountAsync(c => c.PairKey == Meurs.Web.Features.DirectMessages.Conversation.PairKeyOf(alice.Id, bob.Id))));
    }

    [Fact]
    public async Task Delete_Own204_Others403_Unknown404_ServerMessage404()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        var mine = (await DmScene.SendAsync(api, alice, bob, "mine")).GetProperty("id").GetString();
        var theirs = (await DmScene.SendAsync(api, bob, alice, "theirs")).GetProperty("id").GetString();
        var (_, channel) = await scene.ShareAServerAsync(alice, bob);
        var serverMessage = (await api.PostJsonAsync($"/api/channels/{channel}/messages", new { content = "in a server" }, alice.Token)).Json!.Value.GetProperty("id").GetString();
        var carol = await scene.PersonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Delete, $"/api/dms/{theirs}", alice.Token, null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Delete, $"/api/dms/{mine}", carol.Token, null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Delete, $"/api/dms/{Guid.NewGuid()}", alice.Token, null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Delete, $"/api/dms/{serverMessage}", alice.Token, null)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/dms/{mine}", alice.Token, null)).Status);

        var left = await api.GetAsync($"/api/dms/{bob.Id}", alice.Token);
        Assert.Equal(["theirs"], left.Json!.Value.EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Messages.CountAsync(m => m.ChannelId == channel)));
    }

    [Fact]
    public async Task Attachments_InvalidType400_Image200_OthersMessage403_Stranger404()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        var carol = await scene.PersonAsync();
        var id = (await DmScene.SendAsync(api, alice, bob, "look")).GetProperty("id").GetString();

        var bad = await api.SendAsync(HttpMethod.Post, $"/api/dms/{id}/attachments", alice.Token, DmScene.Files(("cat.png", "not a png"u8.ToArray())));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var theirs = await api.SendAsync(HttpMethod.Post, $"/api/dms/{id}/attachments", bob.Token, DmScene.Files(("cat.png", TestImages.Png(4, 3))));
        Assert.Equal(HttpStatusCode.Forbidden, theirs.Status);
        var stranger = await api.SendAsync(HttpMethod.Post, $"/api/dms/{id}/attachments", carol.Token, DmScene.Files(("cat.png", TestImages.Png(4, 3))));
        Assert.Equal(HttpStatusCode.NotFound, stranger.Status);

        var ok = await api.SendAsync(HttpMethod.Post, $"/api/dms/{id}/attachments", alice.Token, DmScene.Files(("cat.png", TestImages.Png(4, 3))));
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        var attachments = ok.Json!.Value.GetProperty("attachments");
        Assert.Equal(1, attachments.GetArrayLength());
        Assert.Equal("image", attachments[0].GetProperty("file_type").GetString());
        Assert.Equal(bob.Name, ok.Json!.Value.GetProperty("recipient").GetProperty("username").GetString());
        // The file is the participants' only.
        var url = attachments[0].GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await bob.Browser.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.Browser.GetAsync(url)).StatusCode);
    }
}
