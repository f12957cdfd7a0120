using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Dtls;
using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Dtls;

public sealed class DtlsFingerprintTests
{
    // The fingerprint attribute value from the JSEP offer examples (RFC 8829 §7.1).
    private const string JsepExample =
        "sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2";

    private static readonly byte[] JsepExampleBytes =
    [
        0x19, 0xE2, 0x1C, 0x3B, 0x4B, 0x9F, 0x81, 0xE6, 0xB8, 0x5C, 0xF4, 0xA5, 0xA8, 0xD8, 0x73, 0x04,
        0xBB, 0x05, 0x2F, 0x70, 0x9F, 0x04, 0xA9, 0x0E, 0x05, 0xE9, 0x26, 0x33, 0xE8, 0x70, 0x88, 0xA2,
    ];

    [Fact]
    public void TryParse_JsepExample_ReadsAlgorithmAndBytesAndRoundTrips()
    {
        Assert.True(DtlsFingerprint.TryParse(JsepExample, out var fingerprint));

        Assert.Equal("sha-256", fingerprint.HashFunction);
        Assert.Equal(JsepExampleBytes, fingerprint.Digest.ToArray());
        Assert.Equal(JsepExample, fingerprint.ToString());
        Assert.Equal(JsepExample["sha-256 ".Length..], fingerprint.HexValue);
    }

    [Theory]
    [InlineData("SHA-256 19:e2:1c:3b:4b:9f:81:e6:b8:5c:f4:a5:a8:d8:73:04:bb:05:2f:70:9f:04:a9:0e:05:e9:26:33:e8:70:88:a2")]
    [InlineData("  sha-256   19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2 ")]
    public void TryParse_CaseAndSpacingVariants_GiveTheSameFingerprint(string text)
    {
        Assert.True(DtlsFingerprint.TryParse(text, out var fingerprint));

        Assert.Equal(new DtlsFingerprint("sha-256", JsepExampleBytes), fingerprint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha-256")]
    [InlineData("sha-256 ")]
    [InlineData(" 19:E2")]
    [InlineData("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C")] // 19 bytes for sha-1
    [InlineData("md5 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2")] // 32 bytes for md5
    [InlineData("sha 256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2")] // trailing text
    [InlineData("sha/256 19:E2:1C:3B")] // '/' is not a token character (RFC 8866 §9)
    [InlineData("sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88")] // 31 bytes
    [InlineData("sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2:00")] // 33 bytes
    [InlineData("sha-256 19-E2-1C-3B-4B-9F-81-E6-B8-5C-F4-A5-A8-D8-73-04-BB-05-2F-70-9F-04-A9-0E-05-E9-26-33-E8-70-88-A2")]
    [InlineData("sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:G2")]
    [InlineData("sha-256 19E21C3B4B9F81E6B85CF4A5A8D87304BB052F709F04A90E05E92633E87088A2")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(DtlsFingerprint.TryParse(text, out var fingerprint));
        Assert.Null(fingerprint);
    }

    [Fact]
    public void Matches_HashOfTheSameBytes_TrueAndAnyOtherBytes_False()
    {
        var der = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x05 };
        var fingerprint = new DtlsFingerprint("sha-256", SHA256.HashData(der));

        Assert.True(fingerprint.Matches(der));
        Assert.False(fingerprint.Matches(der.AsSpan(0, 4)));
        Assert.False(fingerprint.Matches([0x30, 0x03, 0x02, 0x01, 0x06]));
        Assert.True(DtlsFingerprint.Compute("sha-384", der).Matches(der));
        Assert.Equal(SHA512.HashData(der), DtlsFingerprint.Compute("SHA-512", der).Digest.ToArray());
    }

    [Theory]
    [InlineData("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB")] // RFC 8122 §5 example
    [InlineData("md5 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04")]
    [InlineData("x-hash 19:E2:1C:3B")] // a future hash-func token (RFC 8122 §5 grammar)
    public void TryParse_WeakOrUnknownHashFunction_ParsesButNeverVerifies(string text)
    {
        Assert.True(DtlsFingerprint.TryParse(text, out var fingerprint));

        Assert.False(fingerprint.IsVerifiable);
        Assert.False(fingerprint.Matches([0x30, 0x03, 0x02, 0x01, 0x05]));
    }

    [Fact]
    public void Matches_Sha1FingerprintOfTheRightCertificate_IsStillFalse()
    {
        var der = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x05 };
#pragma warning disable CA5350 // sha-1 on purpose: the fingerprint of a weak hash must never verify.
        var sha1 = new DtlsFingerprint("sha-1", SHA1.HashData(der));
#pragma warning restore CA5350

        Assert.False(sha1.IsVerifiable);
        Assert.False(sha1.Matches(der));
        Assert.True(DtlsFingerprint.Compute(DtlsFingerprint.Sha256, der).IsVerifiable);
    }

    [Fact]
    public void Constructor_WrongLengthOrNonToken_Throws_AndComputeRefusesWeakFunctions()
    {
        Assert.Throws<ArgumentException>(() => new DtlsFingerprint("sha-256", new byte[31]));
        Assert.Throws<ArgumentException>(() => new DtlsFingerprint("sha-1", new byte[32]));
        Assert.Throws<ArgumentException>(() => new DtlsFingerprint("sha-512", new byte[65]));
        Assert.Throws<ArgumentException>(() => new DtlsFingerprint("sha 256", new byte[32]));
        Assert.Throws<ArgumentException>(() => DtlsFingerprint.Compute("md5", [1]));
        Assert.Throws<ArgumentException>(() => DtlsFingerprint.Compute("sha-1", [1]));
    }

