using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Meurs.Media.Sdp;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsFingerprint is the one certificate fingerprint type of Meurs.Media: what the SDP
/// <c>a=fingerprint:&lt;hash-func&gt; &lt;fingerprint&gt;</c> attribute carries (RFC 8122 §5,
/// formerly RFC 4572 §5) and what the DTLS handshake checks the peer's certificate against
/// (RFC 8842 §5): a hash function name and the digest of the DER certificate, written as
/// upper-case hex byte pairs joined by ':', e.g. "sha-256 AB:CD:...".
/// </summary>
/// <remarks>
/// Parsing follows the RFC 8122 grammar, so an offer naming sha-1 or md5 still parses and
/// <see cref="SdpRemoteParameters"/> can refuse it with a sentence that names the function. Only
/// sha-256, sha-384 and sha-512 ever verify a certificate (<see cref="IsVerifiable"/>):
/// browsers send sha-256 (RFC 8827 §6.5 requires it) and the others are weak or missing from .NET.
/// The digest is copied in, so an instance is immutable.
/// </remarks>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    /// <summary>The SDP attribute name, "fingerprint" (RFC 8122 §5).</summary>
    public const string AttributeName = "fingerprint";

    /// <summary>The hash function name WebRTC uses and this layer offers, "sha-256".</summary>
    public const string Sha256 = "sha-256";

    /// <summary>Longest digest accepted, in bytes (sha-512).</summary>
    public const int MaxDigestLength = 64;

    private readonly byte[] _digest;

    /// <summary>
    /// Creates a fingerprint from a digest already computed.
    /// </summary>
    /// <param name="hashFunction">The hash function token, e.g. "sha-256" (case-insensitive,
    /// stored lower-case).</param>
    /// <param name="digest">The digest bytes: 1..64, and exactly the function's size when the
    /// function is one RFC 8122 §5 names (md2, md5, sha-1, sha-224, sha-256, sha-384, sha-512).</param>
    /// <exception cref="ArgumentException">hashFunction is not a token or the length is wrong.</exception>
    public DtlsFingerprint(string hashFunction, ReadOnlySpan<byte> digest)
    {
        var name = SdpText.RequireToken(hashFunction, nameof(hashFunction)).ToLowerInvariant();
        if (!IsValidLength(name, digest.Length))
        {
            throw new ArgumentException($"A {name} fingerprint cannot be {digest.Length} bytes long.", nameof(digest));
        }

        HashFunction = name;
        _digest = digest.ToArray();
    }

    /// <summary>HashFunction is the lower-case hash function name, e.g. "sha-256".</summary>
    public string HashFunction { get; }

    /// <summary>Digest is the certificate digest (32 bytes for sha-256).</summary>
    public ReadOnlySpan<byte> Digest => _digest;

    /// <summary>
    /// HexValue is the digest as upper-case hex pairs joined by ':', "AB:CD:..", the form the
    /// SDP attribute carries (RFC 8122 §5 <c>fingerprint</c>).
    /// </summary>
    public string HexValue => FormatHex(_digest);

    /// <summary>
    /// IsVerifiable is true when <see cref="Matches"/> can check a certificate against this
    /// fingerprint: the hash function is sha-256, sha-384 or sha-512. A DTLS transport refuses
    /// any other (RFC 8827 §6.5).
    /// </summary>
    public bool IsVerifiable => HashFunction is Sha256 or "sha-384" or "sha-512";

    /// <summary>
    /// Compute hashes a DER certificate with <paramref name="hashFunction"/> (RFC 8122 §5: the
    /// digest is over the DER form).
    /// </summary>
    /// <param name="hashFunction">"sha-256", "sha-384" or "sha-512", any case.</param>
    /// <param name="certificateDer">The certificate in DER encoding.</param>
    /// <exception cref="ArgumentException">The hash function is not one of those three.</exception>
    public static DtlsFingerprint Compute(string hashFunction, ReadOnlySpan<byte> certificateDer)
    {
        ArgumentNullException.ThrowIfNull(hashFunction);
        Span<byte> digest = stackalloc byte[MaxDigestLength];
        var name = hashFunction.ToLowerInvariant();
        var written = Hash(name, certificateDer, digest);
        if (written == 0)
        {
            throw new ArgumentException($"Unsupported fingerprint hash function '{hashFunction}'; use sha-256, sha-384 or sha-512.", nameof(hashFunction));
        }

        return new DtlsFingerprint(name, digest[..written]);
    }

    /// <summary>
    /// TryParse reads the value of an SDP fingerprint attribute, "sha-256 AB:CD:..": a hash
    /// function token, one or more spaces, then hex pairs joined by ':' (either case) whose count
    /// fits the function. Surrounding spaces are ignored. False on anything else; never throws.
    /// </summary>
    /// <param name="text">Text after "fingerprint:".</param>
    /// <param name="fingerprint">The fingerprint, or null when false.</param>
    /// <returns>False on a missing or non-token hash function, bad hex, trailing text, or a
    /// digest whose length does not fit the hash function.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        text = text.Trim(' ');
        var space = text.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        var hash = text[..space];
        var hex = text[(space + 1)..].TrimStart(' ');
        if (!SdpText.IsToken(hash) || !TryParseHex(hex, out var digest))
        {
            return false;
        }

        var name = hash.ToString().ToLowerInvariant();
        if (!IsValidLength(name, digest.Length))
        {
            return false;
        }

        fingerprint = new DtlsFingerprint(name, digest);
        return true;
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

            result[i] = (byte)((HexDigit(text[at]) << 4) | HexDigit(text[at + 1]));
        }

        bytes = result;
        return true;
    }

    /// <summary>
    /// Matches reports whether a certificate the peer presented in DTLS has this fingerprint,
    /// comparing in constant time so timing reveals nothing about how much of it matched.
    /// A fingerprint that is not <see cref="IsVerifiable"/> never matches.
    /// </summary>
    /// <param name="certificateDer">The peer's certificate in DER encoding.</param>
    /// <returns>True when the digest of the certificate equals <see cref="Digest"/>.</returns>
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        Span<byte> digest = stackalloc byte[MaxDigestLength];
        var written = Hash(HashFunction, certificateDer, digest);
        return written != 0 && CryptographicOperations.FixedTimeEquals(digest[..written], _digest);
    }

    /// <summary>ToAttribute gives the a=fingerprint line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>Equals compares hash function and digest.</summary>
    public bool Equals(DtlsFingerprint? other) =>
        other is not null && HashFunction == other.HashFunction && _digest.AsSpan().SequenceEqual(other._digest);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(HashFunction);
        hash.AddBytes(_digest);
        return hash.ToHashCode();
    }

    /// <summary>ToString is the SDP attribute value, "sha-256 AB:CD:..".</summary>
    public override string ToString() => HashFunction + " " + HexValue;

    // Hash writes the digest with a lower-case function name; 0 when the function is not one
    // this layer verifies with.
    private static int Hash(string hashFunction, ReadOnlySpan<byte> data, Span<byte> digest) => hashFunction switch
    {
        Sha256 => SHA256.HashData(data, digest),
        "sha-384" => SHA384.HashData(data, digest),
        "sha-512" => SHA512.HashData(data, digest),
        _ => 0,
    };

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

    private static int HexDigit(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
