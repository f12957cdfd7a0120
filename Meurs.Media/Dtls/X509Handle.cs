using Microsoft.Win32.SafeHandles;

namespace Meurs.Media.Dtls;

/// <summary>
/// X509Handle owns one OpenSSL X509 and frees it exactly once, on Dispose or, as a backstop,
/// on critical finalization; the live count feeds <see cref="DtlsDiagnostics"/>.
/// </summary>
internal sealed class X509Handle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Takes ownership of <paramref name="handle"/>, which may be null (then IsInvalid).</summary>
    internal X509Handle(IntPtr handle)
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
        LibCrypto.X509_free(handle);
        DtlsDiagnostics.OnHandleReleased();
        return true;
    }
}
