using Microsoft.Win32.SafeHandles;

namespace Meurs.Media.Dtls;

/// <summary>
/// SslContextHandle owns one OpenSSL SSL_CTX and frees it exactly once, on Dispose or, as a backstop,
/// on critical finalization; the live count feeds <see cref="DtlsDiagnostics"/>.
/// </summary>
internal sealed class SslContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Takes ownership of <paramref name="handle"/>, which may be null (then IsInvalid).</summary>
    internal SslContextHandle(IntPtr handle)
        : base(ownsHandle: true)
    {
        SetHandle(handle);
        if (!IsInvalid)
        {
            DtlsDiagnostics.OnHandleCreated();
        }
    }

    protected override bool ReleaseHandle()
    {
        LibSsl.SSL_CTX_free(handle);
        DtlsDiagnostics.OnHandleReleased();
        return true;
    }
}
