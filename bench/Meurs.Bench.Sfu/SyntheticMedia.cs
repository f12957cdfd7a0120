using System.Buffers.Binary;
using System.Diagnostics;

namespace Meurs.Bench.Sfu;

/// <summary>One published track: the bot that sends it, its SSRC and its stream number in the stamps.</summary>
internal sealed record Publisher(RtcBot Bot, string Kind, uint Ssrc, int Stream);

/// <summary>
/// Synthetic RTP, open loop on one thread: video is 30 frames/s of 3 packets of 1,200 payload bytes (90 packets/s,
/// ≈ 0.9 Mbit/s with headers), VP8-shaped (RFC 7741 payload descriptor, a key frame header once a second so the SFUs
/// start and keep forwarding); audio is 50 packets/s of 100 bytes per publisher, staggered. Every payload carries a
/// stamp: magic, stream, index, a "measured" flag and the Stopwatch time just before SRTP protection.
/// </summary>
internal sealed class SyntheticMedia
{
    public const int VideoPayload = 1200;
    public const int AudioPayload = 100;
    public const int VideoStampOffset = 11;
    private const uint Magic = 0x4D425348; // "MBSH"
    private const int StampLength = 4 + 2 + 4 + 1 + 8;

    private readonly IReadOnlyList<Publisher> publishers;
    private readonly long[] sentMeasured;
    private volatile bool measuring;
    private volatile bool stopping;
    private Thread? thread;

    public SyntheticMedia(IReadOnlyList<Publisher> publishers)
    {
        this.publishers = publishers;
        sentMeasured = new long[publishers.Count];
    }

    /// <summary>Packets sent while measuring, per stream.</summary>
    public IReadOnlyList<long> SentMeasured => sentMeasured;

    /// <summary>Packets that could not be sent (no SRTP yet, or protection failed).</summary>
    public long SendFailures { get; private set; }

    /// <summary>Packets marked "measured" from now on (true) or not (false).</summary>
    public bool Measuring
    {
        get => measuring;
        set => measuring = value;
    }

    public void Start()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "synthetic-media", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    public void Stop()
    {
        stopping = true;
        thread?.Join();
    }

    private void Run()
    {
        var count = publishers.Count;
        var due = new long[count];
        var interval = new long[count];
        var seq = new ushort[count];
        var timestamp = new uint[count];
        var index = new uint[count];
        var frames = new long[count];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var video = publishers[i].Kind == "video";
            interval[i] = Stopwatch.Frequency / (video ? 30 : 50);
            // Stagger the audio publishers over their 20 ms so their packets do not arrive in one burst.
            due[i] = start + (video ? 0 : interval[i] * i / count);
            seq[i] = (ushort)Random.Shared.Next();
            timestamp[i] = (uint)Random.Shared.Next();
        }
        var packet = new byte[12 + VideoPayload];
        while (!stopping)
        {
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                if (due[i] > now)
                {
                    continue;
                }
                var p = publishers[i];
                if (p.Kind == "video")
                {
                    var keyframe = frames[i] % 30 == 0;
                    for (var k = 0; k < 3; k++)
                    {
                        var length = WriteRtp(packet, BotSdp.VideoPayloadType, marker: k == 2, seq[i]++, timestamp[i], p.Ssrc, VideoPayload);
                        var payload = packet.AsSpan(12, VideoPayload);
                        payload[0] = (byte)(k == 0 ? 0x10 : 0x00); // S = 1 on the frame's first packet, partition 0
                        if (k == 0)
                        {
                            // RFC 6386 §9.1: P = 0 (key frame) or 1, show_frame = 1; key frames carry the start code and 640×480.
                            payload[1] = (byte)(keyframe ? 0x10 : 0x11);
                            payload[2] = 0;
                            payload[3] = 0;
                            ReadOnlySpan<byte> start640 = [0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01];
                            start640.CopyTo(payload[4..]);
                        }
                        Send(p, packet.AsSpan(0, length), VideoStampOffset, ref index[i], i);
                    }
                    frames[i]++;
                    timestamp[i] += 3000;
                }
                else
                {
                    var length = WriteRtp(packet, BotSdp.AudioPayloadType, marker: false, seq[i]++, timestamp[i], p.Ssrc, AudioPayload);
                    Send(p, packet.AsSpan(0, length), 0, ref index[i], i);
                    timestamp[i] += 960;
                }
                due[i] += interval[i];
            }
            Thread.Sleep(1);
        }
    }

    private void Send(Publisher p, Span<byte> rtp, int stampOffset, ref uint index, int slot)
    {
        var measured = measuring;
        var stamp = rtp[(12 + stampOffset)..];
        BinaryPrimitives.WriteUInt32BigEndian(stamp, Magic);
        BinaryPrimitives.WriteUInt16BigEndian(stamp[4..], (ushort)p.Stream);
        BinaryPrimitives.WriteUInt32BigEndian(stamp[6..], index++);
        stamp[10] = measured ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(stamp[11..], Stopwatch.GetTimestamp());
        if (p.Bot.SendRtp(rtp))
        {
            if (measured)
            {
                sentMeasured[slot]++;
            }
        }
        else
        {
            SendFailures++;
        }
    }

    private static int WriteRtp(byte[] packet, int payloadType, bool marker, ushort seq, uint timestamp, uint ssrc, int payloadLength)
    {
        packet[0] = 0x80;
        packet[1] = (byte)(payloadType | (marker ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        packet.AsSpan(12, payloadLength).Fill(0x5A);
        return 12 + payloadLength;
    }

    /// <summary>Reads a stamp from a received payload; false when there is none (padding, probes, anything else).</summary>
    public static bool TryReadStamp(ReadOnlySpan<byte> payload, out int stream, out uint index, out bool measured, out long sent)
    {
        foreach (var offset in (ReadOnlySpan<int>)[0, VideoStampOffset])
        {
            if (payload.Length >= offset + StampLength && BinaryPrimitives.ReadUInt32BigEndian(payload[offset..]) == Magic)
            {
                var stamp = payload[offset..];
                stream = BinaryPrimitives.ReadUInt16BigEndian(stamp[4..]);
                index = BinaryPrimitives.ReadUInt32BigEndian(stamp[6..]);
                measured = stamp[10] == 1;
                sent = BinaryPrimitives.ReadInt64BigEndian(stamp[11..]);
                return true;
            }
        }
        (stream, index, measured, sent) = (0, 0, false, 0);
        return false;
    }
}
