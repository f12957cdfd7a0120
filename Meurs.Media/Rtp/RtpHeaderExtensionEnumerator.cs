namespace Meurs.Media.Rtp;

/// <summary>
/// RtpHeaderExtensionEnumerator walks the elements of an RFC 8285 header extension body, in
/// either the one-byte (profile 0xBEDE, §4.2) or the two-byte form (profile 0x100X, §4.3).
/// </summary>
/// <remarks>
/// Padding bytes (value 0) between elements are skipped. In the one-byte form ID 15 ends the
/// walk, as §4.2 requires. An element whose length runs past the body also ends it, and sets
/// <see cref="IsMalformed"/>; elements before it stay usable, which is the most a receiver can
/// salvage and what browsers do. Any other profile yields no elements.
/// </remarks>
public ref struct RtpHeaderExtensionEnumerator
{
    /// <summary>OneByteProfile is the "defined by profile" value of the one-byte form (RFC 8285 §4.2).</summary>
    public const ushort OneByteProfile = 0xBEDE;

    /// <summary>TwoByteProfile is the two-byte form's value with its 4 "appbits" zero (RFC 8285 §4.3).</summary>
    public const ushort TwoByteProfile = 0x1000;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private readonly bool _oneByte;
    private readonly bool _twoByte;
    private int _position;
    private RtpHeaderExtensionElement _current;

    /// <summary>
    /// Creates an enumerator over an extension body.
    /// </summary>
    /// <param name="profile">The "defined by profile" field.</param>
    /// <param name="data">The extension body after the 4-byte preamble.</param>
    /// <param name="baseOffset">Where <paramref name="data"/> starts in the RTP packet, so that
    /// elements can report their offset in the packet.</param>
    public RtpHeaderExtensionEnumerator(ushort profile, ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _oneByte = profile == OneByteProfile;
        _twoByte = (profile & 0xFFF0) == TwoByteProfile;
        _position = 0;
        _current = default;
        IsMalformed = false;
    }

    /// <summary>Current is the element found by the last successful <see cref="MoveNext"/>.</summary>
    public readonly RtpHeaderExtensionElement Current => _current;

    /// <summary>IsMalformed is set once the walk stopped at an element running past the body.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>GetEnumerator returns this enumerator, so that it works with foreach.</summary>
    public readonly RtpHeaderExtensionEnumerator GetEnumerator() => this;

    /// <summary>MoveNext advances to the next element.</summary>
    /// <returns>False at the end of the body, at ID 15 (one-byte form), or at a malformed element.</returns>
    public bool MoveNext()
    {
        if (_oneByte)
        {
            return MoveNextOneByte();
        }

        return _twoByte && MoveNextTwoByte();
    }

    //  0
    //  0 1 2 3 4 5 6 7
    // +-+-+-+-+-+-+-+-+
    // |  ID   |  len  |   len = data bytes - 1
    // +-+-+-+-+-+-+-+-+
    private bool MoveNextOneByte()
    {
        while (_position < _data.Length)
        {
            var first = _data[_position];
            if (first == 0)
            {
                _position++;
                continue;
            }

            var id = first >> 4;
            if (id == 15)
            {
                // §4.2: ID 15 is reserved; its length is ignored and processing stops here.
                _position = _data.Length;
                return false;
            }

            var length = (first & 0x0F) + 1;
            var start = _position + 1;
            if (length > _data.Length - start)
            {
                return Malformed();
            }

            _current = new RtpHeaderExtensionElement((byte)id, _data.Slice(start, length), _baseOffset + start, true);
            _position = start + length;
            return true;
        }

        return false;
    }

    //  0                   1
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |       ID      |     length    |   length = data bytes, 0 allowed
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    private bool MoveNextTwoByte()
    {
        while (_position < _data.Length)
        {
            var id = _data[_position];
            if (id == 0)
            {
                _position++;
                continue;
            }

            if (_position + 1 >= _data.Length)
            {
                return Malformed();
            }

            int length = _data[_position + 1];
            var start = _position + 2;
            if (length > _data.Length - start)
            {
                return Malformed();
            }

            _current = new RtpHeaderExtensionElement(id, _data.Slice(start, length), _baseOffset + start, false);
            _position = start + length;
            return true;
        }

        return false;
    }

    private bool Malformed()
    {
        IsMalformed = true;
        _position = _data.Length;
        return false;
    }
}
