using System.Net;
using System.Net.Http.Headers;
using Meurs.Tests.Web.Rooms;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Jobs;

/// <summary>The shared-file sweep on a test clock: files really uploaded, then aged past their lifetime.</summary>
public sealed class SweepExpiredSharedFilesTests
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Run_AfterTheLifetime_DeletesExpiredRowsAndBytesKeepsFreshFilesDownloadable()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var old = await UploadAsync(api, roomId, owner.Token, "old.png");
        clock.Advance(TimeSpan.FromHours(23));
        var fresh = await UploadAsync(api, roomId, owner.Token, "fresh.png");
        clock.Advance(TimeSpan.FromHours(1)); // the first file is now exactly 24 h old: expired, as downloads see it

        var run = await RunAsync(factory);

        Assert.Equal("Succeeded", run.State);
        Assert.Equal(2, run.Affected); // one row, one file
        var left = await factory.WithDbAsync(db => db.SharedFiles.AsNoTracking().Select(f => f.Id).ToListAsync());
        Assert.Equal([fresh], left);
        Assert.Equal([fresh.ToString("N")], StoredNames(factory));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/rooms/{roomId}/files/{old:N}", owner.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/rooms/{roomId}/files/{fresh:N}", owner.Token)).Status);
    }

    [Fact]
    public async Task Run_NothingExpired_ChangesNothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var file = await UploadAsync(api, roomId, owner.Token, "kept.png");
        clock.Advance(TimeSpan.FromHours(23.9));

        var run = await RunAsync(factory);

        Assert.Equal(("Succeeded", 0), (run.State, run.Affected));
        Assert.Equal([file.ToString("N")], StoredNames(factory));
    }

    [Fact]
    public async Task Run_FilesWithoutRows_DeletesOnlyThoseOlderThanTheOrphanAge()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var shared = await UploadAsync(api, roomId, owner.Token, "shared.png");
        var uploads = Path.Combine(factory.DataPath, "uploads");
        var now = clock.GetUtcNow().UtcDateTime;
        var oldOrphan = Seed(uploads, Guid.NewGuid().ToString("N"), now - TimeSpan.FromHours(2));
        var oldPart = Seed(uploads, Guid.NewGuid().ToString("N") + ".part", now - SweepExpiredSharedFiles.OrphanAge);
        var recentOrphan = Seed(uploads, Guid.NewGuid().ToString("N"), now - TimeSpan.FromMinutes(10));
        var recentPart = Seed(uploads, Guid.NewGuid().ToString("N") + ".part", now - TimeSpan.FromMinutes(59));
        File.SetLastWriteTimeUtc(Path.Combine(uploads, shared.ToString("N")), now - TimeSpan.FromHours(3)); // old but still has its row
        // Another feature's files in the same folder are not the rooms' to judge, however old.
        var attachment = Seed(uploads, "m-" + Guid.NewGuid().ToString("N"), now - TimeSpan.FromHours(5));
        var staged = Seed(uploads, "staged-" + Guid.NewGuid().ToString("N") + ".part", now - TimeSpan.FromHours(5));

        var run = await RunAsync(factory);

        Assert.Equal(("Succeeded", 2), (run.State, run.Affected));
        Assert.Equal(new[] { shared.ToString("N"), recentOrphan, recentPart, attachment, staged }.Order(StringComparer.Ordinal), StoredNames(factory));
        Assert.DoesNotContain(oldOrphan, StoredNames(factory));
        Assert.DoesNotContain(oldPart, StoredNames(factory));
    }

    [Fact]
    public async Task Run_NoUploadsFolderYet_Succeeds()
    {
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow)));

        var run = await RunAsync(factory);

        Assert.Equal(("Succeeded", 0), (run.State, run.Affected));
        Assert.False(Directory.Exists(Path.Combine(factory.DataPath, "uploads")));
    }

    private static Task<HangfireJobs.Run> RunAsync(MeursFactory factory) => HangfireJobs.TriggerAsync(factory, nameof(SweepExpiredSharedFiles));

    private static async Task<Guid> UploadAsync(ApiClient api, string roomId, string bearer, string fileName)
    {
        var bytes = new byte[2000];
        PngMagic.CopyTo(bytes, 0);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", fileName);
        var response = await api.SendAsync(HttpMethod.Post, $"/rooms/{roomId}/files", bearer, content);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Json!.Value.GetProperty("id").GetGuid();
    }

    private static string Seed(string folder, string name, DateTime lastWriteUtc)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return name;
    }

    private static List<string> StoredNames(MeursFactory factory) =>
        [.. Directory.GetFiles(Path.Combine(factory.DataPath, "uploads")).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];
}
