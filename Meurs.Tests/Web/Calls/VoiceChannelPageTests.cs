using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;

namespace Meurs.Tests.Web.Calls;

/// <summary>A voice channel's page offers joining its call only to who may connect, and says why to the others.</summary>
public sealed class VoiceChannelPageTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task WithoutConnect_TheJoinButtonIsDisabledWithTheReason_WithItJoinIsOffered()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var may = await scene.MemberAsync("may");
        var mayNot = await scene.MemberAsync("nay");
        await scene.DenyAsync(mayNot, scene.VoiceChannelId, Permissions.Connect);
        var path = $"/servers/{scene.ServerId:N}/channels/{scene.VoiceChannelId:N}";

        var refused = (await mayNot.Browser.GetHtmlAsync(path)).Html;
        Assert.Matches("<button type=\"button\" id=\"call-join\" disabled", refused);
        Assert.Contains("You do not have permission to connect to this voice channel.", refused, StringComparison.Ordinal);

        var allowed = (await may.Browser.GetHtmlAsync(path)).Html;
        Assert.Contains("<button type=\"button\" id=\"call-join\">Join the call</button>", allowed, StringComparison.Ordinal);
        Assert.DoesNotContain("permission to connect", allowed, StringComparison.Ordinal);
    }
}
