using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Library;

namespace Meurs.Tests.Web.Library;

public sealed class LibraryTagsTests
{
    private const double ToleranceSeconds = 0.05;

    // Every committed sample, with ffprobe's duration (ffmpeg 5.1):
    //   ffprobe -v error -show_entries format=duration -of csv=p=0 media/<path>
    // recorded-clip.webm has no Duration (written live, format duration N/A): its figure is the end of its last packet,
    //   ffprobe -v error -show_entries packet=pts_time,duration_time -of csv=p=0 media/videos/recorded-clip.webm
    // ffprobe's Opus figure includes the 312-sample pre-skip that RFC 7845 drops (10.0065 for a 10.000 s stream).
    public static TheoryData<string, double> Samples => new()
    {
        { "music/Tones/a440-sine.ogg", 8.000000 },
        { "music/Tones/sweep.flac", 3.000000 },
        { "music/Speech/welcome-to-meurs.mp3", 4.754286 },
        { "music/chord-progression.opus", 10.006500 },
        { "music/short-beep.wav", 1.000000 },
        { "music/the-test-tones/signal-garden/01-morning-chord.flac", 4.000000 },
        { "music/the-test-tones/signal-garden/02-paper-boats.mp3", 5.067755 },
        { "music/the-test-tones/signal-garden/03-slow-sweep.m4a", 4.000000 },
        { "videos/countdown.mp4", 5.000000 },
        { "videos/test-pattern.webm", 6.008000 },
        { "videos/recorded-clip.webm", 4.014000 },
    };

    public static TheoryData<string, string, int> AlbumTracks => new()
    {
        { "music/the-test-tones/signal-garden/01-morning-chord.flac", "Morning Chord", 1 },
        { "music/the-test-tones/signal-garden/02-paper-boats.mp3", "Paper Boats", 2 },
        { "music/the-test-tones/signal-garden/03-slow-sweep.m4a", "Slow Sweep", 3 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Read_CommittedSample_DurationMatchesFfprobe(string relativePath, double ffprobeSeconds)
    {
        var tags = MediaTags.Read(Sample(relativePath));

        Assert.NotNull(tags.Duration);
        Assert.InRange(tags.Duration.Value.TotalSeconds, ffprobeSeconds - ToleranceSeconds, ffprobeSeconds + ToleranceSeconds);
    }

    [Fact]
    public void Read_EveryCommittedSample_IsInTheTable()
    {
        var listed = Samples.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var committed = Directory.EnumerateFiles(Path.Combine(MeursFactory.RepoRoot, "media"), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".sh", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Path.Combine(MeursFactory.RepoRoot, "media"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(committed, listed);
    }

    [Theory]
    [MemberData(nameof(AlbumTracks))]
    public void Read_AlbumTrack_HasItsTagsAndACover(string relativePath, string title, int track)
    {
        var tags = MediaTags.Read(Sample(relativePath));

        Assert.Equal((title, "The Test Tones", "Signal Garden", track, 2026), (tags.Title, tags.Artist, tags.Album, tags.TrackNumber, tags.Year));
        Assert.Matches("^[0-9a-f]{16}$", tags.CoverTag);
        var cover = MediaTags.ReadCover(Sample(relativePath));
        Assert.NotNull(cover);
        Assert.Equal("image/jpeg", cover.Value.ContentType);
        Assert.Equal(tags.CoverTag, MediaTags.TagOf(cover.Value.Bytes));
    }

    [Fact]
    public void Read_UntaggedSample_HasNoTagsAndNoCover()
    {
        var tags = MediaTags.Read(Sample("music/Tones/a440-sine.ogg"));

        Assert.Equal((null, null, null, null, null, null), (tags.Title, tags.Artist, tags.Album, tags.TrackNumber, tags.Year, tags.CoverTag));
        Assert.Null(MediaTags.ReadCover(Sample("music/Tones/a440-sine.ogg")));
    }

    [Fact]
    public void Read_GarbageWithAMediaExtension_ReturnsNoTagsWithoutThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"meurs-garbage-{Guid.NewGuid():N}.flac");
        File.WriteAllBytes(path, [.. "fLaC"u8, .. Enumerable.Repeat((byte)0xA5, 5000)]);
        try
        {
            var tags = MediaTags.Read(path);

            Assert.Null(tags.Title);
            Assert.Null(tags.CoverTag);
            Assert.Null(MediaTags.ReadCover(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Sample(string relativePath) => Path.Combine(MeursFactory.RepoRoot, "media", relativePath);
}
