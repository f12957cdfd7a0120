using System.Buffers.Binary;
using System.Numerics;

namespace Meurs.Web.Features.Library;

/// <summary>
/// Reads the playing time of an audio or video file from its container headers, cheaply enough to
/// run for every file of a library scan.
/// </summary>
/// <remarks>
/// <para>
/// Nothing is decoded and no file is read whole: a call reads at most 512 KiB in a handful of
/// positioned reads (fewer than 64 KiB for typical files), however large the file is.
/// </para>
/// <para>The format is recognised from the file's leading bytes, with the extension as a hint for MP3
/// and QuickTime files that carry no signature. Supported formats and where the figure comes from:</para>
/// <list type="bullet">
/// <item><description>WAV (RIFF/WAVE, and RF64 per EBU Tech 3306): <c>data</c> chunk size over the
/// <c>fmt </c> chunk's byte rate, or the <c>fact</c> chunk's sample count for compressed WAV.</description></item>
/// <item><description>FLAC (RFC 9639): STREAMINFO total samples over its sample rate.</description></item>
/// <item><description>Ogg Vorbis, Ogg Opus and Ogg FLAC (RFC 3533, RFC 7845, Vorbis I spec §A.2):
/// granule position of the stream's last page, over the identification header's sample rate;
/// for Opus, minus the pre-skip, over 48 kHz.</description></item>
/// <item><description>MP3 and other MPEG-1/2/2.5 audio layers (ISO/IEC 11172-3, 13818-3): frame count from a
/// Xing/Info or VBRI header; otherwise a constant-bit-rate estimate from the first frame's bit rate and
/// the file size. Leading ID3v2 and trailing ID3v1 tags are skipped.</description></item>
/// <item><description>MP4, M4A, MOV (ISO/IEC 14496-12): <c>moov/mvhd</c> duration over its timescale,
/// <c>mvhd</c> versions 0 and 1, wherever <c>moov</c> sits; <c>mvex/mehd</c> for fragmented files.</description></item>
/// <item><description>WebM and Matroska (RFC 9559): <c>Segment/Info</c> Duration (4- or 8-byte float)
/// times TimestampScale.</description></item>
/// </list>
/// <para>
/// Malformed, truncated or unsupported input yields <see langword="null"/>, never an exception.
/// Files whose headers do not state a duration (for example WebM written live by a browser's
/// MediaRecorder) also yield <see langword="null"/>.
/// </para>
/// </remarks>
public static class MediaDuration
{
    // The budget is what keeps "cheap" true for hostile files: every read is charged against it, so a
    // file with thousands of tiny boxes or a giant tag cannot make a scan read megabytes.
    private const int MaxBytesRead = 512 * 1024;

    // Ogg pages are at most 27 + 255 + 255 * 255 = 65,307 bytes, so this tail always holds the whole of
    // the last page even when it is maximal, with room for the page before it.
    private const int OggTailBytes = 96 * 1024;

    // Beginning-of-stream pages come first and carry only the small identification packets.
    private const int OggHeadBytes = 16 * 1024;

    // Encoders put the first MPEG frame right after the tags; junk before it is rare and short.
    private const int Mp3SyncWindowBytes = 64 * 1024;

    private const int MaxMatroskaInfoBytes = 64 * 1024;

    // Iteration caps are a second line of defence next to the byte budget: loops must end even if a
    // parser bug ever stopped charging reads.
    private const int MaxChunks = 256;

    // Anything longer than about three years is a corrupt header, and the cap keeps the conversion to
    // ticks far away from overflow.
    private const double MaxPlausibleSeconds = 1e8;

    private static readonly uint[] OggCrcTable = BuildOggCrcTable();

