using System.Net;
using Meurs.Tests.Web.Messages;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.DirectMessages;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.DirectMessages;

/// <summary>Who sees a conversation, the events its participants get, the list and its unread counts, and servers left alone.</summary>
public sealed class ConversationTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task AnotherPairsConversation_ById_Is404Everywhere()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        var carol = await scene.PersonAsync();
        await DmScene.SendAsync(api, alice, bob, "private");
        var id = await scene.ConversationOfAsync(alice, bob);

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/channels/{id}/messages", carol.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/channels/{id}/messages", new { content = "in" }, carol.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.Browser.GetHtmlAsync($"/dms/{id:N}")).Response.StatusCode);
        Assert.Equal(404, await TestSocket.RefusedStatusAsync(factory, $"/ws/channels/{id:N}", carol.Browser.CookieHeader));
        Assert.Equal(404, await TestSocket.RefusedStatusAsync(factory, $"/ws/voice/{id:N}", carol.Browser.CookieHeader));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/channels/{id:N}", $"Bearer {carol.Token}"));
        Assert.Equal(HttpStatusCode.NotFound, (await carol.Browser.GetAsync($"/channels/{id:N}/messages")).StatusCode);

        // The participants get the page with the message pane and the call panel.
        var (response, html) = await bob.Browser.GetHtmlAsync($"/dms/{id:N}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("private", html, StringComparison.Ordinal);
        Assert.Contains("id=\"channel-pane\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-call-id=\"{id:N}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participants_MayPinAndReact_ButNotDeleteTheOthersMessages()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        var theirs = (await DmScene.SendAsync(api, bob, alice, "pin me")).GetProperty("id").GetString();
        var id = await scene.ConversationOfAsync(alice, bob);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/channels/{id}/messages/{theirs}/pin", "", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/channels/{id}/messages/{theirs}/reactions/%F0%9F%91%8D", "", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Delete, $"/api/channels/{id}/messages/{theirs}", alice.Token, null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Patch, $"/api/channels/{id}/messages/{theirs}", alice.Token, JsonContent("{\"content\":\"mine now\"}"))).Status);
        // @everyone notifies nobody in a conversation.
        var everyone = await DmScene.SendAsync(api, alice, bob, "@everyone look");
        Assert.False(everyone.GetProperty("content").GetString() is null);
        Assert.False(await factory.WithDbAsync(db => db.Messages.Where(m => m.ChannelId == id).AnyAsync(m => m.MentionsEveryone)));
    }

    [Fact]
    public async Task DmCreatedAndDeleted_ReachTheParticipantsOnly()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        var carol = await scene.PersonAsync();
        await scene.BefriendAsync(carol, alice);
        await using var bobSocket = await MeAsync(bob);
        await using var carolSocket = await MeAsync(carol);
        await using var aliceSocket = await MeAsync(alice);

        var sent = await DmScene.SendAsync(api, alice, bob, "for bob");
        var id = sent.GetProperty("id").GetString();

        var created = (await bobSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "dm.created"))[^1].GetProperty("data");
        Assert.Equal("for bob", created.GetProperty("content").GetString());
        Assert.Equal(alice.Name, created.GetProperty("sender").GetProperty("username").GetString());
        Assert.Equal(bob.Name, created.GetProperty("recipient").GetProperty("username").GetString());
        Assert.Equal(id, (await aliceSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "dm.created"))[^1].GetProperty("data").GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/dms/{id}", alice.Token, null)).Status);
        var deleted = (await bobSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "dm.deleted"))[^1].GetProperty("data");
        Assert.Equal(id, deleted.GetProperty("id").GetString());

        // Carol's first direct message event is her own conversation's: nothing of alice and bob's reached her.
        await DmScene.SendAsync(api, alice, carol, "for carol");
        var carolEvents = await carolSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "dm.created");
        Assert.Equal("for carol", carolEvents[^1].GetProperty("data").GetProperty("content").GetString());
        Assert.DoesNotContain(carolEvents, e => JsonRoomSocket.TypeOf(e) == "dm.deleted");
        Assert.Single(carolEvents, e => JsonRoomSocket.TypeOf(e) == "dm.created");
    }

    [Fact]
    public async Task Inbox_OrderedByLastActivity_WithUnreadCounts_ReadResetsAndTheBadgeFollowsLive()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var carol = await scene.PersonAsync();
        await scene.BefriendAsync(alice, bob);
        await scene.BefriendAsync(alice, carol);
        await DmScene.SendAsync(api, bob, alice, "b1");
        await DmScene.SendAsync(api, bob, alice, "b2");
        await DmScene.SendAsync(api, carol, alice, "c1");
        await DmScene.SendAsync(api, alice, carol, "a to c");

        var list = (await api.GetAsync("/api/dms", alice.Token)).Json!.Value;
        Assert.Equal([carol.Name, bob.Name], list.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList());
        Assert.Equal([1, 2], list.EnumerateArray().Select(c => c.GetProperty("unread_count").GetInt32()).ToList());
        var html = (await alice.Browser.GetHtmlAsync("/dms")).Html;
        Assert.Matches("id=\"dm-unread-badge\"[^>]*><span class=\"mention-badge\">3<", html);
        Assert.True(html.IndexOf(carol.Name, StringComparison.Ordinal) < html.IndexOf(bob.Name, StringComparison.Ordinal), "most recent first");

        await using var me = await HtmxMeAsync(alice);
        await DmScene.SendAsync(api, bob, alice, "b3");
        var bumped = (await me.ReceiveUntilAsync(f => f.Content.Contains("dm-unread-badge", StringComparison.Ordinal)))[^1].Content;
        Assert.Matches("id=\"dm-unread-badge\"[^>]*><span class=\"mention-badge\">4<", bumped);
        Assert.True(bumped.IndexOf(bob.Name, StringComparison.Ordinal) < bumped.IndexOf(carol.Name, StringComparison.Ordinal), "bob's conversation moved up");

        var bobConversation = await scene.ConversationOfAsync(alice, bob);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/channels/{bobConversation}/read", "", alice.Token)).Status);
        var read = (await me.ReceiveUntilAsync(f => f.Content.Contains("dm-unread-badge", StringComparison.Ordinal) && !f.Content.Contains(">4<", StringComparison.Ordinal)))[^1].Content;
        Assert.Matches("id=\"dm-unread-badge\"[^>]*><span class=\"mention-badge\">1<", read);
        var after = (await api.GetAsync("/api/dms", alice.Token)).Json!.Value;
        Assert.Equal([0, 1], after.EnumerateArray().Select(c => c.GetProperty("unread_count").GetInt32()).ToList());
    }

    [Fact]
    public async Task ServerChannelsAndLists_NeverShowAConversation()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var dms = new DmScene(factory);
        using var api = ApiClient.For(factory);
        await DmScene.SendAsync(api, scene.Owner, scene.Member, "between members");
        var conversation = await factory.WithDbAsync(db => db.Conversations.Where(c => c.PairKey == Conversation.PairKeyOf(scene.Owner.Id, scene.Member.Id)).Select(c => c.ChannelId).SingleAsync());

        var channels = await api.GetAsync($"/api/servers/{scene.ServerId}/channels", scene.Owner.Token);
        Assert.Equal(HttpStatusCode.OK, channels.Status);
        Assert.DoesNotContain(conversation.ToString(), channels.Json!.Value.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var page = (await scene.Owner.Browser.GetHtmlAsync($"/servers/{scene.ServerId:N}")).Html;
        Assert.DoesNotContain(conversation.ToString("N"), page, StringComparison.Ordinal);
        var communities = (await scene.Owner.Browser.GetHtmlAsync("/communities")).Html;
        Assert.DoesNotContain(conversation.ToString("N"), communities, StringComparison.Ordinal);
        Assert.DoesNotContain("Direct message", communities, StringComparison.Ordinal);
        var servers = await api.GetAsync("/api/servers", scene.Owner.Token);
        Assert.Equal(1, servers.Json!.Value.GetArrayLength());
        // A conversation is not reachable through a server's routes either.
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Delete, $"/api/servers/{scene.ServerId}/channels/{conversation}", scene.Owner.Token, null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/servers/{scene.ServerId}/channels/{conversation}/permissions", scene.Owner.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/servers/{scene.ServerId}/channels/{conversation}/mute", "", scene.Owner.Token)).Status);
        Assert.True(await factory.WithDbAsync(db => db.ServerChannels.AnyAsync(c => c.Id == conversation)));
        // The unread state of a server's channel is not the conversation's.
        await scene.SendAsync(api, scene.Member, "in the server");
        var mentions = await factory.WithDbAsync(db => db.ChannelMemberStates.CountAsync(s => s.ChannelId == conversation && s.MentionCount > 0));
        Assert.Equal(0, mentions);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private async Task<JsonRoomSocket> MeAsync(ScenePerson person)
    {
        var socket = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", person.Name, person.Token);
        await WaitSubscribedAsync(person);
        return socket;
    }

    private async Task<TestSocket> HtmxMeAsync(ScenePerson person)
    {
        var socket = await person.Browser.ConnectAsync("/ws/me");
        await WaitSubscribedAsync(person);
        return socket;
    }

    private async Task WaitSubscribedAsync(ScenePerson person)
    {
        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        await Poll.UntilAsync(() => Task.FromResult(hub.SubscriberCount(ChannelId.User(person.Id)) > 0), "/ws/me subscribed");
    }
}
