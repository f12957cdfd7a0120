using Microsoft.Win32.SafeHandles;

namespace Meurs.Media.Dtls;

/// <summary>
/// EvpPkeyHandle owns one OpenSSL EVP_PKEY and frees it exactly once, on Dispose or, as a backstop,
/// on critical finalization; the live count feeds <see cref="DtlsDiagnostics"/>.
/// </summary>
internal sealed class EvpPkeyHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Takes ownership of <paramref name="handle"/>, which may be null (then IsInvalid).</summary>
    internal EvpPkeyHandle(IntPtr handle)
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
        LibCrypto.EVP_PKEY_free(handle);
        DtlsDiagnostics.OnHandleReleased();
        return true;
    }
}
