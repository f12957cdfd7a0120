namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpReplayWindow is the sliding replay list of RFC 3711 §3.3.2: it remembers which of the
/// last <see cref="Size"/> indices below the highest authenticated index have been received.
/// </summary>
/// <remarks>
/// Only indices of packets that passed authentication may be accepted, or a forger could slide
/// the window past the real stream. Not thread-safe.
/// </remarks>
public sealed class SrtpReplayWindow
{
    /// <summary>
    /// Size is the window width in packets; RFC 3711 §3.3.2 asks for at least 64, and 128
    /// tolerates the reordering a simulcast burst through an SFU produces.
    /// </summary>
    public const int Size = 128;

    // Bit k set means index (HighestIndex - k) was received.
    private UInt128 received;

    /// <summary>HasStarted is false until the first index is accepted.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>HighestIndex is the largest index accepted so far; 0 before the first.</summary>
    public ulong HighestIndex { get; private set; }

    /// <summary>
    /// IsReplayOrTooOld is true if <paramref name="index"/> was already accepted or lies
    /// <see cref="Size"/> or more behind the highest index, where it can no longer be checked.
    /// </summary>
    public bool IsReplayOrTooOld(ulong index)
    {
        if (!HasStarted || index > HighestIndex)
        {
            return false;
        }

        var behind = HighestIndex - index;
        return behind >= Size || (received & (UInt128.One << (int)behind)) != UInt128.Zero;
    }

    /// <summary>
    /// Accept records <paramref name="index"/> as received, sliding the window forward if it is
    /// new highest. Call only after the packet authenticated.
    /// </summary>
    public void Accept(ulong index)
    {
        if (!HasStarted)
        {
            HasStarted = true;
            HighestIndex = index;
            received = UInt128.One;
            return;
        }

        if (index > HighestIndex)
        {
            var ahead = index - HighestIndex;
            received = ahead >= Size ? UInt128.One : (received << (int)ahead) | UInt128.One;
            HighestIndex = index;
            return;
        }

        var behind = HighestIndex - index;
        if (behind < Size)
        {
            received |= UInt128.One << (int)behind;
        }
    }
}
