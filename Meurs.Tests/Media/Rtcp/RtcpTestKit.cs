using Meurs.Media.Rtcp;

namespace Meurs.Tests.Media.Rtcp;

internal delegate bool RtcpParser<T>(ReadOnlySpan<byte> packet, out T? result);

internal static class RtcpTestKit
{
    public static byte[] Write(IRtcpPacket packet) => RtcpCompoundWriter.Write(packet);

    // Parses, checks the writer gives back the same bytes, and returns the parsed packet.
    public static T ParseAndRewrite<T>(byte[] bytes, RtcpParser<T> parse)
        where T : class, IRtcpPacket
    {
        Assert.True(parse(bytes, out var packet));
        Assert.NotNull(packet);
        Assert.Equal(bytes.Length, packet.GetLength());
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(Write(packet)));
        return packet;
    }

    // write(x) parses back to something that writes the same bytes.
    public static bool RoundTrips<T>(T packet, RtcpParser<T> parse)
        where T : class, IRtcpPacket
    {
        var bytes = Write(packet);
        return parse(bytes, out var parsed)
            && parsed is not null
            && RtcpCompoundReader.IsValid(bytes)
            && Write(parsed).SequenceEqual(bytes);
    }
}
