using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Messages;

namespace Meurs.Tests.Web.Messages;

/// <summary>Message links: /servers/{id}/channels/{cid}?message={id} opens the history around that message.</summary>
public sealed class MessageLinkTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task LinkToAnOldMessage_PageShowsItAndItsNeighbours_NotTheNewest()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        var ids = await SeedAsync(scene, 80);
        var page = $"/servers/{scene.ServerId:N}/channels/{scene.ChannelId:N}";

        var (response, html) = await scene.Member.Browser.GetHtmlAsync($"{page}?message={ids[4]:N}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"m-{ids[4]:N}\"", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"m-{ids[0]:N}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"m-{ids[^1]:N}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-linked=\"{ids[4]:N}\"", html, StringComparison.Ordinal);
        // The socket resumes after the newest message rather than replacing the history with the newest page.
        Assert.Contains($"/ws/channels/{scene.ChannelId:N}?after=80\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-copy-message=\"{ids[4]:N}\"", html, StringComparison.Ordinal);

        var (_, newest) = await scene.Member.Browser.GetHtmlAsync(page);
        Assert.DoesNotContain($"id=\"m-{ids[4]:N}\"", newest, StringComparison.Ordinal);
        Assert.Contains($"id=\"m-{ids[^1]:N}\"", newest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkToAMessageOfAnotherChannel_IsIgnored_NewestShown()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var other = await scene.AddChannelAsync();
        var elsewhere = await api.PostJsonAsync($"/api/channels/{other}/messages", new { content = "elsewhere" }, scene.Owner.Token);
        var here = await scene.SendAsync(api, scene.Owner, "here");

        var (response, html) = await scene.Member.Browser.GetHtmlAsync($"/servers/{scene.ServerId:N}/channels/{scene.ChannelId:N}?message={elsewhere.Json!.Value.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"m-{Guid.Parse(here.GetProperty("id").GetString()!):N}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-linked=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageSocket_ResumingAfterASeq_GetsTheMissedMessagesAppended()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var first = await scene.SendAsync(api, scene.Owner, "before");
        await scene.SendAsync(api, scene.Owner, "missed one");

        await using var socket = await scene.Member.Browser.ConnectAsync($"/ws/channels/{scene.ChannelId:N}?after={first.GetProperty("seq").GetInt64()}");

        var frame = (await socket.ReceiveUntilTextAsync("missed one"))[^1];
        Assert.Equal("#channel-messages", frame.Target);
        Assert.Equal("beforeend", frame.Swap);
        Assert.DoesNotContain("before<", frame.Content, StringComparison.Ordinal);
    }

    /// <summary><paramref name="count"/> messages by the owner, stored directly with time-ordered ids one second apart; their ids, oldest first.</summary>
    private async Task<List<Guid>> SeedAsync(ChannelScene scene, int count)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var messages = Enumerable.Range(0, count).Select(i => new Message
        {
            Id = Guid.CreateVersion7(start.AddSeconds(i)), ChannelId = scene.ChannelId, Seq = i + 1, AuthorId = scene.Owner.Id,
            AuthorName = scene.Owner.Name, Content = $"seeded {i}", CreatedAt = start.AddSeconds(i).UtcDateTime,
        }).ToList();
        await factory.WithDbAsync(async db =>
        {
            db.Messages.AddRange(messages);
            return await db.SaveChangesAsync();
        });
        return [.. messages.Select(m => m.Id)];
    }
}
