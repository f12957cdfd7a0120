using System.Buffers.Binary;
using System.Numerics;

namespace Meurs.Web.Features.Library;

/// <summary>
/// The durations TagLib# gets wrong, read from container headers: MP3 (TagLib# 2.3 ignores the Xing/Info header's
/// frame count and reads a CBR file with a LAME Info header as 2.756 s instead of 4.754 s) and WebM/Matroska written
/// live (a browser's MediaRecorder writes no Duration, where TagLib# reads 0 s). Every other format is TagLib#'s.
/// </summary>
/// <remarks>
/// <para>Nothing is decoded and no file is read whole: a call reads at most 2 MiB in positioned reads.</para>
/// <list type="bullet">
/// <item><description>MPEG-1/2/2.5 audio (ISO/IEC 11172-3, 13818-3): frame count from a Xing/Info or VBRI header;
/// otherwise a constant-bit-rate estimate from the first frame's bit rate and the file size. Leading ID3v2 and
/// trailing ID3v1 tags are skipped.</description></item>
/// <item><description>WebM and Matroska (RFC 9559): <c>Segment/Info</c> Duration times TimestampScale; when there is
/// none, the last Cluster's Timestamp plus the largest block timestamp in it (§5.1.3, §10.2), found in the file's
/// tail. That is the start of the last frame, so it is short of ffprobe's packet end by one frame (20 ms for
/// Opus).</description></item>
/// </list>
/// <para>Malformed, truncated or other input yields <see langword="null"/>, never an exception.</para>
/// </remarks>
public static class MediaDuration
{
    // The budget is what keeps "cheap" true for hostile files: every read is charged against it.
    private const int MaxBytesRead = 2 * 1024 * 1024;

    // Encoders put the first MPEG frame right after the tags; junk before it is rare and short.
    private const int Mp3SyncWindowBytes = 64 * 1024;

    private const int MaxMatroskaInfoBytes = 64 * 1024;

    // A MediaRecorder cluster holds about one to five seconds; at a few Mbit/s that is well under this.
    private const int MatroskaTailBytes = 1536 * 1024;

    private const uint ClusterId = 0x1F43B675;

    // Iteration caps are a second line of defence next to the byte budget.
    private const int MaxChunks = 256;

    // Anything longer than about three years is a corrupt header, and the cap keeps the conversion to
    // ticks far away from overflow.
    private const double MaxPlausibleSeconds = 1e8;

