using Meurs.Media.Stun;

namespace Meurs.Fuzz.Targets;

/// <summary>
/// StunTarget reads a datagram as the ICE-lite agent does (RFC 8489 §5, §14): the header check alone, the attribute
/// scan, then the whole message and every typed getter, integrity and fingerprint included.
/// </summary>
internal static class StunTarget
{
    private static readonly byte[] Key = "VOkJxbRl1RmTxUk/WvJxBt"u8.ToArray();

    /// <inheritdoc cref="FuzzAction"/>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var hasHeader = StunReader.TryReadHeader(input, out _, out var length, out _);
        _ = StunReader.TryFindAttribute(input, StunAttributeType.Username, out _);
        if (!StunMessage.TryParse(input, out var message))
        {
            return;
        }

        InvariantViolationException.Check(hasHeader && length + 20 <= input.Length, "a parsed message has no valid header");
        InvariantViolationException.Check(message.Raw.Length <= input.Length, "the message is longer than the datagram");
        foreach (var attribute in message.Attributes)
        {
            _ = attribute.Type.IsKnown();
            _ = attribute.Type.IsComprehensionRequired();
            InvariantViolationException.Check(message.TryGetAttribute(attribute.Type, out _), "a listed attribute cannot be found");
        }

        _ = message.TryGetUsername(out _);
        _ = message.TryGetSoftware(out _);
        _ = message.TryGetXorMappedAddress(out _);
        _ = message.TryGetMappedAddress(out _);
        _ = message.TryGetErrorCode(out _, out _);
        _ = message.TryGetUnknownAttributes(out _);
        _ = message.TryGetPriority(out _);
        _ = message.TryGetIceControlling(out _);
        _ = message.TryGetIceControlled(out _);
        _ = message.HasUseCandidate;
        _ = message.VerifyMessageIntegrity(Key);
        _ = message.VerifyMessageIntegritySha256(Key);
        _ = message.VerifyFingerprint();
        _ = message.ToString();
    }
}
