using System.Runtime.InteropServices;

namespace Meurs.Media.Dtls;

/// <summary>
/// LibCrypto holds the libcrypto.so.3 entry points the DTLS layer needs: memory BIOs, DER
/// conversion of certificates and keys, and the thread-local error queue.
/// </summary>
/// <remarks>
/// C <c>long</c> and <c>unsigned long</c> are mapped to <see cref="CLong"/>/<see cref="CULong"/>
/// so the signatures stay right on LLP64 as well as LP64.
/// </remarks>
internal static unsafe partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";

    internal const int BioCtrlReset = 1;
    internal const int BioCtrlSetBufMemEofReturn = 130;

    [LibraryImport(Library)]
    internal static partial IntPtr BIO_s_mem();

    [LibraryImport(Library)]
    internal static partial IntPtr BIO_new(IntPtr method);

    [LibraryImport(Library)]
    internal static partial int BIO_free(IntPtr bio);

    [LibraryImport(Library)]
    internal static partial int BIO_write(IntPtr bio, byte* data, int length);

    [LibraryImport(Library)]
    internal static partial int BIO_read(IntPtr bio, byte* data, int length);

    [LibraryImport(Library)]
    internal static partial CLong BIO_ctrl(IntPtr bio, int command, CLong larg, IntPtr parg);

    [LibraryImport(Library)]
    internal static partial nuint BIO_ctrl_pending(IntPtr bio);

    [LibraryImport(Library)]
    internal static partial IntPtr d2i_X509(IntPtr reuse, byte** input, CLong length);

    [LibraryImport(Library)]
    internal static partial int i2d_X509(X509Handle certificate, byte** output);

    [LibraryImport(Library)]
    internal static partial void X509_free(IntPtr certificate);

    [LibraryImport(Library)]
    internal static partial IntPtr d2i_AutoPrivateKey(IntPtr reuse, byte** input, CLong length);

    [LibraryImport(Library)]
    internal static partial void EVP_PKEY_free(IntPtr key);

    [LibraryImport(Library)]
    internal static partial CULong ERR_get_error();

    [LibraryImport(Library)]
    internal static partial void ERR_error_string_n(CULong error, byte* buffer, nuint length);

    [LibraryImport(Library)]
    internal static partial void ERR_clear_error();
}
