using System.Net;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Messages;

/// <summary>The "New" line the channel page renders before the first message the viewer has not read.</summary>
public sealed class UnreadMarkerTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task OpenChannel_AfterReadingSome_NewLineStandsBeforeTheFirstUnreadNotTheirOwn()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var read = await scene.SendAsync(api, scene.Owner, "already read");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostJsonAsync($"/api/channels/{scene.ChannelId}/read", new { message_id = read.GetProperty("id").GetString() }, scene.Member.Token)).Status);
        var own = await scene.SendAsync(api, scene.Member, "my own, after");
        var first = await scene.SendAsync(api, scene.Owner, "first unread");
        await scene.SendAsync(api, scene.Owner, "second unread");

        var (response, html) = await scene.Member.Browser.GetHtmlAsync($"/servers/{scene.ServerId:N}/channels/{scene.ChannelId:N}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var marker = html.IndexOf("id=\"unread-marker\"", StringComparison.Ordinal);
        Assert.True(marker > 0, "no marker");
        Assert.Equal(marker, html.LastIndexOf("id=\"unread-marker\"", StringComparison.Ordinal));
        Assert.True(marker > html.IndexOf(Element(own), StringComparison.Ordinal), "the marker precedes their own message");
        var next = html.IndexOf("<article", marker, StringComparison.Ordinal);
        Assert.Equal(next, html.IndexOf(Element(first), StringComparison.Ordinal) - "<article ".Length);
    }

    [Fact]
    public async Task OpenChannel_AllRead_NoNewLine()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        await scene.SendAsync(api, scene.Owner, "one");
        await scene.SendAsync(api, scene.Owner, "two");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostJsonAsync($"/api/channels/{scene.ChannelId}/read", new { }, scene.Member.Token)).Status);

        var (_, html) = await scene.Member.Browser.GetHtmlAsync($"/servers/{scene.ServerId:N}/channels/{scene.ChannelId:N}");

        Assert.Contains("two", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unread-marker\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"new-messages-bar\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"channel-read\"", html, StringComparison.Ordinal);
    }

    private static string Element(System.Text.Json.JsonElement message) => $"id=\"m-{Guid.Parse(message.GetProperty("id").GetString()!):N}\"";
}
