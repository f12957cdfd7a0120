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
    public async Task LinkToAnOldMessage_EndsWithASentinel_ThatLoadsThePagesAfterIt_UpToTheNewest()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        var ids = await SeedAsync(scene, 120);
        var channel = $"/servers/{scene.ServerId:N}/channels/{scene.ChannelId:N}";
        string Newer(Guid after) => $"class=\"load-newer\" hx-get=\"/channels/{scene.ChannelId:N}/messages?after={after:N}\"";

        // Opened at the 5th message: the first 50, then the sentinel for what follows (live messages come after it).
        var (_, linked) = await scene.Member.Browser.GetHtmlAsync($"{channel}?message={ids[4]:N}");
        Assert.Contains(Newer(ids[49]), linked, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"m-{ids[50]:N}\"", linked, StringComparison.Ordinal);

        // Each page after a message: the messages, then the next sentinel while more remain; never an older-page one.
        var (response, next) = await scene.Member.Browser.GetHtmlAsync($"/channels/{scene.ChannelId:N}/messages?after={ids[49]:N}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"m-{ids[50]:N}\"", next, StringComparison.Ordinal);
        Assert.Contains($"id=\"m-{ids[99]:N}\"", next, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"m-{ids[49]:N}\"", next, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"m-{ids[100]:N}\"", next, StringComparison.Ordinal);
        Assert.Contains(Newer(ids[99]), next, StringComparison.Ordinal);
        Assert.True(next.IndexOf(Newer(ids[99]), StringComparison.Ordinal) > next.IndexOf($"id=\"m-{ids[99]:N}\"", StringComparison.Ordinal));
        Assert.DoesNotContain("load-older", next, StringComparison.Ordinal);

        var (_, last) = await scene.Member.Browser.GetHtmlAsync($"/channels/{scene.ChannelId:N}/messages?after={ids[99]:N}");
        Assert.Contains($"id=\"m-{ids[119]:N}\"", last, StringComparison.Ordinal);
        Assert.DoesNotContain("load-newer", last, StringComparison.Ordinal);
        Assert.DoesNotContain("load-older", last, StringComparison.Ordinal);

        // The newest page, and an older page, have nothing newer to load.
        var (_, newest) = await scene.Member.Browser.GetHtmlAsync(channel);
        Assert.DoesNotContain("load-newer", newest, StringComparison.Ordinal);
        var (_, older) = await scene.Member.Browser.GetHtmlAsync($"/channels/{scene.ChannelId:N}/messages?before={ids[70]:N}");
        Assert.Contains("load-older", older, StringComparison.Ordinal);
        Assert.DoesNotContain("load-newer", older, StringComparison.Ordinal);
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
