using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsCertificate is this endpoint's DTLS identity: an ECDSA P-256 key and a self-signed
/// certificate made with .NET at start-up, held by OpenSSL as X509 and EVP_PKEY objects.
/// Its SHA-256 <see cref="Fingerprint"/> goes into the SDP (RFC 8122 §5); nothing else
/// authenticates it, so there is no chain and no name to check.
/// </summary>
/// <remarks>
/// The private key leaves .NET once, as PKCS#8 DER, and that buffer is zeroed straight after
/// OpenSSL parsed it. Contexts made from a certificate take their own references to the native
/// objects, so the certificate may be disposed while contexts still use it.
/// </remarks>
public sealed unsafe class DtlsCertificate : IDisposable
{
    private readonly byte[] _der;

    private DtlsCertificate(byte[] der, X509Handle certificate, EvpPkeyHandle privateKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        _der = der;
        CertificateHandle = certificate;
        PrivateKeyHandle = privateKey;
        NotBefore = notBefore;
        NotAfter = notAfter;
        Fingerprint = DtlsFingerprint.Compute(DtlsFingerprint.Sha256, der);
    }

    /// <summary>Der is a copy of the certificate in DER (the bytes the fingerprint hashes).</summary>
    public byte[] Der => (byte[])_der.Clone();

    /// <summary>Fingerprint is the SHA-256 fingerprint of <see cref="Der"/>.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>NotBefore is the start of the validity period (a day back, for clock skew).</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>NotAfter is the end of the validity period.</summary>
    public DateTimeOffset NotAfter { get; }

    internal X509Handle CertificateHandle { get; }

    internal EvpPkeyHandle PrivateKeyHandle { get; }

    /// <summary>
    /// Create makes a new P-256 key and a self-signed certificate for it with a random 128-bit
    /// serial number, valid from a day ago for <paramref name="validity"/> (default 30 days).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">validity is not positive.</exception>
    /// <exception cref="CryptographicException">OpenSSL rejected the certificate or key.</exception>
    public static DtlsCertificate Create(TimeSpan? validity = null, string commonName = "meurs")
    {
        var lifetime = validity ?? TimeSpan.FromDays(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(validity));
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName($"CN={commonName}");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);

        // Whole seconds: X.509 times have no fractions, and the reported bounds should be exact.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var notBefore = now.AddDays(-1);
        var notAfter = notBefore + lifetime;

        // A positive INTEGER (RFC 5280 §4.1.2.2): top bit clear, non-zero first byte.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);

        using var certificate = request.Create(subject, X509SignatureGenerator.CreateForECDsa(key), notBefore, notAfter, serial);
        var der = certificate.RawData;
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return FromDer(der, pkcs8, notBefore, notAfter);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Dispose releases this reference to the native certificate and key.</summary>
    public void Dispose()
    {
        CertificateHandle.Dispose();
        PrivateKeyHandle.Dispose();
    }

    private static DtlsCertificate FromDer(byte[] der, byte[] pkcs8, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        OpenSslErrors.Clear();
        X509Handle? x509 = null;
        EvpPkeyHandle? pkey = null;
        try
        {
            fixed (byte* derStart = der)
            {
                var cursor = derStart;
                x509 = new X509Handle(LibCrypto.d2i_X509(IntPtr.Zero, &cursor, new CLong(der.Length)));
            }

            if (x509.IsInvalid)
            {
                throw new CryptographicException(OpenSslErrors.Describe("d2i_X509 rejected the certificate"));
            }

            fixed (byte* keyStart = pkcs8)
            {
                var cursor = keyStart;
                pkey = new EvpPkeyHandle(LibCrypto.d2i_AutoPrivateKey(IntPtr.Zero, &cursor, new CLong(pkcs8.Length)));
            }

            if (pkey.IsInvalid)
            {
                throw new CryptographicException(OpenSslErrors.Describe("d2i_AutoPrivateKey rejected the PKCS#8 key"));
            }

            var result = new DtlsCertificate(der, x509, pkey, notBefore, notAfter);
            (x509, pkey) = (null, null);
            return result;
        }
        finally
        {
            x509?.Dispose();
            pkey?.Dispose();
        }
    }
}
