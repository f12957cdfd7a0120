using System.Net;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Messages;

/// <summary>The channel header's Pinned list: GET /channels/{id}/pins.</summary>
public sealed class PinnedListTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Pins_ListsOnlyThePinnedMessages_EachLinkingToTheMessage()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var pinned = await scene.SendAsync(api, scene.Owner, "pin me please");
        await scene.SendAsync(api, scene.Owner, "leave me be");
        var id = Guid.Parse(pinned.GetProperty("id").GetString()!);
        var pin = await api.PostJsonAsync($"/api/channels/{scene.ChannelId}/messages/{id}/pin", new { }, scene.Owner.Token);
        Assert.True(pin.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"pin answered {(int)pin.Status}");

        var (response, html) = await scene.Member.Browser.GetHtmlAsync($"/channels/{scene.ChannelId:N}/pins");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("pin me please", html, StringComparison.Ordinal);
        Assert.DoesNotContain("leave me be", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/servers/{scene.ServerId:N}/channels/{scene.ChannelId:N}?message={id:N}\"", html, StringComparison.Ordinal);

        var (_, page) = await scene.Member.Browser.GetHtmlAsync($"/servers/{scene.ServerId:N}/channels/{scene.ChannelId:N}");
        Assert.Contains($"hx-get=\"/channels/{scene.ChannelId:N}/pins\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pins_NoneYet_SaysSo_OutsiderOfAnOpenServer403()
    {
        using var scene = await ChannelScene.CreateAsync(factory);

        var (ok, html) = await scene.Member.Browser.GetHtmlAsync($"/channels/{scene.ChannelId:N}/pins");
        var (refused, _) = await scene.Outsider.Browser.GetHtmlAsync($"/channels/{scene.ChannelId:N}/pins");
        var (missing, _) = await scene.Member.Browser.GetHtmlAsync($"/channels/{Guid.NewGuid():N}/pins");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("No pinned messages", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
