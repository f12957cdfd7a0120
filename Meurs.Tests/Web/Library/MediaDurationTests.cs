using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Meurs.Web.Features.Library;

namespace Meurs.Tests.Web.Library;

public sealed class MediaDurationTests
{
    // MediaDuration only serves the formats TagLib# times wrongly (MP3, WebM); it must agree with ffprobe as closely as
    // TagLib# does for the rest (LibraryTagsTests holds every sample to 50 ms).
    private const double ToleranceSeconds = 0.05;

    private static readonly string RepoRoot = FindRepoRoot();

    // Figures measured on the committed files with (ffmpeg 5.1)
    //   ffprobe -v error -show_entries format=duration -of csv=p=0 media/<path>
    // except recorded-clip.webm, written live without a Duration, where ffprobe's format duration is N/A: its figure is
    // the end of the last packet, max(pts_time + duration_time) of
    //   ffprobe -v error -show_entries packet=pts_time,duration_time -of csv=p=0 media/videos/recorded-clip.webm
    public static TheoryData<string, double> Samples => new()
    {
        { "music/Speech/welcome-to-meurs.mp3", 4.754286 },
        { "music/the-test-tones/signal-garden/02-paper-boats.mp3", 5.067755 },
        { "videos/test-pattern.webm", 6.008000 },
        { "videos/recorded-clip.webm", 4.014000 },
    };

    public static TheoryData<string> SamplePaths
    {
        get
        {
            var paths = new TheoryData<string>();
            foreach (var row in Samples)
            {
                paths.Add((string)row[0]);
            }

            return paths;
        }
    }

