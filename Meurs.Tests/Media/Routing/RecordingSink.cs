using System.Buffers.Binary;
using Meurs.Media.Routing;

namespace Meurs.Tests.Media.Routing;

// Records what a Router sends, with the RTP header fields it rewrites (RFC 3550 §5.1).
internal sealed class RecordingSink : IRtpSink, IKeyframeRequestSink
{
    public List<(Consumer Consumer, byte[] Packet)> Sent { get; } = [];

    public List<Producer> KeyframeRequests { get; } = [];

    public void Send(Consumer consumer, ReadOnlySpan<byte> packet) => Sent.Add((consumer, packet.ToArray()));

    public void RequestKeyframe(Producer producer) => KeyframeRequests.Add(producer);

    public List<byte[]> To(Consumer consumer) =>
        Sent.Where(s => ReferenceEquals(s.Consumer, consumer)).Select(s => s.Packet).ToList();

    public static ushort Seq(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));

    public static uint Timestamp(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4));

    public static uint Ssrc(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8));
}
