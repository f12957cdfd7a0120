using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Meurs.Media.Stun;

/// <summary>
/// StunAddressCodec reads and writes the value shared by MAPPED-ADDRESS and XOR-MAPPED-ADDRESS
/// (RFC 8489 §14.1, §14.2).
/// </summary>
internal static class StunAddressCodec
{
    public const byte FamilyIPv4 = 0x01;
    public const byte FamilyIPv6 = 0x02;
    public const int IPv4ValueLength = 8;
    public const int IPv6ValueLength = 20;

    // RFC 8489 §14.1, Figure 5 (XOR-MAPPED-ADDRESS, Figure 6, is the same with X-Port and
    // X-Address):
    //
    //   0                   1                   2                   3
    //   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //  |0 0 0 0 0 0 0 0|    Family     |           Port                |
    //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //  |                 Address (32 bits or 128 bits)                 |
    //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //
    // The first byte "MUST be ignored by receivers". XOR: port ^ top 16 bits of the cookie;
    // IPv4 ^ cookie; IPv6 ^ (cookie || transaction id), all in network order.
    public static bool TryRead(
        ReadOnlySpan<byte> value, bool xor, StunTransactionId transactionId, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value.Length < 4)
        {
            return false;
        }

        var addressLength = value[1] switch
        {
            FamilyIPv4 => 4,
            FamilyIPv6 => 16,
            _ => -1,
        };
        if (addressLength < 0 || value.Length != 4 + addressLength)
        {
            return false;
        }

        Span<byte> address = stackalloc byte[16];
        address = address[..addressLength];
        value.Slice(4, addressLength).CopyTo(address);
        int port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        if (xor)
        {
            port ^= (int)(StunMessage.MagicCookie >> 16);
            ApplyMask(address, transactionId);
        }

        endPoint = new IPEndPoint(new IPAddress(address), port);
        return true;
    }

    public static int ValueLength(IPEndPoint endPoint) =>
        Normalize(endPoint.Address).AddressFamily == AddressFamily.InterNetwork ? IPv4ValueLength : IPv6ValueLength;

    public static int Write(Span<byte> destination, IPEndPoint endPoint, bool xor, StunTransactionId transactionId)
    {
        var address = Normalize(endPoint.Address);
        var isIPv4 = address.AddressFamily == AddressFamily.InterNetwork;
        var length = isIPv4 ? IPv4ValueLength : IPv6ValueLength;
        destination[0] = 0;
        destination[1] = isIPv4 ? FamilyIPv4 : FamilyIPv6;
        var port = (ushort)endPoint.Port;
        if (xor)
        {
            port ^= (ushort)(StunMessage.MagicCookie >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], port);
        var bytes = destination[4..length];
        address.TryWriteBytes(bytes, out _);
        if (xor)
        {
            ApplyMask(bytes, transactionId);
        }

        return length;
    }

    // A dual-mode socket reports an IPv4 peer as ::ffff:a.b.c.d; the peer sent from a.b.c.d and
    // compares its own IPv4 address with what we reflect, so it must get the IPv4 form back.
    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static void ApplyMask(Span<byte> address, StunTransactionId transactionId)
    {
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        for (var i = 0; i < address.Length; i++)
        {
            address[i] ^= mask[i];
        }
    }
}
