using System.Buffers.Binary;

namespace Meurs.Bench.Listen;

/// <summary>
/// The bench's library folder: the repository's samples (media/music, 1-10 s each) and one long track written here, a
/// quiet 440 Hz sine of <see cref="LongTrackSeconds"/> s (WAV, 8 kHz mono 16-bit, about 5.8 MB), because a minute of
/// steady playback and seeks needs a track longer than any sample.
/// </summary>
internal static class BenchLibrary
{
    public const int LongTrackSeconds = 360;
    public const string LongTrackFile = "listen-bench-long-tone.wav";
    /// <summary>The title the library gives the file (no tags: its name, separators as spaces).</summary>
    public const string LongTrackTitle = "listen bench long tone";

    public static void Create(string root, string library)
    {
        var samples = Path.Combine(root, "media", "music");
        foreach (var file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(library, "music", Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var bench = Path.Combine(library, "music", "bench");
        Directory.CreateDirectory(bench);
        WriteTone(Path.Combine(bench, LongTrackFile), LongTrackSeconds);
    }

    private static void WriteTone(string path, int seconds)
    {
        const int rate = 8000;
        var samples = rate * seconds;
        var data = new byte[44 + samples * 2];
        var span = data.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], data.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(3000 * Math.Sin(2 * Math.PI * 440 * i / rate));
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + i * 2)..], value);
        }
        File.WriteAllBytes(path, data);
    }
}
