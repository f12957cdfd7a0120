using System.Buffers.Binary;
using System.IO.Compression;

namespace Meurs.E2E;

/// <summary>
/// A real PNG made in memory (RFC 2083 / PNG spec: signature, IHDR, one zlib IDAT, IEND; 8-bit RGB, filter 0 per
/// row), so a browser can decode it: a diagonal gradient with a few bands, pleasant enough for a screenshot.
/// </summary>
public static class TestPng
{
    public static byte[] Create(int width, int height)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                var band = ((x + y) / 40) % 2 == 0;
                raw.WriteByte((byte)(40 + (180 * x / width)));
                raw.WriteByte((byte)(band ? 90 + (120 * y / height) : 60 + (80 * y / height)));
                raw.WriteByte((byte)(200 - (100 * x / width)));
            }
        }
        using var zipped = new MemoryStream();
        using (var z = new ZLibStream(zipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", zipped.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream to, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        to.Write(four);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        to.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(four, Crc32(typed));
        to.Write(four);
    }

    // The PNG CRC (ISO 3309, polynomial 0xEDB88320), bit by bit: the images are small.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