    /// <summary>Reads the duration of the MP3 or WebM/Matroska file at <paramref name="path"/> from its headers.</summary>
    /// <param name="path">Path of an audio or video file; absolute, or relative to the current directory.</param>
    /// <returns>
    /// The playing time, rounded to the nearest 100 ns tick; or <see langword="null"/> when the file is missing,
    /// unreadable, neither MP3 nor Matroska, malformed, or truncated before anything that tells its length.
    /// </returns>
    /// <remarks>Never throws for file-system errors or file content. The file is opened with sharing.</remarks>
    public static TimeSpan? TryRead(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            // Unbuffered: every read here is a deliberate, positioned one.
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.RandomAccess,
            });
            return TryRead(stream, Path.GetExtension(path));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // Also what opening a directory throws on Unix.
            return null;
        }
    }

    /// <summary>Reads the duration of the MP3 or Matroska media in <paramref name="stream"/> from its headers.</summary>
    /// <param name="stream">A readable, seekable stream holding the whole file from offset 0.</param>
    /// <param name="extension">The file's extension, with or without the leading dot; MP3 has no signature, so
    /// it is recognised by its extension, an ID3v2 tag or a frame sync at the start.</param>
    /// <returns>As <see cref="TryRead(string)"/>; also <see langword="null"/> for a stream that cannot read or seek.</returns>
    internal static TimeSpan? TryRead(Stream stream, string extension)
    {
        if (stream is null || !stream.CanRead || !stream.CanSeek)
        {
            return null;
        }

        try
        {
            return Read(new Source(stream), (extension ?? string.Empty).TrimStart('.'));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static TimeSpan? Read(Source source, string extension)
    {
        var start = SkipId3v2Tags(source);
        Span<byte> magic = stackalloc byte[4];
        var read = source.ReadAt(start, magic);
        magic = magic[..read];

        if (magic.StartsWith(EbmlMagic))
        {
            return ReadMatroska(source, start);
        }

        // MPEG audio has no signature beyond the frame sync, so it is only tried when something vouches for it.
        if (start > 0 || IsAnyOf(extension, "mp3", "mp2", "mp1", "mpga") || (read >= 2 && magic[0] == 0xFF && (magic[1] & 0xE0) == 0xE0))
        {
            return ReadMpegAudio(source, start);
        }

        return null;
    }

    // ID3v2 (id3.org, ID3v2.4.0 structure §3.1) tags can be several MiB of cover art; they may be
    // repeated, and some taggers prepend them to FLAC too.
    private static long SkipId3v2Tags(Source source)
    {
        long offset = 0;
        Span<byte> header = stackalloc byte[10];
        for (var i = 0; i < 4; i++)
        {
            if (source.ReadAt(offset, header) < 10 || !header.StartsWith("ID3"u8))
            {
                break;
            }

            if (((header[6] | header[7] | header[8] | header[9]) & 0x80) != 0)
            {
                break;
            }

            var size = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9];
            var footer = (header[5] & 0x10) != 0 ? 10 : 0;
            offset += 10 + size + footer;
        }

        return offset;
    }

    private static TimeSpan? ReadMpegAudio(Source source, long start)
    {
        var window = source.ReadBlock(start, Mp3SyncWindowBytes);
        var windowReachesEnd = start + window.Length >= source.Length;

        for (var i = 0; i + 4 <= window.Length; i++)
        {
            if (window[i] != 0xFF || !TryParseMpegHeader(window.AsSpan(i), out var frame))
            {
                continue;
            }

            // A lone 0xFFE bit pattern is common in junk and tag padding; a second header exactly one
            // frame later is what makes it a real frame.
            var next = i + frame.Length;
            if (next + 4 <= window.Length)
            {
                if (!TryParseMpegHeader(window.AsSpan(next), out var following)
                    || following.Version != frame.Version
                    || following.Layer != frame.Layer
                    || following.SampleRate != frame.SampleRate)
                {
                    continue;
                }
            }
            else if (!windowReachesEnd)
            {
                continue;
            }

            var frames = ReadVbrFrameCount(window.AsSpan(i), frame);
            if (frames > 0)
            {
                return FromSeconds((double)frames * frame.SamplesPerFrame / frame.SampleRate);
            }

            // Without a VBR header the stream is taken to be constant bit rate, as players assume too.
            var audioBytes = source.Length - (start + i) - Id3v1Length(source);
            return audioBytes > 0 ? FromSeconds(audioBytes * 8.0 / frame.Bitrate) : null;
        }

        return null;
    }

    // Xing/Info (written by LAME and ffmpeg) sits after the side information of the first frame;
    // VBRI (Fraunhofer) sits at a fixed 32 bytes after the header.
    private static long ReadVbrFrameCount(ReadOnlySpan<byte> frameData, MpegFrame frame)
    {
        var sideInfoLength = frame.Version == 1 ? (frame.IsMono ? 17 : 32) : (frame.IsMono ? 9 : 17);
        var xing = 4 + sideInfoLength;
        if (frameData.Length >= xing + 12
            && (frameData.Slice(xing, 4).SequenceEqual("Xing"u8) || frameData.Slice(xing, 4).SequenceEqual("Info"u8))
            && (BinaryPrimitives.ReadUInt32BigEndian(frameData[(xing + 4)..]) & 1) != 0)
        {
            return BinaryPrimitives.ReadUInt32BigEndian(frameData[(xing + 8)..]);
        }

        const int vbri = 4 + 32;
        if (frameData.Length >= vbri + 18 && frameData.Slice(vbri, 4).SequenceEqual("VBRI"u8))
        {
            return BinaryPrimitives.ReadUInt32BigEndian(frameData[(vbri + 14)..]);
        }

        return 0;
    }

    private static int Id3v1Length(Source source)
    {
        Span<byte> tag = stackalloc byte[3];
        return source.Length >= 128 && source.ReadAt(source.Length - 128, tag) == 3 && tag.SequenceEqual("TAG"u8) ? 128 : 0;
    }

    private static bool TryParseMpegHeader(ReadOnlySpan<byte> header, out MpegFrame frame)
    {
        frame = default;
        if (header.Length < 4 || header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var versionBits = (header[1] >> 3) & 3;
        var layerBits = (header[1] >> 1) & 3;
        var bitrateIndex = header[2] >> 4;
        var rateIndex = (header[2] >> 2) & 3;

        // Reserved values, and free-format bit rate (index 0), which gives no frame length to check.
        if (versionBits == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || rateIndex == 3 || (header[3] & 3) == 2)
        {
            return false;
        }

        var version = versionBits switch { 3 => 1, 2 => 2, _ => 25 };
        var layer = 4 - layerBits;
        var row = version == 1 ? layer - 1 : (layer == 1 ? 3 : 4);
        var bitrate = MpegBitratesKbps[(row * 16) + bitrateIndex] * 1000;
        var sampleRate = MpegSampleRates[rateIndex] >> (version == 1 ? 0 : version == 2 ? 1 : 2);
        var padding = (header[2] >> 1) & 1;

        // ISO/IEC 11172-3 §2.4.3.1 and 13818-3: slots per frame, in 4-byte slots for Layer I.
        var length = layer == 1
            ? ((12 * bitrate / sampleRate) + padding) * 4
            : ((layer == 3 && version != 1 ? 72 : 144) * bitrate / sampleRate) + padding;
        var samplesPerFrame = layer == 1 ? 384 : layer == 2 || version == 1 ? 1152 : 576;

        frame = new MpegFrame(version, layer, bitrate, sampleRate, length, (header[3] >> 6) == 3, samplesPerFrame);
        return length >= 4;
    }

    private static ReadOnlySpan<short> MpegBitratesKbps =>
    [
        0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0, // MPEG-1 Layer I
        0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0,    // MPEG-1 Layer II
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0,     // MPEG-1 Layer III
        0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0,    // MPEG-2/2.5 Layer I
        0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0,         // MPEG-2/2.5 Layers II, III
    ];

    private static ReadOnlySpan<int> MpegSampleRates => [44100, 48000, 32000];

    private static ReadOnlySpan<byte> EbmlMagic => [0x1A, 0x45, 0xDF, 0xA3];

    private static TimeSpan? ReadMatroska(Source source, long start)
    {
        if (!TryReadElementHeader(source, start, source.Length, out var ebml) || ebml.Id != 0x1A45DFA3 || ebml.UnknownSize)
        {
            return null;
        }

        var segment = FindElement(source, ebml.End, source.Length, 0x18538067);
        if (segment is null)
        {
            return null;
        }

        var info = FindElement(source, segment.Value.DataStart, segment.Value.End, 0x1549A966);
        if (info is null || info.Value.UnknownSize)
        {
            return null;
        }

        var body = source.ReadBlock(info.Value.DataStart, (int)Math.Min(info.Value.End - info.Value.DataStart, MaxMatroskaInfoBytes));
        var (duration, timestampScale) = MatroskaInfo(body);
        if (duration is { } units && units > 0)
        {
            return FromSeconds(units * timestampScale / 1e9);
        }

        // Written live: the Info has no Duration (or 0), so the last block's timestamp is the length.
        return LastBlockTimestamp(source, segment.Value) is { } last ? FromSeconds((double)last * timestampScale / 1e9) : null;
    }

    // The tail is searched backwards for a Cluster whose first child is its Timestamp (RFC 9559 §5.1.3.1 puts it
    // first), then its SimpleBlocks and BlockGroups are walked to the end: each block's timestamp is the
    // cluster's plus a signed 16-bit offset (§10.2).
    private static long? LastBlockTimestamp(Source source, Element segment)
    {
        var tailStart = Math.Max(segment.DataStart, source.Length - MatroskaTailBytes);
        var tail = source.ReadBlock(tailStart, (int)(source.Length - tailStart));
        for (var i = tail.Length - 4; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(tail.AsSpan(i)) != ClusterId
                || !TryParseElementHeader(tail.AsSpan(i), out _, out var headerLength, out _, out _)
                || ReadClusterTimestamp(tail.AsSpan(i + headerLength)) is not { } clusterTimestamp)
            {
                continue;
            }

            long? last = null;
            var position = i + headerLength;
            for (var n = 0; n < 100_000 && position < tail.Length; n++)
            {
                if (!TryParseElementHeader(tail.AsSpan(position), out var id, out var length, out var size, out var unknown)
                    || unknown
                    || size > (ulong)(tail.Length - position - length))
                {
                    break;
                }

                ReadOnlySpan<byte> data = tail.AsSpan(position + length, (int)size);
                if (id == 0xA0)
                {
                    // BlockGroup: its Block (0xA1) is the child that carries the timestamp.
                    data = FindChild(data, 0xA1);
                }

                if (id is 0xA3 or 0xA0 && BlockTimestamp(data) is { } relative)
                {
                    last = Math.Max(last ?? long.MinValue, clusterTimestamp + relative);
                }

                position += length + (int)size;
            }

            return last is >= 0 ? last : null;
        }

        return null;
    }

    private static long? ReadClusterTimestamp(ReadOnlySpan<byte> children)
    {
        if (!TryParseElementHeader(children, out var id, out var length, out var size, out var unknown)
            || id != 0xE7 || unknown || size is 0 or > 7 || (ulong)children.Length < (ulong)length + size)
        {
            return null;
        }

        long value = 0;
        foreach (var b in children.Slice(length, (int)size))
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static ReadOnlySpan<byte> FindChild(ReadOnlySpan<byte> data, uint wanted)
    {
        var position = 0;
        for (var n = 0; n < MaxChunks && position < data.Length; n++)
        {
            if (!TryParseElementHeader(data[position..], out var id, out var length, out var size, out var unknown)
                || unknown || size > (ulong)(data.Length - position - length))
            {
                break;
            }

            if (id == wanted)
            {
                return data.Slice(position + length, (int)size);
            }

            position += length + (int)size;
        }

        return [];
    }

    // A block starts with the track number as an EBML variable-size integer, then the 16-bit timestamp offset.
    private static short? BlockTimestamp(ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty || block[0] == 0)
        {
            return null;
        }

        var trackLength = BitOperations.LeadingZeroCount((uint)block[0]) - 23;
        return trackLength <= 8 && block.Length >= trackLength + 2 ? BinaryPrimitives.ReadInt16BigEndian(block[trackLength..]) : null;
    }

    // RFC 9559 §5.1.2: Duration is a float in TimestampScale units, which default to 1 ms.
    private static (double? Duration, ulong TimestampScale) MatroskaInfo(ReadOnlySpan<byte> info)
    {
        ulong timestampScale = 1_000_000;
        double? duration = null;
        var position = 0;
        for (var i = 0; i < MaxChunks && position < info.Length; i++)
        {
            if (!TryParseElementHeader(info[position..], out var id, out var headerLength, out var size, out var unknownSize)
                || unknownSize
                || size > (ulong)(info.Length - position - headerLength))
            {
                break;
            }

            var data = info.Slice(position + headerLength, (int)size);
            if (id == 0x2AD7B1 && data.Length is >= 1 and <= 8)
            {
                ulong scale = 0;
                foreach (var b in data)
                {
                    scale = (scale << 8) | b;
                }

                timestampScale = scale;
            }
            else if (id == 0x4489 && data.Length == 4)
            {
                duration = BinaryPrimitives.ReadSingleBigEndian(data);
            }
            else if (id == 0x4489 && data.Length == 8)
            {
                duration = BinaryPrimitives.ReadDoubleBigEndian(data);
            }

            position += headerLength + (int)size;
        }

        return (duration, timestampScale == 0 ? 1_000_000 : timestampScale);
    }

    private static Element? FindElement(Source source, long offset, long end, uint id)
    {
        for (var i = 0; i < MaxChunks && offset < end; i++)
        {
            if (!TryReadElementHeader(source, offset, end, out var element))
            {
                return null;
            }

            if (element.Id == id)
            {
                return element;
            }

            // An element of unknown size (a live Cluster) can only be crossed by parsing its children,
            // and Info precedes the clusters in every muxer we know of.
            if (element.UnknownSize)
            {
                return null;
            }

            offset = element.End;
        }

        return null;
    }

    private static bool TryReadElementHeader(Source source, long offset, long end, out Element element)
    {
        element = default;
        Span<byte> header = stackalloc byte[12];
        if (end - offset < 2)
        {
            return false;
        }

        header = header[..source.ReadAt(offset, header[..(int)Math.Min(12, end - offset)])];
        if (!TryParseElementHeader(header, out var id, out var headerLength, out var size, out var unknownSize))
        {
            return false;
        }

        var dataStart = offset + headerLength;
        if (dataStart > end)
        {
            return false;
        }

        // Sizes beyond the container (truncation, or a lying header) are clamped so that walking on
        // lands at the end rather than past it.
        var length = unknownSize || size > (ulong)(end - dataStart) ? end - dataStart : (long)size;
        element = new Element(id, dataStart, dataStart + length, unknownSize);
        return true;
    }

    // RFC 8794 §4: IDs keep their length-marker bits (1–4 bytes); sizes drop them (1–8 bytes), and a
    // size with all value bits set means "unknown".
    private static bool TryParseElementHeader(ReadOnlySpan<byte> data, out uint id, out int headerLength, out ulong size, out bool unknownSize)
    {
        id = 0;
        headerLength = 0;
        size = 0;
        unknownSize = false;
        if (data.Length < 2 || data[0] == 0)
        {
            return false;
        }

        var idLength = BitOperations.LeadingZeroCount((uint)data[0]) - 23;
        if (idLength > 4 || data.Length <= idLength || data[idLength] == 0)
        {
            return false;
        }

        for (var i = 0; i < idLength; i++)
        {
            id = (id << 8) | data[i];
        }

        var sizeLength = BitOperations.LeadingZeroCount((uint)data[idLength]) - 23;
        if (data.Length < idLength + sizeLength)
        {
            return false;
        }

        size = (ulong)(data[idLength] & (0xFF >> sizeLength));
        for (var i = 1; i < sizeLength; i++)
        {
            size = (size << 8) | data[idLength + i];
        }

        unknownSize = size == (1UL << (7 * sizeLength)) - 1;
        headerLength = idLength + sizeLength;
        return true;
    }

    private static bool IsAnyOf(string extension, params ReadOnlySpan<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (string.Equals(extension, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan? FromSeconds(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds <= MaxPlausibleSeconds
            ? new TimeSpan((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : null;

    private readonly record struct MpegFrame(int Version, int Layer, int Bitrate, int SampleRate, int Length, bool IsMono, int SamplesPerFrame);

    private readonly record struct Element(uint Id, long DataStart, long End, bool UnknownSize);

    // Positioned reads over the caller's stream, charged against the per-call byte budget.
    private sealed class Source
    {
        private readonly Stream stream;
        private long budget = MaxBytesRead;

        public Source(Stream stream)
        {
            this.stream = stream;
            Length = stream.Length;
        }

        public long Length { get; }

        // Fills as much of destination as the stream (and the budget) allows; 0 past the end.
        public int ReadAt(long offset, Span<byte> destination)
        {
            if (offset < 0 || offset >= Length || budget <= 0)
            {
                return 0;
            }

            var wanted = (int)Math.Min(Math.Min(destination.Length, Length - offset), budget);
            stream.Position = offset;
            var total = 0;
            while (total < wanted)
            {
                var read = stream.Read(destination[total..wanted]);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            budget -= total;
            return total;
        }

        public byte[] ReadBlock(long offset, int count)
        {
            if (count <= 0 || offset < 0 || offset >= Length || budget <= 0)
            {
                return [];
            }

            var buffer = new byte[(int)Math.Min(Math.Min(count, Length - offset), budget)];
            var read = ReadAt(offset, buffer);
            return read == buffer.Length ? buffer : buffer[..read];
        }
    }
}
