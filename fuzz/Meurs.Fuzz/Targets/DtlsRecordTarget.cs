using System.Reflection;

namespace Meurs.Fuzz.Targets;

/// <summary>
/// DtlsRecordTarget drives the DTLS record framing (RFC 6347 §4.1) that sits in front of OpenSSL: the walk that splits
/// a received datagram into records as <c>DtlsTransport.Feed</c> does, the header read that screens protected records,
/// and the packing of OpenSSL's output into datagrams under an MTU taken from the input. OpenSSL itself is not fuzzed.
/// </summary>
/// <remarks>
/// The framing is internal to Meurs.Media and stays so: it is reached through delegates bound once by reflection,
/// which costs nothing per run.
/// </remarks>
internal static class DtlsRecordTarget
{
    private delegate int NextRecordLengthFunc(ReadOnlySpan<byte> bytes);

    private delegate bool TryReadHeaderFunc(ReadOnlySpan<byte> bytes, out ushort epoch, out int length);

    private delegate void PackFunc(ReadOnlySpan<byte> stream, int mtu, List<byte[]> output);

    private static readonly Type Framing = typeof(Meurs.Media.Dtls.DtlsTransport).Assembly.GetType("Meurs.Media.Dtls.DtlsRecordFraming", throwOnError: true)!;
    private static readonly NextRecordLengthFunc NextRecordLength = Bind<NextRecordLengthFunc>("NextRecordLength");
    private static readonly TryReadHeaderFunc TryReadHeader = Bind<TryReadHeaderFunc>("TryReadHeader");
    private static readonly PackFunc Pack = Bind<PackFunc>("Pack");

    /// <inheritdoc cref="FuzzAction"/>
    public static void Run(ReadOnlySpan<byte> input)
    {
        // The first two bytes choose the MTU (at least one byte); the rest is the datagram, and also the stream to pack.
        if (input.Length < 2)
        {
            return;
        }

        var mtu = 1 + ((input[0] << 8) | input[1]) % 1500;
        var datagram = input[2..];
        var remaining = datagram;
        var records = 0;
        while (!remaining.IsEmpty)
        {
            var length = NextRecordLength(remaining);
            InvariantViolationException.Check(length > 0 && length <= remaining.Length, $"record length {length} of {remaining.Length} bytes");
            var hasHeader = TryReadHeader(remaining[..length], out _, out var declared);
            InvariantViolationException.Check(hasHeader == (length >= 13), "the header read disagrees with the walk");
            InvariantViolationException.Check(!hasHeader || length == Math.Min(13 + declared, remaining.Length), "the walk ignored the declared length");
            remaining = remaining[length..];
            records++;
        }

        var output = new List<byte[]>();
        Pack(datagram, mtu, output);
        var packed = output.SelectMany(d => d).ToArray();
        InvariantViolationException.Check(packed.AsSpan().SequenceEqual(datagram), "packing lost or reordered bytes");
        InvariantViolationException.Check(output.Count <= records, "packing split a record");
        foreach (var piece in output)
        {
            InvariantViolationException.Check(piece.Length <= mtu || NextRecordLength(piece) == piece.Length, "a datagram over the MTU holds more than one record");
        }
    }

    private static T Bind<T>(string name) where T : Delegate =>
        Framing.GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic)!.CreateDelegate<T>();
}
