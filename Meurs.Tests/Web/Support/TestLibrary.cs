using System.Buffers.Binary;

namespace Meurs.Tests.Web.Support;

/// <summary>The small library folder every test host serves.</summary>
public static class TestLibrary
{
    /// <summary>A generated WAV file: always present, known bytes.</summary>
    public const string AlphaPath = "music/alpha-song.wav";

    /// <summary>Title the library shows for <see cref="AlphaPath"/>.</summary>
    public const string AlphaTitle = "alpha song";

    /// <summary>A second generated WAV file in a sub-folder.</summary>
    public const string BetaPath = "music/Tones/beta_tune.wav";

    /// <summary>Title the library shows for <see cref="BetaPath"/>.</summary>
    public const string BetaTitle = "beta tune";

    /// <summary>A video (copied from the repository's media/ when there, else a stand-in with the right extension).</summary>
    public const string VideoPath = "videos/countdown.mp4";

    /// <summary>Title the library shows for <see cref="VideoPath"/>.</summary>
    public const string VideoTitle = "countdown";

    /// <summary>A tagged album track with an embedded JPEG cover, copied from the repository's media/.</summary>
    public const string TaggedPath = "music/the-test-tones/signal-garden/02-paper-boats.mp3";

    /// <summary>The title tag of <see cref="TaggedPath"/>.</summary>
    public const string TaggedTitle = "Paper Boats";

    /// <summary>The artist tag of <see cref="TaggedPath"/>.</summary>
    public const string TaggedArtist = "The Test Tones";

    /// <summary>The album tag of <see cref="TaggedPath"/>.</summary>
    public const string TaggedAlbum = "Signal Garden";

    /// <summary>A file in the library folder whose extension is not a media type: never served.</summary>
    public const string NotMediaPath = "music/notes.txt";

    /// <summary>Content of <see cref="NotMediaPath"/>.</summary>
    public const string NotMediaContent = "SECRET-NOTES-NOT-MEDIA";

    /// <summary>A hidden file with a media extension: never listed.</summary>
    public const string HiddenPath = "music/.hidden.wav";

    /// <summary>Writes the files above under <paramref name="root"/>.</summary>
    public static void Fill(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "music", "Tones"));
        Directory.CreateDirectory(Path.Combine(root, "videos"));
        File.WriteAllBytes(Path.Combine(root, AlphaPath), Wav(1000, seed: 1));
        File.WriteAllBytes(Path.Combine(root, BetaPath), Wav(500, seed: 2));
        File.WriteAllBytes(Path.Combine(root, HiddenPath), Wav(100, seed: 3));
        File.WriteAllText(Path.Combine(root, NotMediaPath), NotMediaContent);

        var tagged = Path.Combine(root, TaggedPath);
        Directory.CreateDirectory(Path.GetDirectoryName(tagged)!);
        File.Copy(Path.Combine(MeursFactory.RepoRoot, "media", TaggedPath), tagged);

        var sample = Path.Combine(MeursFactory.RepoRoot, "media", "videos", "countdown.mp4");
        var video = Path.Combine(root, VideoPath);
        if (File.Exists(sample))
        {
            File.Copy(sample, video);
        }
        else
        {
            File.WriteAllBytes(video, [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', .. new byte[64]]);
        }
    }

    /// <summary>The bytes of <see cref="AlphaPath"/>.</summary>
    public static byte[] AlphaBytes { get; } = Wav(1000, seed: 1);

    // A minimal PCM WAV (RIFF header, fmt chunk, data chunk): 8 kHz mono 8-bit, dataBytes of deterministic samples.
    private static byte[] Wav(int dataBytes, int seed)
    {
        var bytes = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(28), 8000);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), 8);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)dataBytes);
        for (var i = 0; i < dataBytes; i++)
        {
            bytes[44 + i] = (byte)((i * 7) + seed);
        }
        return bytes;
    }
}
