using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Meurs.Media.Rtcp;

/// <summary>
/// SourceDescription is an RTCP SDES packet (RFC 3550 §6.5, PT 202): chunks of items per source,
/// chiefly the CNAME that ties a participant's SSRCs together.
/// </summary>
public sealed class SourceDescription : IRtcpPacket
{
    /// <summary>MaxChunks is the most chunks the 5-bit SC field can announce.</summary>
    public const int MaxChunks = 31;

    /// <summary>Chunks are the chunks, at most 31.</summary>
    public IReadOnlyList<SourceDescriptionChunk> Chunks { get; init; } = [];

    /// <summary>
    /// Cname builds the SDES a WebRTC endpoint sends: one chunk with one CNAME item.
    /// </summary>
    public static SourceDescription Cname(uint ssrc, string cname) => new()
    {
        Chunks =
        [
            new SourceDescriptionChunk
            {
                Source = ssrc,
                Items = [new SourceDescriptionItem(SourceDescriptionItemType.Cname, cname)],
            },
        ],
    };

    /// <summary>
    /// TryParse reads one SDES packet.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet.</param>
    /// <param name="description">The description on success.</param>
    /// <returns>False when the header is malformed, the type is not SDES, or a chunk has fewer
    /// bytes than its items claim or no END octet. Bytes after the last announced chunk are
    /// ignored. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out SourceDescription? description)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|    SC   |  PT=SDES=202  |             length            |
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        // |                          SSRC/CSRC_1                          |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |     type      |     length    | text (length bytes) ...       |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |  ... more items, then END (0) and zeros to a 32-bit boundary  |
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        description = null;
        if (!RtcpHeader.TryParse(packet, RtcpPacketType.SourceDescription, out var parsed))
        {
            return false;
        }

        var payload = parsed.Payload;
        var chunks = new SourceDescriptionChunk[parsed.Count];
        var offset = 0;
        for (var c = 0; c < chunks.Length; c++)
        {
            if (payload.Length - offset < 4)
            {
                return false;
            }

            var source = BinaryPrimitives.ReadUInt32BigEndian(payload[offset..]);
            offset += 4;
            var items = new List<SourceDescriptionItem>();
            while (true)
            {
                if (offset >= payload.Length)
                {
                    return false;
                }

                var type = payload[offset];
                if (type == (byte)SourceDescriptionItemType.End)
                {
                    // The END octet, then null octets up to the next 32-bit boundary; chunks
                    // start word-aligned because the payload does.
                    offset = (offset + 4) & ~3;
                    break;
                }

                if (payload.Length - offset < 2 || payload[offset + 1] > payload.Length - offset - 2)
                {
                    return false;
                }

                int length = payload[offset + 1];
                var text = Encoding.UTF8.GetString(payload.Slice(offset + 2, length));
                items.Add(new SourceDescriptionItem((SourceDescriptionItemType)type, text));
                offset += 2 + length;
            }

            if (offset > payload.Length)
            {
                return false;
            }

            chunks[c] = new SourceDescriptionChunk { Source = source, Items = items };
        }

        description = new SourceDescription { Chunks = chunks };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength()
    {
        if (Chunks.Count > MaxChunks)
        {
            return -1;
        }

        var length = RtcpPacket.HeaderLength;
        foreach (var chunk in Chunks)
        {
            var chunkLength = ChunkLength(chunk);
            if (chunkLength < 0)
            {
                return -1;
            }

            length += chunkLength;
        }

        return RtcpHeader.CheckedLength(length);
    }

    /// <inheritdoc/>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var length = GetLength();
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        var packet = destination[..length];
        packet.Clear();
        RtcpHeader.Write(packet, Chunks.Count, RtcpPacketType.SourceDescription, length);
        var offset = RtcpPacket.HeaderLength;
        foreach (var chunk in Chunks)
        {
            var start = offset;
            BinaryPrimitives.WriteUInt32BigEndian(packet[offset..], chunk.Source);
            offset += 4;
            foreach (var item in chunk.Items)
            {
                packet[offset] = (byte)item.Type;
                var textLength = Encoding.UTF8.GetBytes(item.Text ?? string.Empty, packet[(offset + 2)..]);
                packet[offset + 1] = (byte)textLength;
                offset += 2 + textLength;
            }

            // END plus zeros to the boundary are already zero from the Clear above.
            offset = start + ChunkLength(chunk);
        }

        written = length;
        return true;
    }

    private static int ChunkLength(SourceDescriptionChunk chunk)
    {
        var length = 4;
        foreach (var item in chunk.Items)
        {
            var textLength = Encoding.UTF8.GetByteCount(item.Text ?? string.Empty);
            if (item.Type == SourceDescriptionItemType.End || textLength > 255)
            {
                return -1;
            }

            length += 2 + textLength;
        }

        // At least one END octet, then up to the next 32-bit boundary.
        return (length + 4) & ~3;
    }
}
