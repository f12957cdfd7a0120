namespace Meurs.Media.Rtp;

/// <summary>
/// KeyframeDetector tells whether an RTP payload starts (or, for H.264, contains the start of) a
/// keyframe, so an SFU can switch a consumer onto a stream or stop asking for PLIs.
/// </summary>
/// <remarks>
/// Only the payload descriptor and the first bytes of the codec bitstream are read; malformed or
/// truncated payloads are "not a keyframe", never an exception.
/// </remarks>
public static class KeyframeDetector
{
    /// <summary>
    /// IsKeyframe inspects one RTP payload (<see cref="RtpPacket.Payload"/>).
    /// </summary>
    /// <param name="codec">The payload format, from the payload type's rtpmap.</param>
    /// <param name="payload">The RTP payload, padding excluded.</param>
    /// <returns>True when the packet carries the start of a keyframe.</returns>
    public static bool IsKeyframe(VideoCodec codec, ReadOnlySpan<byte> payload) => codec switch
    {
        VideoCodec.Vp8 => IsVp8Keyframe(payload),
        VideoCodec.Vp9 => IsVp9Keyframe(payload),
        VideoCodec.H264 => IsH264Keyframe(payload),
        _ => false,
    };

    // RFC 7741 §4.2 payload descriptor, then §4.3 / RFC 6386 §9.1 payload header:
    //       0 1 2 3 4 5 6 7
    //      +-+-+-+-+-+-+-+-+
    //      |X|R|N|S|R| PID | (REQUIRED)
    //      +-+-+-+-+-+-+-+-+
    // X:   |I|L|T|K| RSV   | (OPTIONAL)
    //      +-+-+-+-+-+-+-+-+
    // I:   |M| PictureID   | (OPTIONAL, second byte when M)
    //      +-+-+-+-+-+-+-+-+
    // L:   |   TL0PICIDX   | (OPTIONAL)
    //      +-+-+-+-+-+-+-+-+
    // T/K: |TID|Y| KEYIDX  | (OPTIONAL)
    //      +-+-+-+-+-+-+-+-+
    //      |Size0|H| VER |P|  first byte of the VP8 frame; P = 0 is a key frame
    //      +-+-+-+-+-+-+-+-+
    private static bool IsVp8Keyframe(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        var first = payload[0];
        var startOfPartition = (first & 0x10) != 0;
        var partitionIndex = first & 0x07;
        if (!startOfPartition || partitionIndex != 0)
        {
            return false;
        }

        var offset = 1;
        if ((first & 0x80) != 0)
        {
            if (offset >= payload.Length)
            {
                return false;
            }

            var extension = payload[offset++];
            if ((extension & 0x80) != 0)
            {
                if (offset >= payload.Length)
                {
                    return false;
                }

                offset += (payload[offset] & 0x80) != 0 ? 2 : 1;
            }

            if ((extension & 0x40) != 0)
            {
                offset++;
            }

            if ((extension & 0x30) != 0)
            {
                offset++;
            }
        }

        return offset < payload.Length && (payload[offset] & 0x01) == 0;
    }

    // RFC 9628 §4.2: the first byte of the descriptor carries every flag needed here.
    //       0 1 2 3 4 5 6 7
    //      +-+-+-+-+-+-+-+-+
    //      |I|P|L|F|B|E|V|Z| (REQUIRED)
    //      +-+-+-+-+-+-+-+-+
    // I:   |M| PICTURE ID  | (one or two bytes)
    // L:   |  TID  |U| SID |D| then TL0PICIDX when F = 0
    // P = 0: no inter-picture prediction; B = 1: first packet of the frame. A frame of a higher
    // spatial layer may also have P = 0 while still predicting from the base layer, so with
    // layer indices present only SID 0 counts.
    private static bool IsVp9Keyframe(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        var first = payload[0];
        var interPredicted = (first & 0x40) != 0;
        var startOfFrame = (first & 0x08) != 0;
        if (interPredicted || !startOfFrame)
        {
            return false;
        }

        var offset = 1;
        if ((first & 0x80) != 0)
        {
            if (offset >= payload.Length)
            {
                return false;
            }

            offset += (payload[offset] & 0x80) != 0 ? 2 : 1;
        }

        if ((first & 0x20) != 0)
        {
            if (offset >= payload.Length)
            {
                return false;
            }

            var spatialId = (payload[offset] >> 1) & 0x07;
            if (spatialId != 0)
            {
                return false;
            }

            offset += (first & 0x10) != 0 ? 1 : 2;
        }

        return offset <= payload.Length;
    }

    // RFC 6184 §5.2-5.8: the NAL unit type in the first byte picks the packetization.
    //  +---------------+
    //  |0|1|2|3|4|5|6|7|
    //  +-+-+-+-+-+-+-+-+
    //  |F|NRI|  Type   |
    //  +---------------+
    // 1..23 single NAL unit; 24 STAP-A (16-bit size + NAL, repeated); 28 FU-A, whose second
    // byte is |S|E|R|Type|. An IDR slice (5) or a sequence parameter set (7), which encoders
    // send right before an IDR, marks a keyframe.
    private static bool IsH264Keyframe(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        var type = payload[0] & 0x1F;
        switch (type)
        {
            case >= 1 and <= 23:
                return IsH264KeyNal(type);
            case 24:
                var offset = 1;
                while (offset + 2 < payload.Length)
                {
                    var size = (payload[offset] << 8) | payload[offset + 1];
                    offset += 2;
                    if (size == 0 || size > payload.Length - offset)
                    {
                        return false;
                    }

                    if (IsH264KeyNal(payload[offset] & 0x1F))
                    {
                        return true;
                    }

                    offset += size;
                }

                return false;
            case 28:
                return payload.Length >= 2 && (payload[1] & 0x80) != 0 && IsH264KeyNal(payload[1] & 0x1F);
            default:
                return false;
        }
    }

    private static bool IsH264KeyNal(int type) => type is 5 or 7;
}
