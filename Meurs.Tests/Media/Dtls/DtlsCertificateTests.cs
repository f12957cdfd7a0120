using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Meurs.Media.Dtls;

namespace Meurs.Tests.Media.Dtls;

[Collection(DtlsNativeTests.Name)]
public sealed partial class DtlsCertificateTests
{
    [Fact]
    public void Create_IsSelfSignedP256WithThirtyDaysAndARandomPositiveSerial()
    {
        using var dtls = DtlsCertificate.Create();
        using var certificate = X509CertificateLoader.LoadCertificate(dtls.Der);

        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal("1.2.840.10045.4.3.2", certificate.SignatureAlgorithm.Value); // ecdsa-with-SHA256
        using var publicKey = certificate.GetECDsaPublicKey();
        Assert.NotNull(publicKey);
        Assert.Equal(256, publicKey.KeySize);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, publicKey.ExportParameters(false).Curve.Oid.Value);

        // The signature verifies with its own key: trusted as its own root, the chain builds.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate));
        Assert.Equal(TimeSpan.FromDays(30), dtls.NotAfter - dtls.NotBefore);
        Assert.Equal(dtls.NotBefore, new DateTimeOffset(certificate.NotBefore.ToUniversalTime()));
        Assert.Equal(dtls.NotAfter, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        var serial = certificate.SerialNumberBytes.Span; // big-endian
        Assert.Equal(16, serial.Length);
        Assert.True(serial[0] is > 0 and < 0x80);
    }

    [Fact]
    public void Create_TwiceGivesDifferentKeysSerialsAndFingerprints()
    {
        using var first = DtlsCertificate.Create();
        using var second = DtlsCertificate.Create();
        using var a = X509CertificateLoader.LoadCertificate(first.Der);
        using var b = X509CertificateLoader.LoadCertificate(second.Der);

        Assert.NotEqual(a.SerialNumber, b.SerialNumber);
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void Fingerprint_IsSha256OfTheDerInColonHex()
    {
        using var dtls = DtlsCertificate.Create(TimeSpan.FromDays(1));

        Assert.Equal("sha-256", dtls.Fingerprint.HashFunction);
        Assert.Equal(SHA256.HashData(dtls.Der), dtls.Fingerprint.Digest.ToArray());
        Assert.Matches(ColonHex(), dtls.Fingerprint.HexValue);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(dtls.Der)), dtls.Fingerprint.HexValue.Replace(":", "", StringComparison.Ordinal));
        Assert.Equal("sha-256 " + dtls.Fingerprint.HexValue, dtls.Fingerprint.ToString());
    }

    [Fact]
    public void Create_NonPositiveValidity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DtlsCertificate.Create(TimeSpan.Zero));
    }

    [Fact]
    public void Dispose_ReleasesBothNativeHandles()
    {
        var before = DtlsDiagnostics.LiveNativeHandles;
        var dtls = DtlsCertificate.Create();
        Assert.Equal(before + 2, DtlsDiagnostics.LiveNativeHandles);

        dtls.Dispose();
        dtls.Dispose();

        Assert.Equal(before, DtlsDiagnostics.LiveNativeHandles);
    }

    [GeneratedRegex("^([0-9A-F]{2}:){31}[0-9A-F]{2}$")]
    private static partial Regex ColonHex();
}
