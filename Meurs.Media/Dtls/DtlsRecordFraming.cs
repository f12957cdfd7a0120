using System.Buffers.Binary;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsRecordFraming finds DTLS record boundaries (RFC 6347 §4.1: a 13-byte header whose last
/// two bytes are the fragment length). A datagram may hold several records (RFC 6347 §4.1.1),
/// and memory BIOs keep no boundaries, so both directions need them:
/// <list type="bullet">
/// <item>In, each record goes to OpenSSL on its own: OpenSSL treats one BIO read as one
/// packet and, when it drops a record (a stale retransmission, a bad MAC), drops the rest of
/// the packet with it.</item>
/// <item>Out, the stream OpenSSL wrote is cut back into datagrams of whole records up to the
/// MTU (OpenSSL already keeps each record within it).</item>
/// </list>
/// </summary>
internal static class DtlsRecordFraming
{
    private const int HeaderLength = 13;

    /// <summary>
    /// NextRecordLength is the length of the record at the start of <paramref name="bytes"/>,
    /// header included; when the header is cut short or claims more than is there, it is all
    /// of <paramref name="bytes"/> (OpenSSL then discards it as malformed).
    /// </summary>
    internal static int NextRecordLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength)
        {
            return bytes.Length;
        }

        var length = HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(11, 2));
        return Math.Min(length, bytes.Length);
    }

    /// <summary>
    /// TryReadHeader reads the epoch and declared fragment length of the record at the start of
    /// <paramref name="bytes"/>; false when fewer than 13 bytes are there.
    /// </summary>
    internal static bool TryReadHeader(ReadOnlySpan<byte> bytes, out ushort epoch, out int length)
    {
        if (bytes.Length < HeaderLength)
        {
            (epoch, length) = (0, 0);
            return false;
        }

        epoch = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(3, 2));
        length = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(11, 2));
        return true;
    }

    /// <summary>
    /// Pack appends to <paramref name="output"/> datagrams of whole records, each at most
    /// <paramref name="mtu"/> bytes unless one record alone is longer.
    /// </summary>
    internal static void Pack(ReadOnlySpan<byte> stream, int mtu, List<byte[]> output)
    {
        var start = 0;
        var at = 0;
        while (at < stream.Length)
        {
            var recordLength = NextRecordLength(stream[at..]);
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
