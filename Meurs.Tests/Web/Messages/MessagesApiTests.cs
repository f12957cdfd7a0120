using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Messages;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Messages;

/// <summary>The message API (<c>/api/channels/{id}/messages</c>): the Chat system's test_messages.py, bad input and each missing permission.</summary>
public sealed class MessagesApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static string[] Ids(ApiResponse r) => [.. r.Json!.Value.EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];

    [Fact]
    public async Task Send_Member_Returns201WithChatFields()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var r = await api.PostJsonAsync(scene.Messages, new { content = "Hello world" }, scene.Member.Token);

        Assert.Equal(HttpStatusCode.Created, r.Status);
        var data = r.Json!.Value;
        Assert.Equal("Hello world", data.GetProperty("content").GetString());
        Assert.Equal(scene.Member.Name, data.GetProperty("author").GetProperty("username").GetString());
        Assert.Equal(scene.Member.Id, data.GetProperty("author").GetProperty("id").GetGuid());
        Assert.False(data.GetProperty("is_deleted").GetBoolean());
        Assert.Equal(scene.ChannelId, data.GetProperty("channel_id").GetGuid());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("edited_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("reply_to_id").ValueKind);
        Assert.Equal(0, data.GetProperty("attachments").GetArrayLength());
        Assert.Equal(0, data.GetProperty("mentions").GetArrayLength());
        Assert.False(data.GetProperty("pinned").GetBoolean());
        Assert.True(await factory.WithDbAsync(db => db.Messages.AnyAsync(m => m.ChannelId == scene.ChannelId && m.Content == "Hello world" && m.Seq > 0)));
    }

    [Fact]
    public async Task List_ThreeSent_ReturnsThreeOldestFirst()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add((await scene.SendAsync(api, scene.Member, $"m{i}")).GetProperty("id").GetString()!);
        }

        var r = await api.GetAsync(scene.Messages, scene.Owner.Token);

        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(sent, Ids(r));
    }

    [Fact]
    public async Task List_Pagination_Boundaries()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var ids = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            ids.Add((await scene.SendAsync(api, scene.Member, $"p{i}")).GetProperty("id").GetString()!);
        }
        var token = scene.Member.Token;

        Assert.Equal(ids[4..], Ids(await api.GetAsync($"{scene.Messages}?limit=5", token)));
        Assert.Empty(Ids(await api.GetAsync($"{scene.Messages}?before={ids[0]}", token)));
        Assert.Equal(ids[..3], Ids(await api.GetAsync($"{scene.Messages}?before={ids[3]}", token)));
        Assert.Empty(Ids(await api.GetAsync($"{scene.Messages}?after={ids[8]}", token)));
        Assert.Equal(ids[6..8], Ids(await api.GetAsync($"{scene.Messages}?after={ids[5]}&limit=2", token)));
        Assert.Equal(ids[2..7], Ids(await api.GetAsync($"{scene.Messages}?around={ids[4]}&limit=5", token)));
        Assert.Equal(ids[..3], Ids(await api.GetAsync($"{scene.Messages}?around={ids[0]}&limit=3", token)));
        Assert.Equal(ids, Ids(await api.GetAsync($"{scene.Messages}?limit=100", token)));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=abc")]
    [InlineData("limit=-1")]
    [InlineData("before=nope")]
    [InlineData("around=1")]
    [InlineData("before=00000000-0000-0000-0000-000000000001&after=00000000-0000-0000-0000-000000000001")]
    public async Task List_BadQuery_400(string query)
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var r = await api.GetAsync($"{scene.Messages}?{query}", scene.Member.Token);

        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.NotEmpty(r.Detail);
    }

    [Fact]
    public async Task ListAndSend_NonMemberOfOpenServer_403_OfInviteOnly_404_Anonymous_401()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var closed = await ChannelScene.CreateAsync(factory, inviteOnly: true);
        using var api = ApiClient.For(factory);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(scene.Messages, scene.Outsider.Token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostJsonAsync(scene.Messages, new { content = "hi" }, scene.Outsider.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(closed.Messages, closed.Outsider.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/channels/{Guid.NewGuid()}/messages", scene.Member.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(scene.Messages)).Status);
        Assert.False(await factory.WithDbAsync(db => db.Messages.AnyAsync(m => m.ChannelId == scene.ChannelId)));
    }

    [Fact]
    public async Task Send_MissingPermissions_NoView404_NoSend403_NothingStored()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        await scene.SetEveryoneAsync(Permissions.ViewChannel);
        var noSend = await api.PostJsonAsync(scene.Messages, new { content = "hi" }, scene.Member.Token);
        await scene.SetEveryoneAsync(Permissions.None);
        var noView = await api.PostJsonAsync(scene.Messages, new { content = "hi" }, scene.Member.Token);
        var noViewList = await api.GetAsync(scene.Messages, scene.Member.Token);
        var admin = await api.PostJsonAsync(scene.Messages, new { content = "admins still can" }, scene.Admin.Token);

        Assert.Equal(HttpStatusCode.Forbidden, noSend.Status);
        Assert.Equal(HttpStatusCode.NotFound, noView.Status);
        Assert.Equal(HttpStatusCode.NotFound, noViewList.Status);
        Assert.Equal(HttpStatusCode.Created, admin.Status);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Messages.CountAsync(m => m.ChannelId == scene.ChannelId)));
    }

    [Theory]
    [InlineData("{\"content\": 5}")]
    [InlineData("{\"content\": \"\"}")]
    [InlineData("{\"content\": \"   \"}")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("{\"content\": \"x\\ud800\"}")]
    [InlineData("{\"content\": \"hi\", \"reply_to_id\": \"nope\"}")]
    [InlineData("{\"content\": \"hi\", \"reply_to_id\": 7}")]
    public async Task Send_BadInput_400AndNothingStored(string body)
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var r = await api.PostAsync(scene.Messages, body, scene.Member.Token);

        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.NotEmpty(r.Detail);
        Assert.False(await factory.WithDbAsync(db => db.Messages.AnyAsync(m => m.ChannelId == scene.ChannelId)));
    }

    [Fact]
    public async Task Send_TooLong_400_MaximumAccepted()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var tooLong = await api.PostJsonAsync(scene.Messages, new { content = new string('a', Message.MaxContentLength + 1) }, scene.Member.Token);
        var longest = await api.PostJsonAsync(scene.Messages, new { content = new string('a', Message.MaxContentLength) }, scene.Member.Token);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal(HttpStatusCode.Created, longest.Status);
    }

    [Fact]
    public async Task Send_ReplyToMessage_HasReplyToIdAndQuote_OtherChannelsMessage400()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var parent = await scene.SendAsync(api, scene.Owner, "parent message");
        var otherChannel = await scene.AddChannelAsync();
        var elsewhere = await api.PostJsonAsync($"/api/channels/{otherChannel}/messages", new { content = "elsewhere" }, scene.Owner.Token);

        var reply = await api.PostJsonAsync(scene.Messages, new { content = "a reply", reply_to_id = parent.GetProperty("id").GetString() }, scene.Member.Token);
        var wrong = await api.PostJsonAsync(scene.Messages, new { content = "a reply", reply_to_id = elsewhere.Text("id") }, scene.Member.Token);

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal(parent.GetProperty("id").GetString(), reply.Text("reply_to_id"));
        var quote = reply.Json!.Value.GetProperty("reply_to");
        Assert.Equal("parent message", quote.GetProperty("content").GetString());
        Assert.Equal(scene.Owner.Name, quote.GetProperty("author").GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
    }

    [Fact]
    public async Task Send_VoiceChannel_400()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var voice = await scene.AddChannelAsync(ChannelType.Voice, "voice");

        var r = await api.PostJsonAsync($"/api/channels/{voice}/messages", new { content = "hi" }, scene.Member.Token);

        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
    }

    [Fact]
    public async Task Edit_Own_200MarkedEdited_Others403_Unknown404()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var mine = (await scene.SendAsync(api, scene.Member, "original")).GetProperty("id").GetString();
        var patch = (string token, object body, string? id = null) =>
            api.SendAsync(HttpMethod.Patch, $"{scene.Messages}/{id ?? mine}", token, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

        var edited = await patch(scene.Member.Token, new { content = "edited" });
        var someoneElse = await patch(scene.Admin.Token, new { content = "hijacked" });
        var unknown = await patch(scene.Member.Token, new { content = "x" }, Guid.NewGuid().ToString());
        var empty = await patch(scene.Member.Token, new { content = "" });

        Assert.Equal(HttpStatusCode.OK, edited.Status);
        Assert.Equal("edited", edited.Text("content"));
        Assert.NotEqual(JsonValueKind.Null, edited.Json!.Value.GetProperty("edited_at").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, someoneElse.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("edited", await factory.WithDbAsync(db => db.Messages.Where(m => m.Id == Guid.Parse(mine!)).Select(m => m.Content).SingleAsync()));
    }

    [Fact]
    public async Task Delete_Own204GoneFromList_OthersWithoutManageMessages403_Admin204()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var mine = (await scene.SendAsync(api, scene.Member, "mine")).GetProperty("id").GetString();
        var owners = (await scene.SendAsync(api, scene.Owner, "owner's")).GetProperty("id").GetString();
        var third = (await scene.SendAsync(api, scene.Owner, "third")).GetProperty("id").GetString();

        var own = await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{mine}", scene.Member.Token, null);
        var others = await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{owners}", scene.Member.Token, null);
        var admin = await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{owners}", scene.Admin.Token, null);
        var again = await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{owners}", scene.Admin.Token, null);
        var list = await api.GetAsync(scene.Messages, scene.Member.Token);

        Assert.Equal(HttpStatusCode.NoContent, own.Status);
        Assert.Equal(HttpStatusCode.Forbidden, others.Status);
        Assert.Equal(HttpStatusCode.NoContent, admin.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal([third!], Ids(list));
    }

    [Fact]
    public async Task Delete_WithManageMessagesRole_DeletesOthers()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        await scene.AddRoleAsync("Moderators", Permissions.ManageMessages, scene.Member);
        var owners = (await scene.SendAsync(api, scene.Owner, "owner's")).GetProperty("id").GetString();

        var r = await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{owners}", scene.Member.Token, null);

        Assert.Equal(HttpStatusCode.NoContent, r.Status);
    }

    [Fact]
    public async Task Reactions_AddRemoveIdempotentAndSeveralUsers()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var id = (await scene.SendAsync(api, scene.Owner, "react to me")).GetProperty("id").GetString();
        var path = $"{scene.Messages}/{id}/reactions/{Uri.EscapeDataString("👍")}";

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Post, path, scene.Member.Token, null)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Post, path, scene.Member.Token, null)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Post, path, scene.Admin.Token, null)).Status);
        var both = (await api.GetAsync(scene.Messages, scene.Member.Token)).Json!.Value[0].GetProperty("reactions");
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, path, scene.Member.Token, null)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, path, scene.Member.Token, null)).Status);
        var one = (await api.GetAsync(scene.Messages, scene.Member.Token)).Json!.Value[0].GetProperty("reactions");

        var group = Assert.Single(both.EnumerateArray());
        Assert.Equal("👍", group.GetProperty("emoji").GetString());
        Assert.Equal(2, group.GetProperty("count").GetInt32());
        Assert.Equal([scene.Member.Name, scene.Admin.Name], group.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("username").GetString()));
        Assert.Equal(1, Assert.Single(one.EnumerateArray()).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("%F0%9F%91%8D%F0%9F%91%8D")]
    [InlineData("%3Cb%3E")]
    public async Task Reactions_NotOneEmoji_400(string emoji)
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var id = (await scene.SendAsync(api, scene.Owner, "react to me")).GetProperty("id").GetString();

        var r = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{id}/reactions/{emoji}", scene.Member.Token, null);

        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.False(await factory.WithDbAsync(db => db.MessageReactions.AnyAsync()));
    }

    [Fact]
    public async Task Reactions_WithoutAddReactions_403()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var id = (await scene.SendAsync(api, scene.Owner, "react to me")).GetProperty("id").GetString();
        await scene.SetEveryoneAsync(Permissions.EveryoneDefault & ~Permissions.AddReactions);

        var r = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{id}/reactions/{Uri.EscapeDataString("🎉")}", scene.Member.Token, null);

        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
    }

    [Fact]
    public async Task Pin_ManageMessages200_Member403_Unpin204()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var id = (await scene.SendAsync(api, scene.Member, "pin me")).GetProperty("id").GetString();

        var member = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{id}/pin", scene.Member.Token, null);
        var admin = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{id}/pin", scene.Admin.Token, null);
        var unpin = await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{id}/pin", scene.Owner.Token, null);

        Assert.Equal(HttpStatusCode.Forbidden, member.Status);
        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.True(admin.Json!.Value.GetProperty("pinned").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, unpin.Status);
        Assert.Null(await factory.WithDbAsync(db => db.Messages.Where(m => m.Id == Guid.Parse(id!)).Select(m => m.PinnedAt).SingleAsync()));
    }

    [Fact]
    public async Task Read_SetsLastReadAndResetsMentionCount_BadId400()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        await scene.SendAsync(api, scene.Owner, $"hey @{scene.Member.Name}");
        var last = await scene.SendAsync(api, scene.Owner, $"again @{scene.Member.Name}");
        var before = await factory.WithDbAsync(db => db.ChannelMemberStates.SingleAsync(s => s.ChannelId == scene.ChannelId && s.UserId == scene.Member.Id));

        var read = await api.PostAsync($"/api/channels/{scene.ChannelId}/read", "", scene.Member.Token);
        var bad = await api.PostJsonAsync($"/api/channels/{scene.ChannelId}/read", new { message_id = Guid.NewGuid() }, scene.Member.Token);

        Assert.Equal(2, before.MentionCount);
        Assert.Equal(HttpStatusCode.NoContent, read.Status);
        var after = await factory.WithDbAsync(db => db.ChannelMemberStates.AsNoTracking().SingleAsync(s => s.ChannelId == scene.ChannelId && s.UserId == scene.Member.Id));
        Assert.Equal(0, after.MentionCount);
        Assert.Equal(last.GetProperty("id").GetGuid(), after.LastReadMessageId);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task Typing_Member204_WithoutSendMessages403()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var ok = await api.PostAsync($"/api/channels/{scene.ChannelId}/typing", "", scene.Member.Token);
        await scene.SetEveryoneAsync(Permissions.ViewChannel);
        var refused = await api.PostAsync($"/api/channels/{scene.ChannelId}/typing", "", scene.Member.Token);

        Assert.Equal(HttpStatusCode.NoContent, ok.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
    }

    [Fact]
    public async Task Send_TrailingSlash_Accepted()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync(scene.Messages + "/", new { content = "slash" }, scene.Member.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(scene.Messages + "/", scene.Member.Token)).Status);
    }
}
