using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpFingerprint is a=fingerprint (RFC 8122 §5): "a=fingerprint:&lt;hash-func&gt; &lt;fingerprint&gt;",
/// the fingerprint being the digest of the DER certificate as upper-case hex byte pairs joined
/// by ':', e.g. "sha-256 AB:CD:...". WebRTC uses sha-256 (RFC 8827 §6.5).
/// </summary>
public sealed class SdpFingerprint : IEquatable<SdpFingerprint>
{
    /// <summary>The attribute name, "fingerprint".</summary>
    public const string AttributeName = "fingerprint";

    /// <summary>The hash function name WebRTC uses, "sha-256".</summary>
    public const string Sha256 = "sha-256";

    /// <summary>Longest digest accepted, in bytes (sha-512).</summary>
    public const int MaxDigestLength = 64;

    private readonly byte[] _digest;

    /// <summary>
    /// Creates a fingerprint from a digest already computed.
    /// </summary>
    /// <param name="hashFunction">The hash function token, e.g. "sha-256"; stored lower-case.</param>
    /// <param name="digest">The digest bytes; 1..64, and exactly the function's size when the
    /// function is one RFC 8122 §5 names.</param>
    /// <exception cref="ArgumentException">hashFunction is not a token or the length is wrong.</exception>
    public SdpFingerprint(string hashFunction, ReadOnlySpan<byte> digest)
    {
        var name = SdpText.RequireToken(hashFunction, nameof(hashFunction)).ToLowerInvariant();
        if (!IsValidLength(name, digest.Length))
        {
            throw new ArgumentException($"A {name} digest cannot be {digest.Length} bytes long.", nameof(digest));
        }

        HashFunction = name;
        _digest = digest.ToArray();
    }

    /// <summary>HashFunction is the lower-case hash name, e.g. "sha-256".</summary>
    public string HashFunction { get; }

    /// <summary>Digest is the certificate digest.</summary>
    public ReadOnlySpan<byte> Digest => _digest;

    /// <summary>
    /// FromCertificate computes the sha-256 fingerprint of a certificate (RFC 8122 §5: the
    /// digest is over the DER form).
    /// </summary>
    /// <param name="derCertificate">The certificate in DER encoding.</param>
    /// <returns>The sha-256 fingerprint.</returns>
    public static SdpFingerprint FromCertificate(ReadOnlySpan<byte> derCertificate) =>
        new(Sha256, SHA256.HashData(derCertificate));

    /// <summary>
    /// Matches reports whether a certificate the peer presented in DTLS has this fingerprint; the
    /// comparison is constant-time. Hash functions other than sha-256, sha-384 and sha-512 never
    /// match.
    /// </summary>
    /// <param name="derCertificate">The peer's certificate in DER encoding.</param>
    /// <returns>True when the digest of the certificate equals <see cref="Digest"/>.</returns>
    public bool Matches(ReadOnlySpan<byte> derCertificate)
    {
        Span<byte> digest = stackalloc byte[MaxDigestLength];
        int written;
        switch (HashFunction)
        {
            case Sha256:
                written = SHA256.HashData(derCertificate, digest);
                break;
            case "sha-384":
                written = SHA384.HashData(derCertificate, digest);
                break;
            case "sha-512":
                written = SHA512.HashData(derCertificate, digest);
                break;
            default:
                return false;
        }

        return CryptographicOperations.FixedTimeEquals(digest[..written], _digest);
    }

    /// <summary>
    /// FormatHex writes bytes as upper-case hex pairs joined by ':' ("AB:CD:01").
    /// </summary>
    /// <param name="bytes">The bytes; empty gives "".</param>
    /// <returns>The text form.</returns>
    public static string FormatHex(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var chars = new char[(bytes.Length * 3) - 1];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
            {
                chars[(i * 3) - 1] = ':';
            }

            chars[i * 3] = "0123456789ABCDEF"[bytes[i] >> 4];
            chars[(i * 3) + 1] = "0123456789ABCDEF"[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    /// <summary>
    /// TryParseHex reads hex byte pairs joined by ':' (either case), at most 64 bytes.
    /// </summary>
    /// <param name="text">E.g. "AB:cd:01".</param>
    /// <param name="bytes">The bytes, or null when false.</param>
    /// <returns>False on an empty string, a pair that is not two hex digits, a missing or doubled
    /// ':' or more than 64 bytes.</returns>
    public static bool TryParseHex(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length < 2 || (text.Length + 1) % 3 != 0 || (text.Length + 1) / 3 > MaxDigestLength)
        {
            return false;
        }

        var result = new byte[(text.Length + 1) / 3];
        for (var i = 0; i < result.Length; i++)
        {
            var at = i * 3;
            if ((i > 0 && text[at - 1] != ':') || !char.IsAsciiHexDigit(text[at]) || !char.IsAsciiHexDigit(text[at + 1]))
            {
                return false;
            }

            result[i] = (byte)((HexValue(text[at]) << 4) | HexValue(text[at + 1]));
        }

        bytes = result;
        return true;
    }

    /// <summary>
    /// TryParse reads the value of a=fingerprint: a hash function token, one space, the hex.
    /// </summary>
    /// <param name="value">Text after "fingerprint:", e.g. "sha-256 AB:CD:...".</param>
    /// <param name="result">The fingerprint, or null when false.</param>
    /// <returns>False on bad hex or a digest whose length does not fit the hash function.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpFingerprint? result)
    {
        result = null;
        if (!SdpText.NextToken(ref value, out var hash)
            || !SdpText.NextToken(ref value, out var hex)
            || SdpText.NextToken(ref value, out _)
            || !SdpText.IsToken(hash)
            || !TryParseHex(hex, out var digest))
        {
            return false;
        }

        var name = hash.ToString().ToLowerInvariant();
        if (!IsValidLength(name, digest.Length))
        {
            return false;
        }

        result = new SdpFingerprint(name, digest);
        return true;
    }

    /// <summary>ToAttribute gives the a=fingerprint line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, "sha-256 AB:CD:...".</summary>
    public override string ToString() => HashFunction + " " + FormatHex(_digest);

    /// <inheritdoc/>
    public bool Equals(SdpFingerprint? other) =>
        other is not null && HashFunction == other.HashFunction && _digest.AsSpan().SequenceEqual(other._digest);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SdpFingerprint);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(HashFunction);
        hash.AddBytes(_digest);
        return hash.ToHashCode();
    }

    private static bool IsValidLength(string hashFunction, int length) => length is > 0 and <= MaxDigestLength && hashFunction switch
    {
        "md2" or "md5" => length == 16,
        "sha-1" => length == 20,
        "sha-224" => length == 28,
        Sha256 => length == 32,
        "sha-384" => length == 48,
        "sha-512" => length == 64,
        _ => true,
    };

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
