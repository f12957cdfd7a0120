namespace Meurs.Media.Stun;

/// <summary>
/// Crc32 is the CRC-32 of ISO/IEC 13239 / ITU-T V.42 (the one in Ethernet, zlib and PNG:
/// reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF) that STUN's
/// FINGERPRINT uses (RFC 8489 §14.7).
/// </summary>
/// <remarks>Written here because System.IO.Hashing is not referenced; a 256-entry table is
/// plenty for messages of a few hundred bytes.</remarks>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Compute returns the CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
