using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsFingerprint is a certificate fingerprint as carried by the SDP <c>a=fingerprint</c>
/// attribute (RFC 8122 §5): a hash function name and the hash of the DER certificate.
/// </summary>
/// <remarks>
/// Only sha-256, sha-384 and sha-512 are accepted: RFC 8122 §5 also lists sha-1, sha-224, md5
/// and md2, but browsers send sha-256 (RFC 8827 §6.5 requires it) and the others are weak or
/// missing from .NET.
/// The value is copied in and out, so an instance is immutable.
/// </remarks>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    /// <summary>Sha256 is the hash function name browsers use and this layer offers.</summary>
    public const string Sha256 = "sha-256";

    private readonly byte[] _value;

    /// <summary>
    /// Creates a fingerprint from a hash function name (case-insensitive, kept lower-case) and
    /// the hash bytes.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The algorithm is not supported or <paramref name="value"/> is not its digest length.
    /// </exception>
    public DtlsFingerprint(string algorithm, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!TryGetDigestLength(algorithm, out var length, out var canonical))
        {
            throw new ArgumentException($"Unsupported fingerprint hash function '{algorithm}'.", nameof(algorithm));
        }

        if (value.Length != length)
        {
            throw new ArgumentException($"A {canonical} fingerprint is {length} bytes, not {value.Length}.", nameof(value));
        }

        Algorithm = canonical;
        _value = value.ToArray();
    }

    /// <summary>Algorithm is the lower-case hash function name, e.g. "sha-256".</summary>
    public string Algorithm { get; }

    /// <summary>Value is a copy of the hash bytes (32 for sha-256).</summary>
    public byte[] Value => (byte[])_value.Clone();

    /// <summary>
    /// HexValue is the hash as upper-case hex pairs joined by colons, "AB:CD:..", the form the
    /// SDP attribute carries (RFC 8122 §5 <c>fingerprint</c>).
    /// </summary>
    public string HexValue => string.Join(':', _value.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// Compute hashes a DER certificate with <paramref name="algorithm"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The algorithm is not supported.</exception>
    public static DtlsFingerprint Compute(string algorithm, ReadOnlySpan<byte> certificateDer)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!TryGetDigestLength(algorithm, out _, out var canonical))
        {
            throw new ArgumentException($"Unsupported fingerprint hash function '{algorithm}'.", nameof(algorithm));
        }

        return new DtlsFingerprint(canonical, Hash(canonical, certificateDer));
    }

    /// <summary>
    /// TryParse reads the value of an SDP fingerprint attribute, "sha-256 AB:CD:..":
    /// a hash function name, one or more spaces, then exactly the digest's number of hex pairs
    /// separated by colons (either case accepted). False on anything else; never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        text = text.Trim();
        var space = text.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        if (!TryGetDigestLength(text[..space], out var length, out var canonical))
        {
            return false;
        }

        var hex = text[(space + 1)..].TrimStart(' ');

        // length pairs and length - 1 colons.
        if (hex.Length != (3 * length) - 1)
        {
            return false;
        }

        Span<byte> value = stackalloc byte[64];
        for (var i = 0; i < length; i++)
        {
            var at = 3 * i;
            if (i > 0 && hex[at - 1] != ':')
            {
                return false;
            }

            var high = HexDigit(hex[at]);
            var low = HexDigit(hex[at + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            value[i] = (byte)((high << 4) | low);
        }

        fingerprint = new DtlsFingerprint(canonical, value[..length]);
        return true;
    }

    /// <summary>
    /// Matches hashes <paramref name="certificateDer"/> with this fingerprint's algorithm and
    /// compares in constant time, so timing reveals nothing about how much of it matched.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer) =>
        CryptographicOperations.FixedTimeEquals(Hash(Algorithm, certificateDer), _value);

    /// <summary>Equals compares algorithm and value.</summary>
    public bool Equals(DtlsFingerprint? other) =>
        other is not null && Algorithm == other.Algorithm && _value.AsSpan().SequenceEqual(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Algorithm);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }

    /// <summary>ToString is the SDP attribute value, "sha-256 AB:CD:..".</summary>
    public override string ToString() => $"{Algorithm} {HexValue}";

    private static byte[] Hash(string canonical, ReadOnlySpan<byte> data) => canonical switch
    {
        "sha-256" => SHA256.HashData(data),
        "sha-384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    private static bool TryGetDigestLength(ReadOnlySpan<char> name, out int length, out string canonical)
    {
        (length, canonical) = name switch
        {
            _ when name.Equals(Sha256, StringComparison.OrdinalIgnoreCase) => (32, Sha256),
            _ when name.Equals("sha-384", StringComparison.OrdinalIgnoreCase) => (48, "sha-384"),
            _ when name.Equals("sha-512", StringComparison.OrdinalIgnoreCase) => (64, "sha-512"),
            _ => (0, string.Empty),
        };
        return length != 0;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
