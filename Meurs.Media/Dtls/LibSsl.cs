using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Meurs.Media.Dtls;

/// <summary>
/// LibSsl holds the libssl.so.3 entry points the DTLS layer needs. Several OpenSSL "functions"
/// are macros over <c>SSL_ctrl</c>/<c>SSL_CTX_ctrl</c>; their command numbers are kept here
/// next to the import that carries them (values from OpenSSL 3.0 <c>ssl.h</c>).
/// </summary>
internal static unsafe partial class LibSsl
{
    private const string Library = "libssl.so.3";

    internal const int SslCtrlSetMtu = 17;
    internal const int SslCtrlMode = 33;
    internal const int SslCtrlSetSessCacheMode = 44;
    internal const int DtlsCtrlGetTimeout = 73;
    internal const int DtlsCtrlHandleTimeout = 74;
    internal const int DtlsCtrlSetLinkMtu = 120;
    internal const int SslCtrlSetMinProtoVersion = 123;
    internal const int SslCtrlSetMaxProtoVersion = 124;

    internal const int Dtls12Version = 0xFEFD;

    internal const ulong SslOpNoQueryMtu = 1UL << 12;
    internal const ulong SslOpNoTicket = 1UL << 14;
    internal const ulong SslOpCipherServerPreference = 1UL << 22;
    internal const ulong SslOpNoRenegotiation = 1UL << 30;

    internal const int SslModeReleaseBuffers = 0x10;
    internal const int SslSessCacheOff = 0;

    internal const int SslVerifyPeer = 0x01;
    internal const int SslVerifyFailIfNoPeerCert = 0x02;

    internal const int SslErrorNone = 0;
    internal const int SslErrorSsl = 1;
    internal const int SslErrorWantRead = 2;
    internal const int SslErrorWantWrite = 3;
    internal const int SslErrorSyscall = 5;
    internal const int SslErrorZeroReturn = 6;

    internal const int SslReceivedShutdown = 2;

    /// <summary>Index 0 is the one <c>SSL_set_app_data</c> uses; it needs no registration.</summary>
    internal const int AppDataIndex = 0;

    [LibraryImport(Library)]
    internal static partial IntPtr DTLS_server_method();

    [LibraryImport(Library)]
    internal static partial IntPtr DTLS_client_method();

    [LibraryImport(Library)]
    internal static partial IntPtr SSL_CTX_new(IntPtr method);

    [LibraryImport(Library)]
    internal static partial void SSL_CTX_free(IntPtr context);

    [LibraryImport(Library)]
    internal static partial CLong SSL_CTX_ctrl(SslContextHandle context, int command, CLong larg, IntPtr parg);

    [LibraryImport(Library)]
    internal static partial ulong SSL_CTX_set_options(SslContextHandle context, ulong options);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SSL_CTX_set_cipher_list(SslContextHandle context, string ciphers);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SSL_CTX_set_tlsext_use_srtp(SslContextHandle context, string profiles);

    [LibraryImport(Library)]
    internal static partial void SSL_CTX_set_verify(
        SslContextHandle context, int mode, delegate* unmanaged[Cdecl]<int, IntPtr, int> callback);

    [LibraryImport(Library)]
    internal static partial int SSL_CTX_use_certificate(SslContextHandle context, X509Handle certificate);

    [LibraryImport(Library)]
    internal static partial int SSL_CTX_use_PrivateKey(SslContextHandle context, EvpPkeyHandle key);

    [LibraryImport(Library)]
    internal static partial int SSL_CTX_check_private_key(SslContextHandle context);

    [LibraryImport(Library)]
    internal static partial IntPtr SSL_new(SslContextHandle context);

    [LibraryImport(Library)]
    internal static partial void SSL_free(IntPtr ssl);

    [LibraryImport(Library)]
    internal static partial void SSL_set_bio(SslHandle ssl, IntPtr readBio, IntPtr writeBio);

    [LibraryImport(Library)]
    internal static partial void SSL_set_accept_state(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial void SSL_set_connect_state(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial CLong SSL_ctrl(SslHandle ssl, int command, CLong larg, IntPtr parg);

    [LibraryImport(Library)]
    internal static partial ulong SSL_set_options(SslHandle ssl, ulong options);

    [LibraryImport(Library)]
    internal static partial int SSL_set_ex_data(SslHandle ssl, int index, IntPtr data);

    [LibraryImport(Library, EntryPoint = "SSL_get_ex_data")]
    internal static partial IntPtr SSL_get_ex_data_raw(IntPtr ssl, int index);

    [LibraryImport(Library)]
    internal static partial void DTLS_set_timer_cb(SslHandle ssl, delegate* unmanaged[Cdecl]<IntPtr, uint, uint> callback);

    [LibraryImport(Library)]
    internal static partial int SSL_do_handshake(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial int SSL_is_init_finished(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial int SSL_get_error(SslHandle ssl, int result);

    [LibraryImport(Library)]
    internal static partial int SSL_read(SslHandle ssl, byte* buffer, int length);

    [LibraryImport(Library)]
    internal static partial int SSL_shutdown(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial int SSL_get_shutdown(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial IntPtr SSL_get1_peer_certificate(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial IntPtr SSL_get_selected_srtp_profile(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial IntPtr SSL_get_current_cipher(SslHandle ssl);

    [LibraryImport(Library)]
    internal static partial IntPtr SSL_CIPHER_get_name(IntPtr cipher);

    [LibraryImport(Library)]
    internal static partial int SSL_export_keying_material(
        SslHandle ssl, byte* output, nuint outputLength, byte* label, nuint labelLength,
        byte* context, nuint contextLength, int useContext);

    /// <summary>
    /// AcceptAnyCertificate is the verify callback: it overrides chain errors (a WebRTC peer's
    /// certificate is self-signed), because the peer is authenticated by the SDP fingerprint
    /// once the handshake completes (RFC 8122 §5, RFC 8827 §6.5).
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    internal static int AcceptAnyCertificate(int preverifyOk, IntPtr storeContext) => 1;

    /// <summary>
    /// NextRetransmitTimeout is the DTLS timer callback: the first timeout comes from the
    /// transport (stored as app data, in microseconds), then it doubles up to 60 s
    /// (RFC 6347 §4.2.4.1).
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    internal static uint NextRetransmitTimeout(IntPtr ssl, uint previousMicroseconds)
    {
        const uint maximum = 60_000_000;
        if (previousMicroseconds == 0)
        {
            var initial = (ulong)SSL_get_ex_data_raw(ssl, AppDataIndex);
            return initial is > 0 and <= maximum ? (uint)initial : 1_000_000;
        }

        return previousMicroseconds >= maximum / 2 ? maximum : previousMicroseconds * 2;
    }
}
