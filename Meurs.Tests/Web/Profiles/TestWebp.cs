using System.Buffers.Binary;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace Meurs.Tests.Web.Profiles;

/// <summary>
/// An animated WebP built by hand (ImageSharp 2.1 writes only still WebP): RIFF, VP8X with the animation flag, ANIM,
/// then one ANMF per frame around a lossless VP8L bitstream ImageSharp made, and an EXIF chunk that must not be kept.
/// </summary>
internal static class TestWebp
{
    public static byte[] Animated(int width, int height, int frames = 2)
    {
        using var body = new MemoryStream();
        var vp8x = new byte[10];
        vp8x[0] = 0x02 | 0x08; // animation, EXIF
        WriteUInt24(vp8x.AsSpan(4), width - 1);
        WriteUInt24(vp8x.AsSpan(7), height - 1);
        Chunk(body, "VP8X", vp8x);
        Chunk(body, "ANIM", [0, 0, 0, 0, 0, 0]);
        for (var i = 0; i < frames; i++)
        {
            var frame = Vp8l(width, height, new Rgba32((byte)(60 * i), 120, (byte)(200 - 60 * i)));
            var header = new byte[16];
            WriteUInt24(header.AsSpan(6), width - 1);
            WriteUInt24(header.AsSpan(9), height - 1);
            WriteUInt24(header.AsSpan(12), 100);
            using var anmf = new MemoryStream();
            anmf.Write(header);
            Chunk(anmf, "VP8L", frame);
            Chunk(body, "ANMF", anmf.ToArray());
        }
        Chunk(body, "EXIF", Encoding.ASCII.GetBytes("MM\0*secret camera data"));
        using var file = new MemoryStream();
        file.Write("RIFF"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)(4 + body.Length));
        file.Write(size);
        file.Write("WEBP"u8);
        body.Position = 0;
        body.CopyTo(file);
        return file.ToArray();
    }

    /// <summary>How many times <paramref name="fourCc"/> starts a chunk-like run of bytes in <paramref name="bytes"/>.</summary>
    public static int Count(byte[] bytes, string fourCc)
    {
        var needle = Encoding.ASCII.GetBytes(fourCc);
        var count = 0;
        for (var i = bytes.AsSpan().IndexOf(needle); i >= 0;)
        {
            count++;
            var next = bytes.AsSpan(i + 1).IndexOf(needle);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return count;
    }

    // The payload of the VP8L chunk of a still lossless WebP of one colour.
    private static byte[] Vp8l(int width, int height, Rgba32 colour)
    {
        using var image = new Image<Rgba32>(width, height, colour);
        using var stream = new MemoryStream();
        image.Save(stream, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });
        var bytes = stream.ToArray();
        var at = bytes.AsSpan().IndexOf("VP8L"u8);
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
        return bytes.AsSpan(at + 8, length).ToArray();
    }

    private static void Chunk(Stream output, string fourCc, byte[] payload)
    {
        output.Write(Encoding.ASCII.GetBytes(fourCc));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)payload.Length);
        output.Write(size);
        output.Write(payload);
        if (payload.Length % 2 == 1)
        {
            output.WriteByte(0);
        }
    }

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }
}
