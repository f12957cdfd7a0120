using System.Net;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Messages;

/// <summary>Mentions through the API: the Chat system's test_mentions.py, @everyone, counts and muting.</summary>
public sealed class MentionsApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static JsonElement[] Mentions(JsonElement message) => [.. message.GetProperty("mentions").EnumerateArray()];

    private Task<int> MentionCountAsync(ChannelScene scene, ScenePerson person) =>
        factory.WithDbAsync(db => db.ChannelMemberStates.Where(s => s.ChannelId == scene.ChannelId && s.UserId == person.Id).Select(s => s.MentionCount).FirstOrDefaultAsync());

    [Fact]
    public async Task Send_WithoutMention_EmptyMentions()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        Assert.Empty(Mentions(await scene.SendAsync(api, scene.Owner, "no mention here")));
    }

    [Fact]
    public async Task Send_UserMention_ParsedWithChatFieldsAndCounted()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var m = Assert.Single(Mentions(await scene.SendAsync(api, scene.Owner, $"hello @{scene.Member.Name}")));

        Assert.Equal(scene.Member.Id, m.GetProperty("mentioned_user_id").GetGuid());
        Assert.Equal(scene.Member.Name, m.GetProperty("mentioned_username").GetString());
        Assert.Equal(JsonValueKind.Null, m.GetProperty("mentioned_role_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, m.GetProperty("mentioned_role_name").ValueKind);
        Assert.Equal(1, await MentionCountAsync(scene, scene.Member));
        Assert.Equal(0, await MentionCountAsync(scene, scene.Admin));
    }

    [Fact]
    public async Task Send_NonMemberMention_Ignored()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        Assert.Empty(Mentions(await scene.SendAsync(api, scene.Owner, $"hello @{scene.Outsider.Name}")));
    }

    [Fact]
    public async Task Send_RoleMention_ParsedAndHoldersCounted()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var m = Assert.Single(Mentions(await scene.SendAsync(api, scene.Member, "help @Admin please")));

        Assert.Equal(scene.AdminRoleId, m.GetProperty("mentioned_role_id").GetGuid());
        Assert.Equal("Admin", m.GetProperty("mentioned_role_name").GetString());
        Assert.Equal(JsonValueKind.Null, m.GetProperty("mentioned_user_id").ValueKind);
        Assert.Equal(1, await MentionCountAsync(scene, scene.Admin));
        Assert.Equal(0, await MentionCountAsync(scene, scene.Owner));
    }

    [Fact]
    public async Task Send_UserAndRole_TwoMentions()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);

        var mentions = Mentions(await scene.SendAsync(api, scene.Owner, $"@{scene.Member.Name} and @Admin"));

        Assert.Equal(2, mentions.Length);
        Assert.Equal(scene.Member.Id, Assert.Single(mentions, x => x.GetProperty("mentioned_user_id").ValueKind != JsonValueKind.Null).GetProperty("mentioned_user_id").GetGuid());
        Assert.Single(mentions, x => x.GetProperty("mentioned_role_id").ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task Edit_ReparsesMentions()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var sent = await scene.SendAsync(api, scene.Owner, "nobody yet");
        var path = $"{scene.Messages}/{sent.GetProperty("id").GetString()}";
        Task<ApiResponse> Edit(string content) => api.SendAsync(HttpMethod.Patch, path, scene.Owner.Token, new StringContent(JsonSerializer.Serialize(new { content }), Encoding.UTF8, "application/json"));

        var added = await Edit($"now @{scene.Member.Name}");
        var removed = await Edit("nobody again");

        Assert.Empty(Mentions(sent));
        Assert.Equal(scene.Member.Name, Assert.Single(Mentions(added.Json!.Value)).GetProperty("mentioned_username").GetString());
        Assert.Empty(Mentions(removed.Json!.Value));
        Assert.Equal(1, await MentionCountAsync(scene, scene.Member));
        Assert.False(await factory.WithDbAsync(db => db.MessageMentions.AnyAsync(x => x.MessageId == sent.GetProperty("id").GetGuid())));
    }

    [Fact]
    public async Task Send_Everyone_CountsOnlyWithMentionEveryone_AndNotForMuted()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        await factory.WithDbAsync(async db =>
        {
            db.ChannelMemberStates.Add(new ChannelMemberState { ChannelId = scene.ChannelId, UserId = scene.Admin.Id, Muted = true });
            return await db.SaveChangesAsync();
        });

        var plain = await scene.SendAsync(api, scene.Member, "@everyone look");
        var owner = await scene.SendAsync(api, scene.Owner, "@everyone look");

        Assert.False(plain.GetProperty("mentions_everyone").GetBoolean());
        Assert.True(owner.GetProperty("mentions_everyone").GetBoolean());
        Assert.Equal(1, await MentionCountAsync(scene, scene.Member));
        Assert.Equal(0, await MentionCountAsync(scene, scene.Admin));
        Assert.Equal(0, await MentionCountAsync(scene, scene.Owner));
    }
}
