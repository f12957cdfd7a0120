using System.Net;
using Meurs.Tests.Web.Messages;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.DirectMessages;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.DirectMessages;

/// <summary>Group conversations: made with friends, up to ten people, named, joined, renamed and left.</summary>
public sealed class GroupConversationTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Create_WithFriends_TenAtMost_NamedAndOnlyFriends()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var owner = await scene.PersonAsync("grp");
        var friends = new List<ScenePerson>();
        for (var i = 0; i < 10; i++)
        {
            var f = await scene.PersonAsync("grf");
            await scene.BefriendAsync(owner, f);
            friends.Add(f);
        }
        var stranger = await scene.PersonAsync("grs");

        var tooMany = await CreateAsync(scene, owner, "crew", friends.Select(f => f.Id));
        Assert.Equal("group_full", tooMany.Refusal?.Code);
        Assert.Equal(400, (await CreateAsync(scene, owner, "  ", friends.Take(2).Select(f => f.Id))).Refusal?.Status);
        Assert.Equal(400, (await CreateAsync(scene, owner, new string('n', 101), friends.Take(2).Select(f => f.Id))).Refusal?.Status);
        Assert.Equal(400, (await CreateAsync(scene, owner, "bad\u0001name", friends.Take(2).Select(f => f.Id))).Refusal?.Status);
        Assert.Equal(400, (await CreateAsync(scene, owner, "alone", [])).Refusal?.Status);
        Assert.Equal(403, (await CreateAsync(scene, owner, "crew", [friends[0].Id, stranger.Id])).Refusal?.Status);
        Assert.Equal(404, (await CreateAsync(scene, owner, "crew", [Guid.NewGuid()])).Refusal?.Status);

        var made = await CreateAsync(scene, owner, "crew", friends.Take(9).Select(f => f.Id));
        Assert.Null(made.Refusal);
        Assert.Equal(10, await factory.WithDbAsync(db => db.ConversationMembers.CountAsync(m => m.ChannelId == made.ChannelId)));
        // Everyone in it may write; the message reaches all of them, and its list says "crew".
        var id = made.ChannelId!.Value;
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/channels/{id}/messages", new { content = "hi all" }, friends[3].Token)).Status);
        var list = (await api.GetAsync("/api/dms", friends[8].Token)).Json!.Value;
        Assert.Equal("crew", list[0].GetProperty("name").GetString());
        Assert.Equal("group_dm", list[0].GetProperty("type").GetString());
        Assert.Equal(1, list[0].GetProperty("unread_count").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/channels/{id}/messages", stranger.Token)).Status);
        // The eleventh cannot be added.
        var full = await scene.UseAsync<AddToGroup, ConversationOutcome>(u => u.HandleAsync(owner.Id, id, friends[9].Id, CancellationToken.None));
        Assert.Equal("group_full", full.Refusal?.Code);
    }

    [Fact]
    public async Task AddRenameLeave_OnlyByParticipants_AndNotOnAOneToOne()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (alice, bob) = await scene.FriendsAsync();
        var carol = await scene.PersonAsync();
        var dave = await scene.PersonAsync();
        await scene.BefriendAsync(alice, carol);
        var id = (await CreateAsync(scene, alice, "trio", [bob.Id])).ChannelId!.Value;
        await DmScene.SendAsync(api, alice, bob, "one to one");
        var pair = await scene.ConversationOfAsync(alice, bob);

        Assert.Equal(404, (await scene.UseAsync<AddToGroup, ConversationOutcome>(u => u.HandleAsync(carol.Id, id, carol.Id, CancellationToken.None))).Refusal?.Status);
        Assert.Equal(403, (await scene.UseAsync<AddToGroup, ConversationOutcome>(u => u.HandleAsync(bob.Id, id, carol.Id, CancellationToken.None))).Refusal?.Status);
        Assert.Equal("not_group", (await scene.UseAsync<AddToGroup, ConversationOutcome>(u => u.HandleAsync(alice.Id, pair, carol.Id, CancellationToken.None))).Refusal?.Code);
        Assert.Null((await scene.UseAsync<AddToGroup, ConversationOutcome>(u => u.HandleAsync(alice.Id, id, carol.Id, CancellationToken.None))).Refusal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/channels/{id}/messages", carol.Token)).Status);

        Assert.Equal(404, (await scene.UseAsync<RenameGroup, ConversationOutcome>(u => u.HandleAsync(dave.Id, id, "mine", CancellationToken.None))).Refusal?.Status);
        Assert.Equal(400, (await scene.UseAsync<RenameGroup, ConversationOutcome>(u => u.HandleAsync(bob.Id, id, "", CancellationToken.None))).Refusal?.Status);
        Assert.Equal("not_group", (await scene.UseAsync<RenameGroup, ConversationOutcome>(u => u.HandleAsync(alice.Id, pair, "x", CancellationToken.None))).Refusal?.Code);
        Assert.Null((await scene.UseAsync<RenameGroup, ConversationOutcome>(u => u.HandleAsync(bob.Id, id, "quartet", CancellationToken.None))).Refusal);
        Assert.Equal("quartet", await factory.WithDbAsync(db => db.ServerChannels.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));

        Assert.Equal("not_group", (await scene.UseAsync<LeaveGroup, ConversationOutcome>(u => u.HandleAsync(alice.Id, pair, CancellationToken.None))).Refusal?.Code);
        Assert.Equal(404, (await scene.UseAsync<LeaveGroup, ConversationOutcome>(u => u.HandleAsync(dave.Id, id, CancellationToken.None))).Refusal?.Status);
        Assert.Null((await scene.UseAsync<LeaveGroup, ConversationOutcome>(u => u.HandleAsync(carol.Id, id, CancellationToken.None))).Refusal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/channels/{id}/messages", carol.Token)).Status);
        Assert.Null((await scene.UseAsync<LeaveGroup, ConversationOutcome>(u => u.HandleAsync(alice.Id, id, CancellationToken.None))).Refusal);
        Assert.Null((await scene.UseAsync<LeaveGroup, ConversationOutcome>(u => u.HandleAsync(bob.Id, id, CancellationToken.None))).Refusal);
        // The last one out takes the conversation and its messages with them.
        Assert.False(await factory.WithDbAsync(db => db.ServerChannels.AnyAsync(c => c.Id == id)));
    }

    [Fact]
    public async Task CreateGroupPage_WithPickedFriends_OpensTheGroup()
    {
        using var scene = new DmScene(factory);
        var (alice, bob) = await scene.FriendsAsync();

        var (response, html) = await alice.Browser.PostFormAsync("/dms",
            [new("_handler", "create-group"), new("Group.Name", "page group"), new("member", bob.Id.ToString("N"))], "/dms");

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        Assert.Contains("page group", html, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ConversationMembers.CountAsync(m => m.UserId == bob.Id)));
    }

    private static Task<ConversationOutcome> CreateAsync(DmScene scene, ScenePerson owner, string name, IEnumerable<Guid> members) =>
        scene.UseAsync<CreateGroupConversation, ConversationOutcome>(u => u.HandleAsync(owner.Id, name, [.. members], CancellationToken.None));
}
