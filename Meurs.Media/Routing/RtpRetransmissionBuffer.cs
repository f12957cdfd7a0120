using System.Numerics;

namespace Meurs.Media.Routing;

/// <summary>
/// RtpRetransmissionBuffer keeps the last packets sent to one Consumer, after rewriting, indexed
/// by their output sequence number, so that a generic NACK (RFC 4585 §6.2.1) from the subscriber
/// is answered by the SFU without asking the Producer.
/// </summary>
/// <remarks>
/// <para>
/// A fixed ring of <see cref="Capacity"/> slots indexed by <c>seq mod Capacity</c>; Capacity is a
/// power of two so the mapping stays consistent across the 65535 -> 0 wrap. A slot answers only
/// for the exact sequence number stored in it, only while that number is fewer than Capacity
/// behind the newest one stored (so a slot left over from 65536 packets ago is never taken for a
/// new one), and only while it is younger than <see cref="MaxAge"/>: a packet older than the
/// receiver's jitter buffer would be discarded on arrival anyway.
/// </para>
/// <para>
/// Each packet is retransmitted at most <see cref="MaxRetransmissions"/> times and not twice
/// within <see cref="MinRetransmissionInterval"/>: a receiver repeats its NACK every round trip
/// until the packet arrives, and several NACKs for the same loss can be in flight at once.
/// </para>
/// <para>
/// Memory is bounded: one packet reference per slot. Stored packets are not copied; the caller
/// hands over a buffer it will not change again, which also keeps every returned
/// <see cref="ReadOnlyMemory{T}"/> valid after its slot is reused. Retransmissions are sent on the
/// original SSRC (RFC 4588 RTX is not used). Not thread-safe; the <see cref="Router"/> calls it
/// under its lock.
/// </para>
/// </remarks>
public sealed class RtpRetransmissionBuffer
{
    /// <summary>
    /// DefaultCapacity is the default number of slots: about 1 s of 720p video.
    /// </summary>
    public const int DefaultCapacity = 1024;

    /// <summary>
    /// MaxCapacity is the largest capacity: half the sequence space, so "behind the newest" stays
    /// unambiguous (RFC 1982).
    /// </summary>
    public const int MaxCapacity = 32768;

    /// <summary>
    /// DefaultMaxAge is how long a sent packet stays retransmittable by default: 1 s, about the
    /// largest jitter buffer a WebRTC receiver keeps for video.
    /// </summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>
    /// DefaultMinRetransmissionInterval is the default least time between two retransmissions of
    /// one packet: 20 ms, below a typical round trip, so repeats in one RTT are answered once.
    /// </summary>
    public static readonly TimeSpan DefaultMinRetransmissionInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// DefaultMaxRetransmissions is the default number of times one packet may be retransmitted.
    /// </summary>
    public const int DefaultMaxRetransmissions = 8;

    private readonly Slot[] slots;
    private bool hasNewest;
    private ushort newest;

    /// <summary>
    /// Creates an empty buffer.
    /// </summary>
    /// <param name="capacity">The number of packets kept, 1..<see cref="MaxCapacity"/>, rounded
    /// up to a power of two.</param>
    /// <param name="maxAge">How long after sending a packet can be retransmitted; null for
    /// <see cref="DefaultMaxAge"/>.</param>
    /// <param name="maxRetransmissions">How many times one packet may be retransmitted, 0 or
    /// more.</param>
    /// <param name="minRetransmissionInterval">The least time between two retransmissions of one
    /// packet; null for <see cref="DefaultMinRetransmissionInterval"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range, or a time is
    /// negative.</exception>
    public RtpRetransmissionBuffer(
        int capacity = DefaultCapacity,
        TimeSpan? maxAge = null,
        int maxRetransmissions = DefaultMaxRetransmissions,
        TimeSpan? minRetransmissionInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetransmissions);
        MaxAge = maxAge ?? DefaultMaxAge;
        MinRetransmissionInterval = minRetransmissionInterval ?? DefaultMinRetransmissionInterval;
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAge, TimeSpan.Zero, nameof(maxAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(
            MinRetransmissionInterval, TimeSpan.Zero, nameof(minRetransmissionInterval));
        MaxRetransmissions = maxRetransmissions;
        slots = new Slot[(int)BitOperations.RoundUpToPowerOf2((uint)capacity)];
    }

    /// <summary>
    /// Capacity is the number of slots, a power of two.
    /// </summary>
    public int Capacity => slots.Length;

    /// <summary>
    /// MaxAge is how long after sending a packet can be retransmitted.
    /// </summary>
    public TimeSpan MaxAge { get; }

