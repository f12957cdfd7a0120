using Microsoft.Win32.SafeHandles;

namespace Meurs.Media.Dtls;

/// <summary>
/// SslHandle owns one OpenSSL SSL (its two memory BIOs are freed with it, SSL_set_bio having handed them over) and frees it exactly once, on Dispose or, as a backstop,
/// on critical finalization; the live count feeds <see cref="DtlsDiagnostics"/>.
/// </summary>
internal sealed class SslHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Takes ownership of <paramref name="handle"/>, which may be null (then IsInvalid).</summary>
    internal SslHandle(IntPtr handle)
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
        LibSsl.SSL_free(handle);
        DtlsDiagnostics.OnHandleReleased();
        return true;
    }
}
