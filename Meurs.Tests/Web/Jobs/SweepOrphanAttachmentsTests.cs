using System.Net;
using System.Net.Http.Headers;
using Meurs.Tests.Web.Messages;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Messages;

namespace Meurs.Tests.Web.Jobs;

/// <summary>
/// <see cref="SweepOrphanAttachments"/>: deleting a channel deletes its messages' rows with it; the job then deletes
/// their files, and keeps every file a message still holds, a recent one and other features' files.
/// </summary>
public sealed class SweepOrphanAttachmentsTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task Run_AfterAChannelWasDeleted_DeletesItsFiles_KeepsHeldRecentAndOtherFeaturesFiles()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var kept = await AttachAsync(api, scene, scene.ChannelId);
        var doomedChannel = await scene.AddChannelAsync(name: "doomed");
        var doomed = await AttachAsync(api, scene, doomedChannel);
        var uploads = Path.Combine(factory.DataPath, "uploads");
        var old = DateTime.UtcNow - TimeSpan.FromHours(2);
        File.SetLastWriteTimeUtc(Path.Combine(uploads, kept), old);
        File.SetLastWriteTimeUtc(Path.Combine(uploads, doomed), old);
        var recentOrphan = Seed(uploads, "m-" + Guid.NewGuid().ToString("N"), DateTime.UtcNow - TimeSpan.FromMinutes(5));
        var oldStaged = Seed(uploads, "staged-" + Guid.NewGuid().ToString("N") + ".part", old);
        var roomsFile = Seed(uploads, Guid.NewGuid().ToString("N"), old);

        var deleted = await api.SendAsync(HttpMethod.Delete, $"/api/servers/{scene.ServerId}/channels/{doomedChannel}", scene.Owner.Token, null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.True(File.Exists(Path.Combine(uploads, doomed))); // the database forgot it; the disk has not yet

        var run = await HangfireJobs.TriggerAsync(factory, nameof(SweepOrphanAttachments));

        Assert.Equal(("Succeeded", 2), (run.State, run.Affected));
        Assert.False(File.Exists(Path.Combine(uploads, doomed)));
        Assert.False(File.Exists(Path.Combine(uploads, oldStaged)));
        Assert.True(File.Exists(Path.Combine(uploads, kept)));
        Assert.True(File.Exists(Path.Combine(uploads, recentOrphan)));
        Assert.True(File.Exists(Path.Combine(uploads, roomsFile)));
        // The kept message's picture still downloads.
        var download = await scene.Owner.Browser.GetAsync($"/channels/{scene.ChannelId}/attachments/{Guid.ParseExact(kept[2..], "N")}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    private static async Task<string> AttachAsync(ApiClient api, ChannelScene scene, Guid channelId)
    {
        var sent = await api.PostJsonAsync($"/api/channels/{channelId}/messages", new { content = "a picture" }, scene.Owner.Token);
        Assert.Equal(HttpStatusCode.Created, sent.Status);
        var id = sent.Json!.Value.GetProperty("id").GetString();
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", "p.png");
        var r = await api.SendAsync(HttpMethod.Post, $"/api/channels/{channelId}/messages/{id}/attachments", scene.Owner.Token, content);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        var attachmentId = Guid.Parse(r.Json!.Value.GetProperty("attachments")[0].GetProperty("id").GetString()!);
        return AttachmentStore.StoredNameFor(attachmentId);
    }

    private static string Seed(string folder, string name, DateTime writtenAt)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, writtenAt);
        return name;
    }
}
