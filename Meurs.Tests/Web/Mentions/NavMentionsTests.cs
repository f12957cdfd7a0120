using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Messages;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Mentions;

/// <summary>
/// The navigation's count of unread mentions beside "Communities": the total over every server the person is in, over
/// the channels they can see and have not muted, rendered with the page and kept live on <c>/ws/me</c> (and carried to
/// programs on <c>/api/ws/me</c>).
/// </summary>
public sealed class NavMentionsTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Layout_CountsEveryServer_ButNotMutedHiddenOrLeftChannels_AndKeepsTheCountWhileDoNotDisturb()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var muted = await scene.AddChannelAsync(name: "muted");
        var hidden = await scene.AddChannelAsync(name: "hidden");
        var second = await ServerAsync(scene.Owner, scene.Member);
        var left = await ServerAsync(scene.Owner, scene.Member);

        // Counted: a direct mention and @everyone in the scene's server, one in the second server.
        await scene.SendAsync(api, scene.Owner, $"hey @{scene.Member.Name}");
        await scene.SendAsync(api, scene.Owner, "hey @everyone");
        await SendAsync(api, scene.Owner, second.ChannelId, $"there @{scene.Member.Name}");
        // Not counted: a channel muted since, one hidden from them since, and a server they left since.
        await SendAsync(api, scene.Owner, muted, $"muted @{scene.Member.Name}");
        await SendAsync(api, scene.Owner, hidden, $"hidden @{scene.Member.Name}");
        await SendAsync(api, scene.Owner, left.ChannelId, $"left @{scene.Member.Name}");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/servers/{scene.ServerId}/channels/{muted}/mute", "", scene.Member.Token)).Status);
        await factory.WithDbAsync(async db =>
        {
            db.ChannelOverrides.Add(new ChannelOverride { ChannelId = hidden, RoleId = scene.EveryoneRoleId, Deny = Permissions.ViewChannel });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/servers/{left.ServerId}/members/{scene.Member.Id}", scene.Member.Token, null)).Status);
        // The rows are still there: the total leaves them out by reading who may see what now.
        var stored = await factory.WithDbAsync(db => db.ChannelMemberStates.Where(s => s.UserId == scene.Member.Id).SumAsync(s => s.MentionCount));
        Assert.Equal(6, stored);

        var home = (await scene.Member.Browser.GetHtmlAsync("/")).Html;
        Assert.Matches(Badge(3, "unread mentions"), home);
        // /communities agrees per server: 2 in the scene's (not the hidden channel's), 1 in the second.
        var communities = (await scene.Member.Browser.GetHtmlAsync("/communities")).Html;
        Assert.Matches(Badge(3, "unread mentions"), communities);
        Assert.Matches($"server-mentions-{scene.ServerId:N}[^>]*>\\s*<span class=\"mention-badge\"[^>]*>2<", communities);
        Assert.Matches($"server-mentions-{second.ServerId:N}[^>]*>\\s*<span class=\"mention-badge\"[^>]*>1<", communities);

        // Do not disturb quiets notifications, not the counts.
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == scene.Member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, PresenceStatus.DoNotDisturb)));
        Assert.Matches(Badge(3, "unread mentions"), (await scene.Member.Browser.GetHtmlAsync("/")).Html);

        // One mention reads in the singular; someone with none gets the empty badge; someone signed out none at all.
        await SendAsync(api, scene.Owner, second.ChannelId, $"hi @{scene.Admin.Name}");
        Assert.Matches(Badge(1, "unread mention"), (await scene.Admin.Browser.GetHtmlAsync("/")).Html);
        Assert.Matches(Empty, (await scene.Outsider.Browser.GetHtmlAsync("/")).Html);
        using var anonymous = factory.NewBrowser();
        Assert.DoesNotContain("mentions-badge", (await anonymous.GetHtmlAsync("/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MentionArriving_AndReading_PushTheTotal_ToPagesAndPrograms()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var second = await ServerAsync(scene.Owner, scene.Member);
        await SendAsync(api, scene.Owner, second.ChannelId, $"there @{scene.Member.Name}");
        await using var page = await scene.Member.Browser.ConnectAsync("/ws/me");
        await using var program = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", scene.Member.Name, scene.Member.Token);
        await SubscribedAsync(scene.Member, 2);

        await scene.SendAsync(api, scene.Owner, $"hey @{scene.Member.Name}");
        var arrived = (await page.ReceiveUntilAsync(f => f.Content.Contains("mentions-badge", StringComparison.Ordinal)))[^1].Content;
        Assert.Matches(Badge(2, "unread mentions"), arrived);
        var unread = await UnreadAsync(program);
        Assert.Equal(1, unread.GetProperty("mention_count").GetInt32());
        Assert.Equal(1, unread.GetProperty("server_mention_count").GetInt32());
        Assert.Equal(2, unread.GetProperty("total_mention_count").GetInt32());

        // @everyone counts as the channel's count does.
        await scene.SendAsync(api, scene.Owner, "hey @everyone");
        Assert.Matches(Badge(3, "unread mentions"), (await page.ReceiveUntilAsync(f => f.Content.Contains("mentions-badge", StringComparison.Ordinal)))[^1].Content);
        Assert.Equal(3, (await UnreadAsync(program)).GetProperty("total_mention_count").GetInt32());

        // Reading the channel brings it down to the second server's one, in every tab.
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostJsonAsync($"/api/channels/{scene.ChannelId}/read", new { }, scene.Member.Token)).Status);
        Assert.Matches(Badge(1, "unread mention"), (await page.ReceiveUntilAsync(f => f.Content.Contains("mentions-badge", StringComparison.Ordinal)))[^1].Content);
        var read = await UnreadAsync(program);
        Assert.False(read.GetProperty("unread").GetBoolean());
        Assert.Equal(0, read.GetProperty("server_mention_count").GetInt32());
        Assert.Equal(1, read.GetProperty("total_mention_count").GetInt32());
    }

    [Fact]
    public async Task MutingUnmutingAndLeaving_PushTheTotal_ToPagesAndPrograms()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var second = await ServerAsync(scene.Owner, scene.Member);
        await scene.SendAsync(api, scene.Owner, $"hey @{scene.Member.Name}");
        await SendAsync(api, scene.Owner, second.ChannelId, $"there @{scene.Member.Name}");
        await using var page = await scene.Member.Browser.ConnectAsync("/ws/me");
        await using var program = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", scene.Member.Name, scene.Member.Token);
        await SubscribedAsync(scene.Member, 2);
        var mute = $"/api/servers/{scene.ServerId}/channels/{scene.ChannelId}/mute";

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync(mute, "", scene.Member.Token)).Status);
        Assert.Matches(Badge(1, "unread mention"), await BadgeFrameAsync(page));
        Assert.Equal(1, await TotalAsync(program));

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, mute, scene.Member.Token, null)).Status);
        Assert.Matches(Badge(2, "unread mentions"), await BadgeFrameAsync(page));
        Assert.Equal(2, await TotalAsync(program));

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/servers/{second.ServerId}/members/{scene.Member.Id}", scene.Member.Token, null)).Status);
        Assert.Matches(Badge(1, "unread mention"), await BadgeFrameAsync(page));
        Assert.Equal(1, await TotalAsync(program));

        // Kicked from the scene's server: nothing is left.
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/servers/{scene.ServerId}/members/{scene.Member.Id}", scene.Owner.Token, null)).Status);
        Assert.Matches(Empty, await BadgeFrameAsync(page));
        Assert.Equal(0, await TotalAsync(program));
        Assert.Matches(Empty, (await scene.Member.Browser.GetHtmlAsync("/")).Html);
    }

    [Fact]
    public async Task Banned_TheServersMentionsLeaveTheTotalLive()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        await scene.SendAsync(api, scene.Owner, $"hey @{scene.Member.Name}");
        await using var page = await scene.Member.Browser.ConnectAsync("/ws/me");
        await SubscribedAsync(scene.Member, 1);
        Assert.Matches(Badge(1, "unread mention"), (await scene.Member.Browser.GetHtmlAsync("/")).Html);

        var ban = await api.PostJsonAsync($"/api/servers/{scene.ServerId}/bans/{scene.Member.Id}", new { reason = "spam" }, scene.Owner.Token);
        Assert.True(ban.Status is HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.Created, $"banning answered {(int)ban.Status}: {ban.Detail}");
        Assert.Matches(Empty, await BadgeFrameAsync(page));
    }

    private const string Empty = "id=\"mentions-badge\"[^>]*></span>";

    private static string Badge(int count, string label) =>
        $"id=\"mentions-badge\"[^>]*><span class=\"mention-badge\">{count}<span class=\"visually-hidden\"> {label}</span></span></span>";

    private static async Task<string> BadgeFrameAsync(TestSocket page) =>
        (await page.ReceiveUntilAsync(f => f.Content.Contains("mentions-badge", StringComparison.Ordinal)))[^1].Content;

    private static async Task<JsonElement> UnreadAsync(JsonRoomSocket program) =>
        (await program.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "channel.unread"))[^1].GetProperty("data");

    private static async Task<int> TotalAsync(JsonRoomSocket program) =>
        (await program.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "mentions.total"))[^1].GetProperty("data").GetProperty("total_mention_count").GetInt32();

    private static async Task SendAsync(ApiClient api, ScenePerson author, Guid channelId, string content)
    {
        var response = await api.PostJsonAsync($"/api/channels/{channelId}/messages", new { content }, author.Token);
        Assert.True(response.Status == HttpStatusCode.Created, $"sending answered {(int)response.Status}: {response.Detail}");
    }

    /// <summary>Another server of <paramref name="owner"/>'s, made in the database as <see cref="ChannelScene"/> does, with one text channel and <paramref name="members"/>.</summary>
    private async Task<(Guid ServerId, Guid ChannelId)> ServerAsync(ScenePerson owner, params ScenePerson[] members)
    {
        var server = new Server { Name = "Other", OwnerId = owner.Id };
        var everyone = new ServerRole { ServerId = server.Id, Name = ServerRole.EveryoneName, Position = 0, Permissions = Permissions.EveryoneDefault, IsEveryone = true };
        var channel = new ServerChannel { ServerId = server.Id, Name = "general", Type = ChannelType.Text };
        await factory.WithDbAsync(async db =>
        {
            db.Servers.Add(server);
            db.ServerRoles.Add(everyone);
            db.ServerChannels.Add(channel);
            db.ServerMembers.AddRange(members.Prepend(owner).Select(p => new ServerMember { ServerId = server.Id, UserId = p.Id }));
            return await db.SaveChangesAsync();
        });
        return (server.Id, channel.Id);
    }

    /// <summary>Waits until <paramref name="count"/> connections of <paramref name="person"/> listen on their own channel, so nothing published after is missed.</summary>
    private async Task SubscribedAsync(ScenePerson person, int count)
    {
        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        var deadline = DateTime.UtcNow + TestSocket.Patience;
        while (hub.SubscriberCount(ChannelId.User(person.Id)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "/ws/me never subscribed");
            await Task.Delay(10);
        }
    }
}
