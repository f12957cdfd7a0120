using System.Net;
using static Meurs.Tests.Web.Profiles.ProfileScene;

namespace Meurs.Tests.Web.Profiles;

/// <summary>A server channel with a message in it, made through the API, for the tests of names shown in channels.</summary>
internal static class ChannelScene
{
    /// <summary>A server of <paramref name="owner"/> that <paramref name="author"/> joined and wrote <paramref name="content"/> in; its id and the channel's.</summary>
    public static async Task<(Guid ServerId, Guid ChannelId)> ServerWithMessageAsync(ProfileScene scene, ProfilePerson owner, ProfilePerson author, string content)
    {
        var server = Expect(await scene.Api.PostJsonAsync("/api/servers/", new { title = "Profiles " + Guid.NewGuid().ToString("N")[..6], description = "" }, owner.Token), HttpStatusCode.Created);
        var serverId = server.GetProperty("id").GetGuid();
        if (author.Id != owner.Id)
        {
            Expect(await scene.Api.PostAsync($"/api/servers/{serverId}/join", "", author.Token), HttpStatusCode.OK);
        }
        var channels = Expect(await scene.Api.GetAsync($"/api/servers/{serverId}/channels", owner.Token), HttpStatusCode.OK);
        var channelId = channels.EnumerateArray().First(c => Str(c, "type") == "text").GetProperty("id").GetGuid();
        Expect(await scene.Api.PostJsonAsync($"/api/channels/{channelId}/messages", new { content }, author.Token), HttpStatusCode.Created);
        return (serverId, channelId);
    }
}
