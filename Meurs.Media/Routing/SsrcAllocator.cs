using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Meurs.Media.Routing;

/// <summary>
/// SsrcAllocator hands out random SSRCs (RFC 3550 §8) that are unique within one
/// <see cref="Router"/>, and keeps track of the SSRCs Producers already use so that no Consumer
/// is given one of them.
/// </summary>
/// <remarks>
/// A subscriber receives many Consumers over one transport, and possibly its own Producers' SSRCs
/// in RTCP, so a collision would mix two streams in its decoder; uniqueness is checked rather
/// than left to the birthday odds. Values come from a cryptographic generator so that one
/// participant cannot predict another's SSRCs (RFC 3550 §8 asks for randomness; RFC 3711 §9.1
/// relies on SSRC uniqueness for keystream separation). Zero is never allocated because some
/// stacks use it to mean "unset". Not thread-safe; the <see cref="Router"/> calls it under its lock.
/// </remarks>
public sealed class SsrcAllocator
{
    private readonly HashSet<uint> inUse = [];

    /// <summary>
    /// Count is how many SSRCs are allocated or reserved.
    /// </summary>
    public int Count => inUse.Count;

    /// <summary>
    /// Allocate returns a new random non-zero SSRC and marks it in use.
    /// </summary>
    /// <returns>An SSRC not currently allocated or reserved.</returns>
    public uint Allocate()
    {
        Span<byte> bytes = stackalloc byte[4];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            if (ssrc != 0 && inUse.Add(ssrc))
            {
                return ssrc;
            }
        }
    }

    /// <summary>
    /// TryReserve marks an SSRC chosen elsewhere (a Producer's) as in use.
    /// </summary>
    /// <param name="ssrc">The SSRC to reserve.</param>
    /// <returns>False when it is already allocated or reserved.</returns>
    public bool TryReserve(uint ssrc) => inUse.Add(ssrc);

    /// <summary>
    /// IsInUse tells whether an SSRC is allocated or reserved.
    /// </summary>
    /// <param name="ssrc">The SSRC to look up.</param>
    /// <returns>True when it is in use.</returns>
    public bool IsInUse(uint ssrc) => inUse.Contains(ssrc);

    /// <summary>
    /// Release makes an SSRC available again.
    /// </summary>
    /// <param name="ssrc">The SSRC to release.</param>
    /// <returns>False when it was not in use.</returns>
    public bool Release(uint ssrc) => inUse.Remove(ssrc);
}
