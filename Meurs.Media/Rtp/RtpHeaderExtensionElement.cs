namespace Meurs.Media.Rtp;

/// <summary>
/// RtpHeaderExtensionElement is one RFC 8285 header extension element as found in a packet: its
/// local identifier and data, borrowed from the packet's bytes.
/// </summary>
public readonly ref struct RtpHeaderExtensionElement
{
    internal RtpHeaderExtensionElement(byte id, ReadOnlySpan<byte> data, int offset, bool isOneByte)
    {
        Id = id;
        Data = data;
        Offset = offset;
        IsOneByte = isOneByte;
    }

    /// <summary>Id is the local identifier: 1..14 in the one-byte form, 1..255 in the two-byte form.</summary>
    public byte Id { get; }

    /// <summary>Data is the element's data: 1..16 bytes in the one-byte form, 0..255 in the two-byte form.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Offset is where <see cref="Data"/> starts, counted from the first byte of the RTP packet.</summary>
    public int Offset { get; }

    /// <summary>IsOneByte tells the one-byte form (profile 0xBEDE, RFC 8285 §4.2) from the two-byte form (§4.3).</summary>
    public bool IsOneByte { get; }
}
