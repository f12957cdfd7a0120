using System.Runtime.InteropServices;
using Meurs.Media.Srtp;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsContext is an OpenSSL SSL_CTX configured for DTLS 1.2 WebRTC media in one role:
/// ECDHE-ECDSA cipher suites, the use_srtp extension (RFC 5764 §4.1.1), this endpoint's
/// certificate, and a demand for the peer's certificate, which is checked against the SDP
/// fingerprint by each <see cref="DtlsTransport"/> (RFC 5763 §5, RFC 8827 §6.5).
/// </summary>
/// <remarks>
/// One context serves any number of transports and may be used from several threads at once
/// (OpenSSL 3 locks what SSL objects share). Transports hold their own reference to the native
/// context, so disposing the context while they live is safe. Session caching and tickets are
/// off: WebRTC never resumes, and a cache would keep every peer's session for minutes.
/// </remarks>
public sealed unsafe class DtlsContext : IDisposable
{
    /// <summary>
    /// CipherList is offered/accepted in this order: all ECDHE with ECDSA, as the certificate is
    /// P-256 and browsers offer these (RFC 8827 §6.5 requires forward secrecy).
    /// </summary>
    public const string CipherList =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305";

    /// <summary>
    /// Creates a context. <paramref name="certificate"/> is required for the server; a client
    /// may pass null to present no certificate (which servers built here refuse, as the
    /// WebRTC security architecture requires mutual authentication).
    /// </summary>
    /// <exception cref="ArgumentNullException">Server role without a certificate.</exception>
    /// <exception cref="ArgumentException">Options name no profile, an unknown profile, or out-of-range values.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">OpenSSL refused a setting.</exception>
    public DtlsContext(DtlsRole role, DtlsCertificate? certificate, DtlsContextOptions? options = null)
    {
        if (role == DtlsRole.Server)
        {
            ArgumentNullException.ThrowIfNull(certificate);
        }

        Options = options ?? new DtlsContextOptions();
        var profiles = ProfileList(Options.SrtpProfiles)
            ?? throw new ArgumentException("SrtpProfiles must name one or more known profiles (RFC 5764 §4.1.1).", nameof(options));
        if (Options.Mtu is < 256 or > 65_507)
        {
            throw new ArgumentException("Mtu must be 256..65507 bytes.", nameof(options));
        }

        if (Options.InitialRetransmitTimeout < TimeSpan.FromMilliseconds(1) || Options.InitialRetransmitTimeout > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentException("InitialRetransmitTimeout must be 1 ms..60 s.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxHandshakeBytes, nameof(options));

        Role = role;
        Certificate = certificate;
        OpenSslErrors.Clear();
        var method = role == DtlsRole.Server ? LibSsl.DTLS_server_method() : LibSsl.DTLS_client_method();
        Handle = new SslContextHandle(LibSsl.SSL_CTX_new(method));
        try
        {
            Configure(Handle, role, certificate, profiles);
        }
        catch
        {
            Handle.Dispose();
            throw;
        }
    }

    /// <summary>Role is the handshake role of every transport made from this context.</summary>
    public DtlsRole Role { get; }

    /// <summary>Certificate is the local certificate, or null for a client presenting none.</summary>
    public DtlsCertificate? Certificate { get; }

    /// <summary>Options are the settings this context was made with.</summary>
    public DtlsContextOptions Options { get; }

    internal SslContextHandle Handle { get; }

    /// <summary>Dispose releases this reference to the SSL_CTX; live transports keep theirs.</summary>
    public void Dispose() => Handle.Dispose();

    private static string? ProfileList(IReadOnlyList<SrtpProfile>? ids)
    {
        if (ids is null || ids.Count == 0)
        {
            return null;
        }

        var names = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            if (OpenSslName(id) is not { } name)
            {
                return null;
            }

            names.Add(name);
        }

        return string.Join(':', names);
    }

    // The profile's name in OpenSSL's use_srtp list; null for one SRTP cannot protect with.
    private static string? OpenSslName(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => "SRTP_AES128_CM_SHA1_80",
        SrtpProfile.AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        _ => null,
    };

    private static void Configure(SslContextHandle context, DtlsRole role, DtlsCertificate? certificate, string profiles)
    {
        if (context.IsInvalid)
        {
            throw Failure("SSL_CTX_new failed");
        }

        if (LibSsl.SSL_CTX_ctrl(context, LibSsl.SslCtrlSetMinProtoVersion, new CLong(LibSsl.Dtls12Version), IntPtr.Zero).Value != 1
            || LibSsl.SSL_CTX_ctrl(context, LibSsl.SslCtrlSetMaxProtoVersion, new CLong(LibSsl.Dtls12Version), IntPtr.Zero).Value != 1)
        {
            throw Failure("Could not pin the protocol to DTLS 1.2");
        }

        LibSsl.SSL_CTX_set_options(
            context,
            LibSsl.SslOpNoQueryMtu | LibSsl.SslOpNoTicket | LibSsl.SslOpNoRenegotiation | LibSsl.SslOpCipherServerPreference);
        LibSsl.SSL_CTX_ctrl(context, LibSsl.SslCtrlMode, new CLong(LibSsl.SslModeReleaseBuffers), IntPtr.Zero);
        LibSsl.SSL_CTX_ctrl(context, LibSsl.SslCtrlSetSessCacheMode, new CLong(LibSsl.SslSessCacheOff), IntPtr.Zero);

        if (LibSsl.SSL_CTX_set_cipher_list(context, CipherList) != 1)
        {
            throw Failure("SSL_CTX_set_cipher_list failed");
        }

        // Unlike most of OpenSSL, this one returns 0 on success.
        if (LibSsl.SSL_CTX_set_tlsext_use_srtp(context, profiles) != 0)
        {
            throw Failure("SSL_CTX_set_tlsext_use_srtp failed");
        }

        if (certificate is not null)
        {
            if (LibSsl.SSL_CTX_use_certificate(context, certificate.CertificateHandle) != 1
                || LibSsl.SSL_CTX_use_PrivateKey(context, certificate.PrivateKeyHandle) != 1
                || LibSsl.SSL_CTX_check_private_key(context) != 1)
            {
                throw Failure("OpenSSL refused the certificate or key");
            }
        }

        var mode = role == DtlsRole.Server
            ? LibSsl.SslVerifyPeer | LibSsl.SslVerifyFailIfNoPeerCert
            : LibSsl.SslVerifyPeer;
        LibSsl.SSL_CTX_set_verify(context, mode, &LibSsl.AcceptAnyCertificate);
    }

    private static System.Security.Cryptography.CryptographicException Failure(string what) =>
        new(OpenSslErrors.Describe(what));
}
