using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Messages;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.DirectMessages;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.DirectMessages;

/// <summary>
/// Sending in an existing one-to-one conversation asks the same rule as opening one (<see cref="DirectMessageRule"/>):
/// a recipient who turned on friends only, or two people who are no longer friends and no longer share a server, get a
/// 403 on the next message by every path (the DM route, the conversation's channel route, the page's socket), keep their
/// history readable, and may write again once friends. Group conversations do not ask it.
/// </summary>
public sealed class DirectMessageRuleTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Send_RecipientTurnedOnFriendsOnly_NextMessage403ByApiAndPage_UntilFriends()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var ann = await scene.PersonAsync("fon");
        var ben = await scene.PersonAsync("fob");
        await scene.ShareAServerAsync(ann, ben);
        await DmScene.SendAsync(api, ben, ann, "hello neighbour");
        var conversation = await scene.ConversationOfAsync(ann, ben);

        await scene.FriendsOnlyAsync(ann);

        var byDm = await api.PostJsonAsync($"/api/dms/{ann.Id}", new { content = "still there?" }, ben.Token);
        Assert.Equal(HttpStatusCode.Forbidden, byDm.Status);
        Assert.Equal(DirectMessageRule.FriendsOnlyCode, Code(byDm));
        Assert.Contains($"{ann.Name} accepts direct messages from friends only", byDm.Detail, StringComparison.Ordinal);
        var byChannel = await api.PostJsonAsync($"/api/channels/{conversation}/messages", new { content = "by the channel" }, ben.Token);
        Assert.Equal(HttpStatusCode.Forbidden, byChannel.Status);
        Assert.Equal(DirectMessageRule.FriendsOnlyCode, Code(byChannel));
        var composer = await RefusedOnPageAsync(ben, conversation, "from the page");
        Assert.Contains("from the page", composer, StringComparison.Ordinal);
        Assert.Contains("accepts direct messages from friends only", composer, StringComparison.Ordinal);

        // Her setting is about what she receives: she may still write to him. Once friends, he may write again.
        await DmScene.SendAsync(api, ann, ben, "I may");
        await scene.BefriendAsync(ann, ben);
        await DmScene.SendAsync(api, ben, ann, "friends now");
        Assert.Equal(["hello neighbour", "I may", "friends now"], await ContentsAsync(conversation));
    }

    [Fact]
    public async Task Send_NotFriendsAndTheServerWasLeft_403BothWaysByApiAndPage_HistoryStaysReadable()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var ann = await scene.PersonAsync("svl");
        var ben = await scene.PersonAsync("svb");
        var (server, _) = await scene.ShareAServerAsync(ann, ben);
        await DmScene.SendAsync(api, ann, ben, "see you in the server");
        var conversation = await scene.ConversationOfAsync(ann, ben);

        await factory.WithDbAsync(db => db.ServerMembers.Where(m => m.ServerId == server && m.UserId == ben.Id).ExecuteDeleteAsync());

        var byAnn = await api.PostJsonAsync($"/api/dms/{ben.Id}", new { content = "where did you go?" }, ann.Token);
        Assert.Equal(HttpStatusCode.Forbidden, byAnn.Status);
        Assert.Equal(DirectMessageRule.NotAcquaintedCode, Code(byAnn));
        Assert.Contains($"You can message {ben.Name} only while you are friends or share a server", byAnn.Detail, StringComparison.Ordinal);
        var byBen = await api.PostJsonAsync($"/api/channels/{conversation}/messages", new { content = "I left" }, ben.Token);
        Assert.Equal(HttpStatusCode.Forbidden, byBen.Status);
        Assert.Equal(DirectMessageRule.NotAcquaintedCode, Code(byBen));
        var composer = await RefusedOnPageAsync(ann, conversation, "typed on the page");
        Assert.Contains("typed on the page", composer, StringComparison.Ordinal);
        Assert.Contains("only while you are friends or share a server", composer, StringComparison.Ordinal);

        // The conversation stays readable to both, by the API and on its page.
        var history = await api.GetAsync($"/api/dms/{ann.Id}", ben.Token);
        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Equal(["see you in the server"], history.Json!.Value.EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList());
        var (page, html) = await ann.Browser.GetHtmlAsync($"/dms/{conversation:N}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("see you in the server", html, StringComparison.Ordinal);

        // Friends, they may write again.
        await scene.BefriendAsync(ann, ben);
        await DmScene.SendAsync(api, ben, ann, "back as friends");
        Assert.Equal(["see you in the server", "back as friends"], await ContentsAsync(conversation));
    }

    [Fact]
    public async Task Send_InAGroup_NotAskedTheRule_StrangersAndFriendsOnlyMembersStillWrite()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var owner = await scene.PersonAsync("gro");
        var one = await scene.PersonAsync("gr1");
        var two = await scene.PersonAsync("gr2");
        await scene.BefriendAsync(owner, one);
        await scene.BefriendAsync(owner, two);
        var made = await scene.UseAsync<CreateGroupConversation, ConversationOutcome>(u => u.HandleAsync(owner.Id, "pals", [one.Id, two.Id], CancellationToken.None));
        var group = made.ChannelId!.Value;
        await scene.FriendsOnlyAsync(one);
        await factory.WithDbAsync(db => db.Friendships.Where(f => f.UserId == owner.Id || f.FriendId == owner.Id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/channels/{group}/messages", new { content = "from two" }, two.Token)).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/channels/{group}/messages", new { content = "from the owner" }, owner.Token)).Status);
    }

    private static string? Code(ApiResponse response) =>
        response.Json is { } json && json.TryGetProperty("code", out var code) ? code.GetString() : null;

    // Sends from the conversation's page socket; returns the composer it gives back (the text kept, with the reason).
    private static async Task<string> RefusedOnPageAsync(ScenePerson person, Guid conversation, string text)
    {
        await using var socket = await person.Browser.ConnectAsync($"/ws/channels/{conversation:N}");
        await socket.SendTextAsync(JsonSerializer.Serialize(new { content = text, reply_to = "", headers = new Dictionary<string, string> { ["HX-Request"] = "true" } }));
        var frames = await socket.ReceiveUntilAsync(f => f.Content.Contains(text, StringComparison.Ordinal));
        return frames[^1].Content;
    }

    private Task<List<string>> ContentsAsync(Guid conversation) =>
        factory.WithDbAsync(db => db.Messages.Where(m => m.ChannelId == conversation).OrderBy(m => m.Seq).Select(m => m.Content).ToListAsync());
}
