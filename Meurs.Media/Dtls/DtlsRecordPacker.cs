using System.Buffers.Binary;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsRecordPacker cuts the byte stream OpenSSL wrote into its memory BIO back into datagrams.
/// A memory BIO keeps no write boundaries, but every DTLS record carries its own length
/// (RFC 6347 §4.1) and a datagram may hold several records (RFC 6347 §4.1.1), so whole records
/// are packed greedily up to the MTU. OpenSSL already keeps each record within the MTU.
/// </summary>
internal static class DtlsRecordPacker
{
    private const int HeaderLength = 13;

    /// <summary>
    /// Pack appends to <paramref name="output"/> datagrams of whole records, each at most
    /// <paramref name="mtu"/> bytes unless one record alone is longer. Bytes that don't parse as
    /// a record (which OpenSSL never writes) go out as they are, in the last datagram.
    /// </summary>
    internal static void Pack(ReadOnlySpan<byte> stream, int mtu, List<byte[]> output)
    {
        var start = 0;
        var at = 0;
        while (at < stream.Length)
        {
            var remaining = stream.Length - at;
            var recordLength = remaining >= HeaderLength
                ? HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(stream.Slice(at + 11, 2))
                : remaining;
            recordLength = Math.Min(recordLength, remaining);

            if (at > start && at + recordLength - start > mtu)
            {
                output.Add(stream[start..at].ToArray());
                start = at;
            }

            at += recordLength;
        }

        if (at > start)
        {
            output.Add(stream[start..at].ToArray());
        }
    }
}