    public static TheoryData<string> Extensions => new()
    {
        ".mp3", ".webm", ".mkv", "", ".txt",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryRead_CommittedSample_MatchesFfprobe(string relativePath, double ffprobeSeconds)
    {
        var duration = MediaDuration.TryRead(SamplePath(relativePath));

        Assert.NotNull(duration);
        Assert.InRange(duration.Value.TotalSeconds, ffprobeSeconds - ToleranceSeconds, ffprobeSeconds + ToleranceSeconds);
    }

    [Theory]
    [MemberData(nameof(SamplePaths))]
    public void TryRead_SampleAsStream_MatchesPathReading(string relativePath)
    {
        var path = SamplePath(relativePath);
        using var stream = new MemoryStream(File.ReadAllBytes(path));

        Assert.Equal(MediaDuration.TryRead(path), MediaDuration.TryRead(stream, Path.GetExtension(path)));
    }

    [Theory]
    [MemberData(nameof(SamplePaths))]
    public void TryRead_SampleWithoutExtension_StillRecognised(string relativePath)
    {
        var bytes = File.ReadAllBytes(SamplePath(relativePath));
        using var stream = new MemoryStream(bytes);

        // Only MP3 needs its extension; it has no signature, though its ID3v2 tag vouches for it here.
        Assert.NotNull(MediaDuration.TryRead(stream, string.Empty));
    }

    [Theory]
    [MemberData(nameof(SamplePaths))]
    public void TryRead_TruncatedSample_ReturnsNullOrValueWithoutThrowing(string relativePath)
    {
        var bytes = File.ReadAllBytes(SamplePath(relativePath));
        var extension = Path.GetExtension(relativePath);
        var lengths = Enumerable.Range(0, 80)
            .Concat(Enumerable.Range(7, 11).Select(power => 1 << power))
            .Append(bytes.Length / 2)
            .Append(bytes.Length - 1)
            .Where(length => length < bytes.Length);

        foreach (var length in lengths)
        {
            using var stream = new MemoryStream(bytes, 0, length);
            AssertNullOrNonNegative(MediaDuration.TryRead(stream, extension));
        }
    }

    [Theory]
    [MemberData(nameof(SamplePaths))]
    public void TryRead_RandomlyMutatedHeaders_ReturnsNullOrValueWithoutThrowing(string relativePath)
    {
        var original = File.ReadAllBytes(SamplePath(relativePath));
        var extension = Path.GetExtension(relativePath);

        // A fixed seed keeps failures reproducible; the mutations concentrate on the first bytes, where
        // the headers live, with some at the end for Ogg's last page and ID3v1.
        var random = new Random(20251121);
        for (var iteration = 0; iteration < 400; iteration++)
        {
            var bytes = (byte[])original.Clone();
            var mutations = random.Next(1, 9);
            for (var m = 0; m < mutations; m++)
            {
                var index = random.Next(4) == 0
                    ? bytes.Length - 1 - random.Next(Math.Min(bytes.Length, 4096))
                    : random.Next(Math.Min(bytes.Length, 512));
                bytes[index] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)(bytes[index] ^ (1 << random.Next(8))),
                    _ => random.Next(2) == 0 ? (byte)0x00 : (byte)0xFF,
                };
            }

            var length = random.Next(5) == 0 ? random.Next(bytes.Length) : bytes.Length;
            using var stream = new MemoryStream(bytes, 0, length);
            AssertNullOrNonNegative(MediaDuration.TryRead(stream, extension));
        }
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void TryRead_EmptyStream_ReturnsNull(string extension)
    {
        using var stream = new MemoryStream();

        Assert.Null(MediaDuration.TryRead(stream, extension));
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void TryRead_GarbageAfterEachSignature_ReturnsNullOrValueWithoutThrowing(string extension)
    {
        byte[][] signatures =
        [
            [],
            "RIFF\0\0\0\0WAVE"u8.ToArray(),
            [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVEds64"u8],
            "fLaC"u8.ToArray(),
            "OggS\0\u0002"u8.ToArray(),
            [0x1A, 0x45, 0xDF, 0xA3],
            "\0\0\0\u0018ftypisom"u8.ToArray(),
            "ID3\u0004\0\0\0\0\0\0"u8.ToArray(),
            [0xFF, 0xFB, 0x90, 0x44],
        ];
        var random = new Random(7);
        foreach (var signature in signatures)
        {
            foreach (var size in new[] { 0, 1, 7, 64, 4096, 70_000 })
            {
                var bytes = new byte[signature.Length + size];
                random.NextBytes(bytes);
                signature.CopyTo(bytes, 0);
                using var stream = new MemoryStream(bytes);
                AssertNullOrNonNegative(MediaDuration.TryRead(stream, extension));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void TryRead_AllZeroesOrAllOnes_ReturnsNull(string extension)
    {
        foreach (var fill in new byte[] { 0x00, 0xFF })
        {
            var bytes = new byte[100_000];
            Array.Fill(bytes, fill);
            using var stream = new MemoryStream(bytes);
            Assert.Null(MediaDuration.TryRead(stream, extension));
        }
    }

    [Fact]
    public void TryRead_MissingFile_ReturnsNull()
    {
        Assert.Null(MediaDuration.TryRead(Path.Combine(RepoRoot, "media", "no-such-file.mp3")));
    }

    [Fact]
    public void TryRead_Directory_ReturnsNull()
    {
        Assert.Null(MediaDuration.TryRead(Path.Combine(RepoRoot, "media", "music")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\0name.mp3")]
    public void TryRead_InvalidPath_ReturnsNull(string path)
    {
        Assert.Null(MediaDuration.TryRead(path));
    }

    [Fact]
    public void TryRead_UnseekableStream_ReturnsNull()
    {
        using var stream = new UnseekableStream(File.ReadAllBytes(SamplePath("music/short-beep.wav")));

        Assert.Null(MediaDuration.TryRead(stream, ".wav"));
    }

    [Fact]
    public void TryRead_Mp3WithoutVbrHeader_EstimatesFromBitrateAndSize()
    {
        // 100 MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz, 417 bytes each, then an ID3v1 tag.
        var mp3 = new ByteWriter().Mpeg1Layer3Frames(100).Ascii("TAG").Zeros(125).ToArray();

        var duration = Read(mp3, ".mp3");

        Assert.NotNull(duration);
        Assert.Equal(100 * 417 * 8 / 128_000.0, duration.Value.TotalSeconds, 6);
    }

    [Fact]
    public void TryRead_Mp3AfterLargeId3v2Tag_SkipsTheTag()
    {
        const int tagSize = 300 * 1024;
        var mp3 = new ByteWriter()
            .Ascii("ID3").Bytes(4, 0, 0)
            .Bytes((byte)((tagSize >> 21) & 0x7F), (byte)((tagSize >> 14) & 0x7F), (byte)((tagSize >> 7) & 0x7F), (byte)(tagSize & 0x7F))
            .Bytes(Enumerable.Repeat((byte)0xFF, tagSize).ToArray())
            .Mpeg1Layer3Frames(50)
            .ToArray();

        var duration = Read(mp3, ".mp3");

        Assert.NotNull(duration);
        Assert.Equal(50 * 417 * 8 / 128_000.0, duration.Value.TotalSeconds, 6);
    }

    [Fact]
    public void TryRead_Mp3WithVbriHeader_UsesItsFrameCount()
    {
        var mp3 = new ByteWriter().Mpeg1Layer3Frames(3).ToArray();
        "VBRI"u8.CopyTo(mp3.AsSpan(4 + 32));
        BinaryPrimitives.WriteUInt32BigEndian(mp3.AsSpan(4 + 32 + 14), 1000);

        var duration = Read(mp3, ".mp3");

        Assert.NotNull(duration);
        Assert.Equal(1000 * 1152 / 44_100.0, duration.Value.TotalSeconds, 6);
    }

    [Fact]
    public void TryRead_MatroskaWithFloat32DurationAndCustomScale_ReadsDuration()
    {
        var info = new ByteWriter()
            .Bytes(0x2A, 0xD7, 0xB1, 0x83).Bytes(0x07, 0xA1, 0x20) // TimestampScale 500,000 ns
            .Bytes(0x44, 0x89, 0x84).F32Be(5000f)                   // Duration 5000 units
            .ToArray();
        var mkv = new ByteWriter()
            .Bytes(0x1A, 0x45, 0xDF, 0xA3, 0x87).Bytes(0x42, 0x82, 0x84).Ascii("webm")
            .Bytes(0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF) // unknown size
            .Bytes(0xEC, 0x83, 0, 0, 0)                                                    // Void
            .Bytes(0x15, 0x49, 0xA9, 0x66, (byte)(0x80 | info.Length)).Bytes(info)
            .ToArray();

        Assert.Equal(TimeSpan.FromSeconds(2.5), Read(mkv, ".mkv"));
    }

    [Fact]
    public void TryRead_WebmWithoutDuration_ReadsTheLastBlockTimestamp()
    {
        var webm = File.ReadAllBytes(SamplePath("videos/test-pattern.webm"));

        // Renaming the Duration element's ID to an unknown one leaves what a live MediaRecorder file has: clusters only.
        var at = webm.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x44, 0x89, 0x88]);
        Assert.True(at > 0);
        webm[at] = 0x43;

        var duration = Read(webm, ".webm");

        Assert.NotNull(duration);
        Assert.InRange(duration.Value.TotalSeconds, 6.008 - ToleranceSeconds, 6.008 + ToleranceSeconds);
    }

    [Theory]
    [InlineData("music/Tones/a440-sine.ogg")]
    [InlineData("music/Tones/sweep.flac")]
    [InlineData("music/short-beep.wav")]
    [InlineData("videos/countdown.mp4")]
    public void TryRead_FormatTagLibTimesRight_ReturnsNull(string relativePath)
    {
        Assert.Null(MediaDuration.TryRead(SamplePath(relativePath)));
    }

    [Fact]
    public void TryRead_HugeMp3_ReadsOnlyItsHead()
    {
        const long length = 1L << 30;
        var head = new ByteWriter().Mpeg1Layer3Frames(10).ToArray();
        using var stream = new SparseStream(head, [], length);

        var duration = MediaDuration.TryRead(stream, ".mp3");

        Assert.NotNull(duration);
        Assert.Equal(length * 8 / 128_000.0, duration.Value.TotalSeconds, 3);
        Assert.InRange(stream.BytesRead, 1, 512 * 1024);
    }

    private static TimeSpan? Read(byte[] bytes, string extension)
    {
        using var stream = new MemoryStream(bytes);
        return MediaDuration.TryRead(stream, extension);
    }

    private static void AssertNullOrNonNegative(TimeSpan? duration)
    {
        if (duration is { } value)
        {
            Assert.True(value >= TimeSpan.Zero, $"negative duration {value}");
        }
    }

    private static string SamplePath(string relativePath) =>
        Path.Combine(RepoRoot, "media", relativePath.Replace('/', Path.DirectorySeparatorChar));

    // The test assembly normally runs below the repository; the source-file fallback covers builds of
    // this file from elsewhere (e.g. a scratch project), where the output directory is outside it.
    private static string FindRepoRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Meurs.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Could not find the directory containing Meurs.sln above the test assembly or its source.");
    }

    private sealed class ByteWriter
    {
        private readonly MemoryStream buffer = new();

        public ByteWriter Bytes(params byte[] bytes)
        {
            buffer.Write(bytes);
            return this;
        }

        public ByteWriter Ascii(string text) => Bytes(Encoding.ASCII.GetBytes(text));

        public ByteWriter Zeros(int count) => Bytes(new byte[count]);

        public ByteWriter U16Le(ushort value)
        {
            var bytes = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
            return Bytes(bytes);
        }

        public ByteWriter U32Le(uint value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            return Bytes(bytes);
        }

        public ByteWriter U32Be(uint value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            return Bytes(bytes);
        }

        public ByteWriter U64Be(ulong value)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
            return Bytes(bytes);
        }

        public ByteWriter F32Be(float value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteSingleBigEndian(bytes, value);
            return Bytes(bytes);
        }

        // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, joint stereo, no padding: 417-byte frames of silence-ish
        // zeros, with no Xing/Info header, i.e. a plain CBR stream.
        public ByteWriter Mpeg1Layer3Frames(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Bytes(0xFF, 0xFB, 0x90, 0x44).Zeros(417 - 4);
            }

            return this;
        }

        public byte[] ToArray() => buffer.ToArray();
    }

    // A seekable stream of the given length whose middle is zeros, counting what is read, so tests can
    // show that multi-GiB files are not read whole.
    private sealed class SparseStream(byte[] head, byte[] tail, long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Clamp(length - Position, 0, count);
            var tailStart = length - tail.Length;
            for (var i = 0; i < read; i++)
            {
                var at = Position + i;
                buffer[offset + i] = at < head.Length ? head[at] : at >= tailStart ? tail[at - tailStart] : (byte)0;
            }

            Position += read;
            BytesRead += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
