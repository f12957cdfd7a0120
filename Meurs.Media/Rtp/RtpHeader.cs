namespace Meurs.Media.Rtp;

/// <summary>
/// RtpHeader holds the header fields <see cref="RtpPacketWriter"/> writes (RFC 3550 §5.1). The
/// version is always 2; the P bit follows the padding length passed to the writer.
/// </summary>
public sealed class RtpHeader
{
    /// <summary>Marker is the M bit.</summary>
    public bool Marker { get; init; }

    /// <summary>PayloadType is the 7-bit payload type, 0..127.</summary>
    public byte PayloadType { get; init; }

    /// <summary>SequenceNumber is the 16-bit sequence number.</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>Timestamp is the RTP timestamp in the payload format's clock rate.</summary>
    public uint Timestamp { get; init; }

    /// <summary>Ssrc is the synchronization source identifier.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Csrcs is the contributing source list, at most 15 entries.</summary>
    public IReadOnlyList<uint> Csrcs { get; init; } = [];

    /// <summary>
    /// HasExtension sets the X bit. It is a separate flag because an extension with an empty body
    /// is valid (RFC 3550 §5.3.1).
    /// </summary>
    public bool HasExtension { get; init; }

    /// <summary>ExtensionProfile is the "defined by profile" field (0xBEDE, 0x100X for RFC 8285).</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>
    /// ExtensionData is the extension body after the preamble; a multiple of 4 bytes, at most
    /// 65535 words. <see cref="RtpHeaderExtensionWriter"/> builds RFC 8285 bodies.
    /// </summary>
    public ReadOnlyMemory<byte> ExtensionData { get; init; }
}