    [Fact]
    public void Digest_IsCopiedIn()
    {
        var bytes = (byte[])JsepExampleBytes.Clone();
        var fingerprint = new DtlsFingerprint("sha-256", bytes);
        bytes[0] ^= 0xFF;

        Assert.Equal(JsepExampleBytes, fingerprint.Digest.ToArray());
    }

    [Fact]
    public void TryParse_RandomFingerprints_RoundTrip()
    {
        var property = Prop.ForAll(
            Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 48)),
            bytes =>
            {
                var fingerprint = new DtlsFingerprint("sha-384", bytes);
                return DtlsFingerprint.TryParse(fingerprint.ToString(), out var parsed)
                    && parsed.Equals(fingerprint)
                    && parsed.GetHashCode() == fingerprint.GetHashCode();
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000), property);
    }

    [Fact]
    public void TryParse_RandomText_NeverThrows()
    {
        var chars = Gen.Elements("sha-256 0123456789ABCDEFabcdefx:- \t".ToCharArray());
        var texts = Gen.Sized(size => Gen.Choose(0, size * 2).SelectMany(n => Gen.ArrayOf(chars, n)))
            .Select(a => new string(a));
        var property = Prop.ForAll(Arb.From(texts), text =>
        {
            // Whatever parses must print back to something that parses to the same value.
            return !DtlsFingerprint.TryParse(text, out var parsed)
                || (DtlsFingerprint.TryParse(parsed.ToString(), out var again) && again.Equals(parsed));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5_000).WithEndSize(120), property);
    }

    [Fact]
    public void TryParse_MutatedExample_NeverThrowsAndOnlyAcceptsWellFormed()
    {
        var random = new Random(8122);
        for (var i = 0; i < 20_000; i++)
        {
            var text = JsepExample.ToCharArray().ToList();
            for (var e = random.Next(1, 4); e > 0; e--)
            {
                switch (random.Next(4))
                {
                    case 0 when text.Count > 0:
                        text[random.Next(text.Count)] = (char)random.Next(32, 127);
                        break;
                    case 1:
                        text = text.Take(random.Next(text.Count + 1)).ToList();
                        break;
                    case 2:
                        text.Insert(random.Next(text.Count + 1), (char)random.Next(0, 0x3000));
                        break;
                    default:
                        text.AddRange(Enumerable.Repeat(':', random.Next(0, 200)));
                        break;
                }
            }

            var mutated = new string([.. text]);
            if (DtlsFingerprint.TryParse(mutated, out var parsed))
            {
                // Accepted only if the hex part is exactly the pairs it printed back, 32 of them
                // while the hash function is still sha-256.
                var trimmed = mutated.Trim(' ');
                var hex = trimmed[(trimmed.IndexOf(' ', StringComparison.Ordinal) + 1)..].TrimStart(' ');
                if (parsed.HashFunction == DtlsFingerprint.Sha256)
                {
                    Assert.Equal(32, parsed.Digest.Length);
                }

                Assert.Equal(hex.ToUpperInvariant(), parsed.HexValue);
            }
        }
    }

    [Fact]
    public void FromCertificate_Abc_IsTheFips180Sha256Vector()
    {
        // FIPS 180-2 Appendix B.1: SHA-256("abc").
        var fingerprint = DtlsFingerprint.Compute(DtlsFingerprint.Sha256, "abc"u8);

        Assert.Equal(
            "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
            fingerprint.ToString());
        Assert.Equal(new SdpAttribute("fingerprint", fingerprint.ToString()), fingerprint.ToAttribute());
    }

    [Fact]
    public void FromCertificate_RealCertificate_ParsesBackAndMatchesOnlyItself()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=meurs", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        using var other = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(50));

        var fingerprint = DtlsFingerprint.Compute(DtlsFingerprint.Sha256, certificate.RawData);
        Assert.True(DtlsFingerprint.TryParse(fingerprint.ToString(), out var parsed));

        Assert.Equal(SHA256.HashData(certificate.RawData), parsed.Digest.ToArray());
        Assert.Equal(fingerprint, parsed);
        Assert.True(parsed.Matches(certificate.RawData));
        Assert.False(parsed.Matches(other.RawData));
    }

    [Fact]
    public void TryParseHex_LowerCase_IsAccepted_AndFormatsUpperCase()
    {
        Assert.True(DtlsFingerprint.TryParseHex("ab:cd:01", out var bytes));

        Assert.Equal([0xAB, 0xCD, 0x01], bytes);
        Assert.Equal("AB:CD:01", DtlsFingerprint.FormatHex(bytes));
        Assert.Equal(string.Empty, DtlsFingerprint.FormatHex([]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("ABC")]
    [InlineData("AB:")]
    [InlineData(":AB")]
    [InlineData("AB-CD")]
    [InlineData("AB::CD")]
    [InlineData("AG:CD")]
    [InlineData("AB:CD:EF:")]
    public void TryParseHex_Malformed_Fails(string text)
    {
        Assert.False(DtlsFingerprint.TryParseHex(text, out var bytes));
        Assert.Null(bytes);
    }

    [Fact]
    public void TryParse_FingerprintOtherAlgorithms_CheckTheirLength()
    {
        Assert.True(DtlsFingerprint.TryParse("SHA-1 " + DtlsFingerprint.FormatHex(new byte[20]), out var sha1));
        Assert.Equal("sha-1", sha1.HashFunction);
        Assert.False(DtlsFingerprint.TryParse("sha-1 " + DtlsFingerprint.FormatHex(new byte[32]), out _));
        Assert.False(sha1.Matches(new byte[1]));
        Assert.Throws<ArgumentException>(() => new DtlsFingerprint("sha-256", new byte[31]));
    }
}
