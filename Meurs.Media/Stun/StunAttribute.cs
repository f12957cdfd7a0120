using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Stun;

/// <summary>
/// StunAttribute is one type-length-value attribute of a STUN message (RFC 8489 §14), as read
/// from the wire: the type and the value without its padding.
/// </summary>
/// <param name="Type">The 16-bit attribute type; any value, named or not.</param>
/// <param name="Value">The value, 0..65535 bytes, without the padding to a 4-byte boundary.
/// For a parsed message it is a slice of <see cref="StunMessage.Raw"/>.</param>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "RFC 8489 §14 names it an attribute; it is not a .NET attribute.")]
public readonly record struct StunAttribute(StunAttributeType Type, ReadOnlyMemory<byte> Value)
{
    /// <summary>
    /// Equals compares type and value bytes (not the memory the value lives in), so an attribute
    /// read back from a written message equals the one written.
    /// </summary>
    /// <param name="other">The attribute to compare with.</param>
    /// <returns>True when type and value bytes are equal.</returns>
    public bool Equals(StunAttribute other) =>
        Type == other.Type && Value.Span.SequenceEqual(other.Value.Span);

    /// <summary>GetHashCode hashes the type and value bytes, consistent with <see cref="Equals(StunAttribute)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    /// <summary>ToString gives the type and the value in hexadecimal.</summary>
    /// <returns>For example "Priority 6E0001FF".</returns>
    public override string ToString() => $"{Type} {Convert.ToHexString(Value.Span)}";
}
