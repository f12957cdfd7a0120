using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Messages;

/// <summary>Live unread state on the person's own /ws/me socket: the dot, the mention badges, mute, and reading.</summary>
public sealed class UnreadTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task MessageByAnother_MemberGetsTheUnreadDot_AuthorGetsNothing()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        await using var member = await MeAsync(scene.Member);
        await using var owner = await MeAsync(scene.Owner);

        await scene.SendAsync(api, scene.Owner, "hello");
        await scene.SendAsync(api, scene.Member, $"hi @{scene.Owner.Name}");

        var patch = (await member.ReceiveUntilAsync(f => f.Content.Contains(Unread(scene.ChannelId), StringComparison.Ordinal)))[^1];
        Assert.Equal("body", patch.Target);
        Assert.Contains("unread-dot", patch.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("mention-badge", patch.Content, StringComparison.Ordinal);
        // The owner's first frame about the channel is the member's message (it mentions them): their own was not unread for them.
        var first = (await owner.ReceiveUntilAsync(f => f.Content.Contains(Unread(scene.ChannelId), StringComparison.Ordinal)))[^1];
        Assert.Contains("mention-badge", first.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MutedChannel_NothingArrives_WhileAnotherChannelStillDoes()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var other = await scene.AddChannelAsync();
        await factory.WithDbAsync(async db =>
        {
            db.ChannelMemberStates.Add(new ChannelMemberState { ChannelId = scene.ChannelId, UserId = scene.Member.Id, Muted = true });
            return await db.SaveChangesAsync();
        });
        await using var member = await MeAsync(scene.Member);

        await scene.SendAsync(api, scene.Owner, $"@{scene.Member.Name} in the muted one");
        var response = await api.PostJsonAsync($"/api/channels/{other}/messages", new { content = "in the other" }, scene.Owner.Token);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.Status);

        // Events on one person's channel arrive in order: when the second channel's arrives, the first's would have.
        var frames = await member.ReceiveUntilAsync(f => f.Content.Contains(Unread(other), StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.Content.Contains(Unread(scene.ChannelId), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mentions_DirectRoleAndEveryone_CountOnTheChannelAndTheServer()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var role = await scene.AddRoleAsync("crew", Permissions.None, scene.Member);
        await using var member = await MeAsync(scene.Member);

        await scene.SendAsync(api, scene.Owner, $"hey @{scene.Member.Name}");
        await scene.SendAsync(api, scene.Owner, "hey @crew");
        await scene.SendAsync(api, scene.Owner, "hey @everyone");

        var frames = await member.ReceiveUntilAsync(f => f.Content.Contains(">3<", StringComparison.Ordinal));
        var last = frames[^1].Content;
        Assert.Contains(Unread(scene.ChannelId), last, StringComparison.Ordinal);
        Assert.Contains($"server-mentions-{scene.ServerId:N}", last, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(last, "mention-badge")); // the channel's 3, the server's 3 and the navigation's 3
        Assert.Contains(frames, f => f.Content.Contains(">1<", StringComparison.Ordinal));
        Assert.Contains(frames, f => f.Content.Contains(">2<", StringComparison.Ordinal));
        Assert.NotEqual(Guid.Empty, role);

        // The first page of /communities shows the server's count.
        var page = (await scene.Member.Browser.GetHtmlAsync("/communities")).Html;
        Assert.Matches($"server-mentions-{scene.ServerId:N}[^>]*>\\s*<span class=\"mention-badge\"[^>]*>3<", page);
    }

    [Fact]
    public async Task Mentions_InAChannelTheyCannotSee_CountNothingForThem()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        // The channel is the admins' only: @everyone is denied seeing it.
        await factory.WithDbAsync(async db =>
        {
            db.ChannelOverrides.Add(new ChannelOverride { ChannelId = scene.ChannelId, RoleId = scene.EveryoneRoleId, Deny = Permissions.ViewChannel });
            return await db.SaveChangesAsync();
        });
        var role = await scene.AddRoleAsync("crew", Permissions.None, scene.Member, scene.Admin);

        await scene.SendAsync(api, scene.Owner, $"hey @{scene.Member.Name} and @{scene.Admin.Name}");
        await scene.SendAsync(api, scene.Owner, "hey @crew");
        await scene.SendAsync(api, scene.Owner, "hey @everyone");

        // The admin, who can read it, counts all three; the member, who cannot, none, and /communities shows them none.
        var counts = await factory.WithDbAsync(db => db.ChannelMemberStates.Where(s => s.ChannelId == scene.ChannelId)
            .ToDictionaryAsync(s => s.UserId, s => s.MentionCount));
        Assert.Equal(3, counts[scene.Admin.Id]);
        Assert.Equal(0, counts.GetValueOrDefault(scene.Member.Id));
        var page = (await scene.Member.Browser.GetHtmlAsync("/communities")).Html;
        Assert.DoesNotContain("mention-badge", page, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, role);
    }

    [Fact]
    public async Task MarkRead_ClearsTheDotAndTheCounts_InTheirOtherTabs()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        await scene.SendAsync(api, scene.Owner, $"hey @{scene.Member.Name}");
        await using var member = await MeAsync(scene.Member);

        var response = await api.PostJsonAsync($"/api/channels/{scene.ChannelId}/read", new { }, scene.Member.Token);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.Status);

        var patch = (await member.ReceiveUntilAsync(f => f.Content.Contains(Unread(scene.ChannelId), StringComparison.Ordinal)))[^1].Content;
        Assert.DoesNotContain("unread-dot", patch, StringComparison.Ordinal);
        Assert.DoesNotContain("mention-badge", patch, StringComparison.Ordinal);
        Assert.Contains($"server-mentions-{scene.ServerId:N}", patch, StringComparison.Ordinal);
        var count = await factory.WithDbAsync(db => db.ChannelMemberStates.Where(s => s.UserId == scene.Member.Id).SumAsync(s => s.MentionCount));
        Assert.Equal(0, count);
        var sidebar = (await scene.Member.Browser.GetHtmlAsync($"/servers/{scene.ServerId:N}/sidebar")).Html;
        Assert.Contains(Unread(scene.ChannelId), sidebar, StringComparison.Ordinal);
        Assert.DoesNotContain("unread-dot", sidebar, StringComparison.Ordinal);
    }

    private static string Unread(Guid channelId) => $"unread-{channelId:N}";

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>The person's /ws/me socket, once it is subscribed (so nothing published after this is missed).</summary>
    private async Task<TestSocket> MeAsync(ScenePerson person)
    {
        var socket = await person.Browser.ConnectAsync("/ws/me");
        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        var deadline = DateTime.UtcNow + TestSocket.Patience;
        while (hub.SubscriberCount(ChannelId.User(person.Id)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "/ws/me never subscribed");
            await Task.Delay(10);
        }
        return socket;
    }
}
