namespace Meurs.Media.Rtcp;

/// <summary>
/// RtcpCompoundReader walks the packets of a compound RTCP packet (RFC 3550 §6.1), validating
/// each common header and length field against the bytes that remain.
/// </summary>
/// <remarks>
/// The walk stops at the first packet whose header is malformed or whose length runs past the
/// end, and sets <see cref="IsMalformed"/>; packets before it were well formed and may be used.
/// Nothing is thrown. Reduced-size RTCP (RFC 5506) is accepted: a compound packet need not start
/// with SR or RR.
/// </remarks>
public ref struct RtcpCompoundReader
{
    private ReadOnlySpan<byte> _remaining;
    private RtcpPacket _current;

    /// <summary>Creates a reader over one datagram's RTCP bytes (after SRTCP unprotection).</summary>
    public RtcpCompoundReader(ReadOnlySpan<byte> buffer)
    {
        _remaining = buffer;
        _current = default;
        IsMalformed = false;
    }

    /// <summary>Current is the packet found by the last successful <see cref="MoveNext"/>.</summary>
    public readonly RtcpPacket Current => _current;

    /// <summary>IsMalformed is set once the walk stopped at a malformed packet rather than at the end.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>GetEnumerator returns this reader, so that it works with foreach.</summary>
    public readonly RtcpCompoundReader GetEnumerator() => this;

    /// <summary>MoveNext advances to the next packet.</summary>
    /// <returns>False at the end of the buffer or at a malformed packet (see <see cref="IsMalformed"/>).</returns>
    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        if (!RtcpPacket.TryReadFirst(_remaining, out _current))
        {
            IsMalformed = true;
            _remaining = default;
            return false;
        }

        _remaining = _remaining[_current.Data.Length..];
        return true;
    }

    /// <summary>TryRead is <see cref="MoveNext"/> returning the packet.</summary>
    public bool TryRead(out RtcpPacket packet)
    {
        var moved = MoveNext();
        packet = moved ? _current : default;
        return moved;
    }

    /// <summary>
    /// IsValid tells whether <paramref name="buffer"/> is one or more well-formed RTCP packets
    /// that fill it exactly.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return false;
        }

        var reader = new RtcpCompoundReader(buffer);
        while (reader.MoveNext())
        {
        }

        return !reader.IsMalformed;
    }
}