    /// <summary>
    /// Reads the duration of the media file at <paramref name="path"/> from its headers.
    /// </summary>
    /// <param name="path">Path of an audio or video file; absolute, or relative to the current directory.</param>
    /// <returns>
    /// The playing time, rounded to the nearest 100 ns tick; or <see langword="null"/> when the file is
    /// missing, unreadable, of an unsupported format, malformed, truncated before the headers that state
    /// the duration, or when its headers do not state one.
    /// </returns>
    /// <remarks>
    /// Never throws for file-system errors or file content: I/O and permission failures become
    /// <see langword="null"/>. The file is opened for reading with sharing, so files being written
    /// or replaced by other processes are not disturbed.
    /// </remarks>
    public static TimeSpan? TryRead(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            // Unbuffered: every read here is a deliberate, positioned one, and a 4 KiB buffer would
            // only add bytes to read at each seek.
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

    /// <summary>
    /// Reads the duration of the media in <paramref name="stream"/> from its headers.
    /// </summary>
    /// <param name="stream">A readable, seekable stream holding the whole file from offset 0; its
    /// position is ignored on entry and unspecified on return.</param>
    /// <param name="extension">The file's extension, with or without the leading dot (".mp3", "m4a");
    /// only consulted for formats without a signature.</param>
    /// <returns>As <see cref="TryRead(string)"/>; also <see langword="null"/> for a stream that cannot
    /// read or seek.</returns>
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
        Span<byte> magic = stackalloc byte[12];
        var read = source.ReadAt(start, magic);
        magic = magic[..read];

        if (read >= 12 && (magic.StartsWith("RIFF"u8) || magic.StartsWith("RF64"u8)) && magic[8..12].SequenceEqual("WAVE"u8))
        {
            return ReadWav(source, start);
        }

        if (magic.StartsWith("fLaC"u8))
        {
            return ReadFlac(source, start);
        }

        if (magic.StartsWith("OggS"u8))
        {
            return ReadOgg(source, start);
        }

        if (magic.StartsWith(EbmlMagic))
        {
            return ReadMatroska(source, start);
        }

        if ((read >= 8 && magic[4..8].SequenceEqual("ftyp"u8)) || IsAnyOf(extension, "mp4", "m4a", "m4v", "m4b", "mov"))
        {
            return ReadMp4(source, start);
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

    private static TimeSpan? ReadWav(Source source, long start)
    {
        var isRf64 = false;
        Span<byte> riff = stackalloc byte[4];
        if (source.ReadAt(start, riff) == 4)
        {
            isRf64 = riff.SequenceEqual("RF64"u8);
        }

        int formatTag = 0, blockAlign = 0;
        long sampleRate = 0, byteRate = 0;
        var haveFormat = false;
        long? ds64DataSize = null;
        long? factSamples = null;

        Span<byte> header = stackalloc byte[8];
        Span<byte> body = stackalloc byte[16];
        var offset = start + 12;
        for (var i = 0; i < MaxChunks && source.Length - offset >= 8; i++)
        {
            if (source.ReadAt(offset, header) < 8)
            {
                return null;
            }

            var id = header[..4];
            long size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            var bodyStart = offset + 8;

            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || source.ReadAt(bodyStart, body[..16]) < 16)
                {
                    return null;
                }

                formatTag = BinaryPrimitives.ReadUInt16LittleEndian(body);
                sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(body[8..]);
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(body[12..]);
                haveFormat = true;
            }
            else if (id.SequenceEqual("ds64"u8) && size >= 16 && source.ReadAt(bodyStart, body[..16]) == 16)
            {
                // RF64 moves sizes over 4 GiB here; the data chunk header then holds 0xFFFFFFFF.
                var dataSize = BinaryPrimitives.ReadUInt64LittleEndian(body[8..]);
                ds64DataSize = dataSize <= long.MaxValue ? (long)dataSize : null;
            }
            else if (id.SequenceEqual("fact"u8) && size >= 4 && source.ReadAt(bodyStart, body[..4]) == 4)
            {
                factSamples = BinaryPrimitives.ReadUInt32LittleEndian(body);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    return null;
                }

                if (isRf64 && size == uint.MaxValue && ds64DataSize is { } large)
                {
                    size = large;
                }

                // A truncated file, or a writer that never patched the size (streaming), claims more
                // than is there; what is there is what will play.
                size = Math.Min(size, source.Length - bodyStart);
                return WavDuration(formatTag, sampleRate, byteRate, blockAlign, size, factSamples);
            }

            offset = bodyStart + size + (size & 1);
        }