    /// <summary>
    /// MaxRetransmissions is how many times one packet may be retransmitted.
    /// </summary>
    public int MaxRetransmissions { get; }

    /// <summary>
    /// MinRetransmissionInterval is the least time between two retransmissions of one packet.
    /// </summary>
    public TimeSpan MinRetransmissionInterval { get; }

    /// <summary>
    /// Store records a packet as sent.
    /// </summary>
    /// <param name="sequenceNumber">Its output sequence number (the one written in it).</param>
    /// <param name="packet">The whole rewritten RTP packet, which the caller must not change
    /// afterwards.</param>
    /// <param name="now">The monotonic time it was sent.</param>
    /// <remarks>A packet <see cref="Capacity"/> or more behind the newest stored is not kept.</remarks>
    public void Store(ushort sequenceNumber, ReadOnlyMemory<byte> packet, TimeSpan now)
    {
        if (!hasNewest || (short)(ushort)(sequenceNumber - newest) > 0)
        {
            newest = sequenceNumber;
            hasNewest = true;
        }
        else if (!IsInRange(sequenceNumber))
        {
            return;
        }

        slots[sequenceNumber & (slots.Length - 1)] = new Slot(sequenceNumber, packet, now);
    }

    /// <summary>
    /// TryGet looks up a stored packet without counting a retransmission.
    /// </summary>
    /// <param name="sequenceNumber">The output sequence number.</param>
    /// <param name="now">The current monotonic time, for the age check.</param>
    /// <param name="packet">The packet exactly as stored, or empty.</param>
    /// <returns>False when it was never stored, was overwritten, or is older than
    /// <see cref="MaxAge"/>.</returns>
    public bool TryGet(ushort sequenceNumber, TimeSpan now, out ReadOnlyMemory<byte> packet)
    {
        packet = default;
        if (!TryFind(sequenceNumber, now, out var index))
        {
            return false;
        }

        packet = slots[index].Packet;
        return true;
    }

    /// <summary>
    /// Resolve answers a NACK: the stored packets to retransmit for the lost sequence numbers, in
    /// the order asked, each counted as retransmitted.
    /// </summary>
    /// <param name="lostSequenceNumbers">The output sequence numbers the receiver reported lost
    /// (the PID and the set bits of the BLP of each FCI entry, RFC 4585 §6.2.1).</param>
    /// <param name="now">The current monotonic time.</param>
    /// <returns>
    /// The packets found; a number is skipped when its packet is unknown or too old, when it was
    /// already retransmitted <see cref="MaxRetransmissions"/> times or less than
    /// <see cref="MinRetransmissionInterval"/> ago (so a number repeated within one request is
    /// answered once, unless that interval is zero).
    /// </returns>
    public IReadOnlyList<ReadOnlyMemory<byte>> Resolve(IEnumerable<ushort> lostSequenceNumbers, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(lostSequenceNumbers);
        var found = new List<ReadOnlyMemory<byte>>();
        foreach (var sequenceNumber in lostSequenceNumbers)
        {
            if (!TryFind(sequenceNumber, now, out var index))
            {
                continue;
            }

            ref var slot = ref slots[index];
            if (slot.Retransmissions >= MaxRetransmissions
                || (slot.Retransmissions > 0 && now - slot.RetransmittedAt < MinRetransmissionInterval))
            {
                continue;
            }

            slot.Retransmissions++;
            slot.RetransmittedAt = now;
            found.Add(slot.Packet);
        }

        return found;
    }

    /// <summary>
    /// Clear forgets every stored packet.
    /// </summary>
    public void Clear()
    {
        Array.Clear(slots);
        hasNewest = false;
    }

    private bool IsInRange(ushort sequenceNumber) =>
        hasNewest && (ushort)(newest - sequenceNumber) < slots.Length;

    private bool TryFind(ushort sequenceNumber, TimeSpan now, out int index)
    {
        index = sequenceNumber & (slots.Length - 1);
        ref readonly var slot = ref slots[index];
        return IsInRange(sequenceNumber)
            && slot.IsSet
            && slot.SequenceNumber == sequenceNumber
            && now - slot.SentAt <= MaxAge;
    }

    private struct Slot(ushort sequenceNumber, ReadOnlyMemory<byte> packet, TimeSpan sentAt)
    {
        public readonly bool IsSet = true;
        public readonly ushort SequenceNumber = sequenceNumber;
        public readonly ReadOnlyMemory<byte> Packet = packet;
        public readonly TimeSpan SentAt = sentAt;
        public int Retransmissions;
        public TimeSpan RetransmittedAt;
    }
}
