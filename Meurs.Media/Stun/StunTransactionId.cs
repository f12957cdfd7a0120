using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Meurs.Media.Stun;

/// <summary>
/// StunTransactionId is the 96-bit transaction id at STUN header bytes 8..19 (RFC 8489 §5). A
/// response copies the request's; it also keys the XOR of an IPv6 XOR-MAPPED-ADDRESS (§14.2).
/// </summary>
/// <remarks>Held as two integers rather than an array so the id is a value: equal ids compare
/// equal, and copying one allocates nothing.</remarks>
public readonly record struct StunTransactionId
{
    /// <summary>Length is the size of a transaction id in bytes.</summary>
    public const int Length = 12;

    private readonly ulong first;
    private readonly uint last;

    /// <summary>
    /// Creates the id whose bytes, in wire order, are <paramref name="bytes"/>.
    /// </summary>
    /// <param name="bytes">Exactly <see cref="Length"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 12 bytes long.</exception>
    public StunTransactionId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A STUN transaction id is {Length} bytes.", nameof(bytes));
        }

        first = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        last = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]);
    }

    /// <summary>
    /// NewRandom makes an id from the cryptographic random generator, as RFC 8489 §5 asks
    /// ("uniformly and randomly chosen from the interval 0 .. 2**96-1").
    /// </summary>
    /// <returns>A fresh id.</returns>
    public static StunTransactionId NewRandom()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        return new StunTransactionId(bytes);
    }

    /// <summary>CopyTo writes the 12 bytes in wire order.</summary>
    /// <param name="destination">At least <see cref="Length"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 12 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"A STUN transaction id is {Length} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, first);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], last);
    }

    /// <summary>ToArray returns the 12 bytes in wire order.</summary>
    /// <returns>A new 12-byte array.</returns>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>ToString gives the id as 24 upper-case hexadecimal digits in wire order.</summary>
    /// <returns>The hexadecimal id.</returns>
    public override string ToString() => $"{first:X16}{last:X8}";
}
