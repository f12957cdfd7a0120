namespace Meurs.Tests.Media.Rtp;

// Seeded byte mutations for the no-throw loops: flip bits, overwrite, truncate, extend, and set
// the bytes of length fields to extremes.
internal static class Mutation
{
    public static byte[] Mutate(byte[] seed, Random random, int headerBytes)
    {
        var packet = seed.ToList();
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(7))
            {
                case 0 when packet.Count > 0:
                    var bit = random.Next(packet.Count * 8);
                    packet[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1 when packet.Count > 0:
                    packet[random.Next(packet.Count)] = (byte)random.Next(256);
                    break;
                case 2:
                    packet = packet.Take(random.Next(packet.Count + 1)).ToList();
                    break;
                case 3:
                    packet.Insert(random.Next(packet.Count + 1), (byte)random.Next(256));
                    break;
                case 4:
                    packet.AddRange(Enumerable.Range(0, random.Next(1, 9)).Select(_ => (byte)random.Next(256)));
                    break;
                case 5 when packet.Count > 0:
                    // Length and count fields sit in the first bytes; push one to an extreme.
                    packet[random.Next(Math.Min(headerBytes, packet.Count))] = random.Next(2) == 0 ? (byte)0x00 : (byte)0xFF;
                    break;
                case 6 when packet.Count > 0:
                    packet[^1] = (byte)random.Next(256); // the padding count
                    break;
            }
        }

        return [.. packet];
    }
}