        return null;
    }

    private static TimeSpan? WavDuration(int formatTag, long sampleRate, long byteRate, int blockAlign, long dataSize, long? factSamples)
    {
        // PCM, IEEE float, A-law, mu-law, and WAVE_FORMAT_EXTENSIBLE (which in practice wraps those).
        var isUncompressed = formatTag is 1 or 3 or 6 or 7 or 0xFFFE;

        if (!isUncompressed && factSamples is { } samples && sampleRate > 0)
        {
            return FromSeconds((double)samples / sampleRate);
        }

        // For uncompressed audio the frame size is exact, whereas byte rate is sometimes written wrongly.
        var bytesPerSecond = isUncompressed && blockAlign > 0 && sampleRate > 0 ? blockAlign * sampleRate : byteRate;
        return bytesPerSecond > 0 ? FromSeconds((double)dataSize / bytesPerSecond) : null;
    }

    private static TimeSpan? ReadFlac(Source source, long start)
    {
        Span<byte> head = stackalloc byte[4 + 4 + 34];
        if (source.ReadAt(start, head) < head.Length)
        {
            return null;
        }

        // RFC 9639 §8.1: STREAMINFO must be the first metadata block.
        var blockType = head[4] & 0x7F;
        var blockLength = (head[5] << 16) | (head[6] << 8) | head[7];
        if (blockType != 0 || blockLength < 34)
        {
            return null;
        }

        return FlacStreamInfoDuration(head[8..]);
    }

    private static TimeSpan? FlacStreamInfoDuration(ReadOnlySpan<byte> streamInfo)
    {
        if (streamInfo.Length < 18)
        {
            return null;
        }

        // Bits 80..99 hold the sample rate; bits 108..143 the total interchannel samples, 0 if unknown.
        var sampleRate = (streamInfo[10] << 12) | (streamInfo[11] << 4) | (streamInfo[12] >> 4);
        var totalSamples = ((long)(streamInfo[13] & 0x0F) << 32) | BinaryPrimitives.ReadUInt32BigEndian(streamInfo[14..]);
        return sampleRate > 0 && totalSamples > 0 ? FromSeconds((double)totalSamples / sampleRate) : null;
    }

    private static TimeSpan? ReadOgg(Source source, long start)
    {
        var head = source.ReadBlock(start, OggHeadBytes);
        if (!TryFindOggAudioStream(head, out var serial, out var sampleRate, out var preSkip))
        {
            return null;
        }

        var tailStart = Math.Max(start, source.Length - OggTailBytes);
        var tail = source.ReadBlock(tailStart, (int)(source.Length - tailStart));

        // Scanning backwards finds the last page fast; the CRC rejects "OggS" that merely occurs inside
        // compressed data, and pages cut short by truncation are skipped as incomplete.
        for (var i = tail.Length - 27; i >= 0; i--)
        {
            if (tail[i] != (byte)'O'
                || !TryParseOggPage(tail, i, out var page)
                || page.Serial != serial
                || page.Granule < 0
                || !OggCrcMatches(tail.AsSpan(page.Start, page.End - page.Start)))
            {
                continue;
            }

            var samples = page.Granule - preSkip;
            return samples >= 0 ? FromSeconds((double)samples / sampleRate) : null;
        }

        return null;
    }

    // Picks the first Vorbis, Opus or FLAC stream among the beginning-of-stream pages, so Ogg video
    // with a Theora stream first still reports its audio's length.
    private static bool TryFindOggAudioStream(byte[] head, out uint serial, out long sampleRate, out long preSkip)
    {
        serial = 0;
        sampleRate = 0;
        preSkip = 0;
        var position = 0;
        for (var i = 0; i < 16 && TryParseOggPage(head, position, out var page); i++)
        {
            if ((page.HeaderType & 0x02) == 0)
            {
                break;
            }

            var packet = head.AsSpan(page.BodyStart, page.End - page.BodyStart);
            if (packet.Length >= 16 && packet.StartsWith("\u0001vorbis"u8))
            {
                // Vorbis I spec §4.2.2: audio_sample_rate follows version (4) and channels (1).
                sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]);
            }
            else if (packet.Length >= 19 && packet.StartsWith("OpusHead"u8))
            {
                // RFC 7845 §4: granule positions count 48 kHz samples whatever the input rate was, and
                // include the pre-skip that decoders drop.
                sampleRate = 48000;
                preSkip = BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]);
            }
            else if (packet.Length >= 51 && packet.StartsWith("\u007FFLAC"u8) && packet[9..13].SequenceEqual("fLaC"u8))
            {
                // Ogg FLAC mapping: 13-byte prefix, "fLaC", a metadata block header, then STREAMINFO.
                var streamInfo = packet[17..];
                sampleRate = (streamInfo[10] << 12) | (streamInfo[11] << 4) | (streamInfo[12] >> 4);
            }

            if (sampleRate > 0)
            {
                serial = page.Serial;
                return true;
            }

            position = page.End;
        }

        return false;
    }

    private static bool TryParseOggPage(ReadOnlySpan<byte> data, int start, out OggPage page)
    {
        page = default;
        if (start < 0 || data.Length - start < 27)
        {
            return false;
        }

        var header = data[start..];
        if (!header.StartsWith("OggS"u8) || header[4] != 0)
        {
            return false;
        }

        int segmentCount = header[26];
        if (header.Length < 27 + segmentCount)
        {
            return false;
        }

        var bodyLength = 0;
        foreach (var lacing in header.Slice(27, segmentCount))
        {
            bodyLength += lacing;
        }

        var bodyStart = start + 27 + segmentCount;
        if (data.Length - bodyStart < bodyLength)
        {
            return false;
        }

        page = new OggPage(
            start,
            header[5],
            BinaryPrimitives.ReadInt64LittleEndian(header[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[14..]),
            bodyStart,
            bodyStart + bodyLength);
        return true;
    }

    // RFC 3533 §6: CRC-32, polynomial 0x04C11DB7, no reflection, zero initial value and final XOR,
    // computed with the checksum field itself zeroed.
    private static bool OggCrcMatches(ReadOnlySpan<byte> page)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(page[22..]);
        uint crc = 0;
        for (var i = 0; i < page.Length; i++)
        {
            var value = i is >= 22 and < 26 ? (byte)0 : page[i];
            crc = (crc << 8) ^ OggCrcTable[(int)(((crc >> 24) ^ value) & 0xFF)];
        }

        return crc == stored;
    }

    private static uint[] BuildOggCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var remainder = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                remainder = (remainder & 0x80000000) != 0 ? (remainder << 1) ^ 0x04C11DB7 : remainder << 1;
            }

            table[i] = remainder;
        }

        return table;
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

    private static TimeSpan? ReadMp4(Source source, long start)
    {
        if (FindBox(source, start, source.Length, "moov"u8) is not { } moov
            || FindBox(source, moov.Start, moov.End, "mvhd"u8) is not { } mvhd)
        {
            return null;
        }

        Span<byte> body = stackalloc byte[32];
        body = body[..source.ReadAt(mvhd.Start, body[..(int)Math.Min(32, mvhd.End - mvhd.Start)])];

        // ISO/IEC 14496-12 §8.2.2: version 1 widens the times and duration to 64 bits.
        long timescale;
        ulong duration;
        if (body.Length >= 20 && body[0] == 0)
        {
            timescale = BinaryPrimitives.ReadUInt32BigEndian(body[12..]);
            var narrow = BinaryPrimitives.ReadUInt32BigEndian(body[16..]);
            duration = narrow == uint.MaxValue ? ulong.MaxValue : narrow;
        }
        else if (body.Length >= 32 && body[0] == 1)
        {
            timescale = BinaryPrimitives.ReadUInt32BigEndian(body[20..]);
            duration = BinaryPrimitives.ReadUInt64BigEndian(body[24..]);
        }
        else
        {
            return null;
        }

        // Fragmented files leave mvhd at zero and state the total in mvex/mehd, in the same timescale.
        if (duration == 0)
        {
            duration = ReadFragmentDuration(source, moov);
        }

        return timescale > 0 && duration is > 0 and < ulong.MaxValue ? FromSeconds((double)duration / timescale) : null;
    }

    private static ulong ReadFragmentDuration(Source source, Box moov)
    {
        if (FindBox(source, moov.Start, moov.End, "mvex"u8) is not { } mvex
            || FindBox(source, mvex.Start, mvex.End, "mehd"u8) is not { } mehd)
        {
            return 0;
        }

        Span<byte> body = stackalloc byte[12];
        body = body[..source.ReadAt(mehd.Start, body[..(int)Math.Min(12, mehd.End - mehd.Start)])];
        if (body.Length >= 8 && body[0] == 0)
        {
            return BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        }

        return body.Length >= 12 && body[0] == 1 ? BinaryPrimitives.ReadUInt64BigEndian(body[4..]) : 0;
    }

    // Walks sibling boxes by their headers alone, so an mdat of any size in front of moov costs one
    // 16-byte read to step over.
    private static Box? FindBox(Source source, long offset, long end, ReadOnlySpan<byte> type)
    {
        Span<byte> header = stackalloc byte[16];
        for (var i = 0; i < MaxChunks && end - offset >= 8; i++)
        {
            var read = source.ReadAt(offset, header[..(int)Math.Min(16, end - offset)]);
            if (read < 8)
            {
                return null;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerLength = 8;
            if (size == 1)
            {
                var large = read >= 16 ? BinaryPrimitives.ReadUInt64BigEndian(header[8..]) : 0;
                if (large is 0 or > long.MaxValue)
                {
                    return null;
                }

                size = (long)large;
                headerLength = 16;
            }
            else if (size == 0)
            {
                // Size 0: the box runs to the end of its container.
                size = end - offset;
            }

            if (size < headerLength)
            {
                return null;
            }

            if (header.Slice(4, 4).SequenceEqual(type))
            {
                // A box cut short by truncation still yields whatever of it is present.
                return new Box(offset + headerLength, offset + Math.Min(size, end - offset));
            }

            if (size > end - offset)
            {
                return null;
            }

            offset += size;
        }

        return null;
    }

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
        return MatroskaInfoDuration(body);
    }

    // RFC 9559 §5.1.2: Duration is a float in TimestampScale units, which default to 1 ms.
    private static TimeSpan? MatroskaInfoDuration(ReadOnlySpan<byte> info)
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

        return duration is { } units && timestampScale > 0 ? FromSeconds(units * timestampScale / 1e9) : null;
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

    private readonly record struct OggPage(int Start, byte HeaderType, long Granule, uint Serial, int BodyStart, int End);

    private readonly record struct MpegFrame(int Version, int Layer, int Bitrate, int SampleRate, int Length, bool IsMono, int SamplesPerFrame);

    private readonly record struct Box(long Start, long End);

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
