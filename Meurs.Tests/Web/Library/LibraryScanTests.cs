using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Library;

public sealed class LibraryScanTests : IDisposable
{
    // No scan at start-up: each test decides when scans happen.
    private readonly MeursFactory factory = MeursFactory.With(settings: new Dictionary<string, string?> { ["Library:ScanOnStart"] = "false" });

    [Fact]
    public async Task Run_FirstScan_IndexesEveryPlayableFileWithItsTags()
    {
        var report = await ScanAsync();

        Assert.Equal((4, 0, 0), (report.Added, report.Updated, report.Removed));
        var tagged = await EntryAsync(TestLibrary.TaggedPath);
        Assert.Equal((TestLibrary.TaggedTitle, TestLibrary.TaggedArtist, TestLibrary.TaggedAlbum, 2, 2026), (tagged.Title, tagged.Artist, tagged.Album, tagged.TrackNumber, tagged.Year));
        Assert.InRange(tagged.DurationMs!.Value, 5068 - 50, 5068 + 50);
        Assert.NotNull(tagged.CoverTag);
        var untagged = await EntryAsync(TestLibrary.AlphaPath);
        Assert.Equal((TestLibrary.AlphaTitle, null, null, 125L), (untagged.Title, untagged.Artist, untagged.Album, untagged.DurationMs));
    }

    [Fact]
    public async Task Run_UnchangedFile_IsNotReadAgain()
    {
        await ScanAsync();
        var path = Path.Combine(factory.LibraryPath, TestLibrary.TaggedPath);
        var modified = File.GetLastWriteTimeUtc(path);
        // Same size, same modification time, different bytes (no tags left): a scan that opened it would see that.
        File.WriteAllBytes(path, new byte[new FileInfo(path).Length]);
        File.SetLastWriteTimeUtc(path, modified);

        var report = await ScanAsync();

        Assert.Equal((0, 0, 0, 4), (report.Added, report.Updated, report.Removed, report.Unchanged));
        Assert.Equal(TestLibrary.TaggedTitle, (await EntryAsync(TestLibrary.TaggedPath)).Title);
    }

    [Fact]
    public async Task Run_FileWithNewModificationTime_IsReadAgainUnderTheSameId()
    {
        await ScanAsync();
        var before = await EntryAsync(TestLibrary.TaggedPath);
        var path = Path.Combine(factory.LibraryPath, TestLibrary.TaggedPath);
        File.WriteAllBytes(path, new byte[new FileInfo(path).Length]);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));

        var report = await ScanAsync();

        Assert.Equal((0, 1, 0, 3), (report.Added, report.Updated, report.Removed, report.Unchanged));
        var after = await EntryAsync(TestLibrary.TaggedPath);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("02 paper boats", after.Title);
        Assert.Null(after.CoverTag);
    }

    [Fact]
    public async Task Run_FileWithNewSize_IsReadAgain()
    {
        await ScanAsync();
        var path = Path.Combine(factory.LibraryPath, TestLibrary.AlphaPath);
        var modified = File.GetLastWriteTimeUtc(path);
        File.AppendAllText(path, "more");
        File.SetLastWriteTimeUtc(path, modified);

        var report = await ScanAsync();

        Assert.Equal((0, 1, 3), (report.Added, report.Updated, report.Unchanged));
    }

    [Fact]
    public async Task Run_DeletedAndNewFiles_AreDroppedAndAdded()
    {
        await ScanAsync();
        File.Delete(Path.Combine(factory.LibraryPath, TestLibrary.BetaPath));
        File.Copy(Path.Combine(factory.LibraryPath, TestLibrary.AlphaPath), Path.Combine(factory.LibraryPath, "music", "gamma.wav"));

        var report = await ScanAsync();

        Assert.Equal((1, 0, 1, 3), (report.Added, report.Updated, report.Removed, report.Unchanged));
        var paths = await factory.WithDbAsync(db => db.LibraryEntries.Select(e => e.Path).ToListAsync());
        Assert.DoesNotContain(TestLibrary.BetaPath, paths);
        Assert.Contains("music/gamma.wav", paths);
    }

    [Fact]
    public async Task Refresh_AfterAFileIsDeleted_StopsListingAndStreamingIt()
    {
        using var browser = await factory.SignedUpAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("/media/" + TestLibrary.BetaPath)).StatusCode);
        File.Delete(Path.Combine(factory.LibraryPath, TestLibrary.BetaPath));

        await factory.Services.GetRequiredService<MediaLibrary>().RefreshAsync();

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await browser.GetAsync("/media/" + TestLibrary.BetaPath)).StatusCode);
        Assert.DoesNotContain(TestLibrary.BetaTitle, (await browser.GetHtmlAsync("/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleOf_FileNameWithSeparators_ReadsAsWords()
    {
        Assert.Equal("01 my song", LibraryScan.TitleOf("01_my-song.mp3"));
        Assert.Equal(".mp3", LibraryScan.TitleOf(".mp3"));
    }

    public void Dispose() => factory.Dispose();

    private Task<LibraryScanReport> ScanAsync() => factory.Services.GetRequiredService<LibraryScan>().RunAsync();

    private Task<LibraryEntry> EntryAsync(string path) =>
        factory.WithDbAsync(db => db.LibraryEntries.AsNoTracking().SingleAsync(e => e.Path == path));
}
