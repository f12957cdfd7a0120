namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsDiagnostics counts the OpenSSL objects (SSL_CTX, SSL, X509, EVP_PKEY) this process
/// holds through the DTLS layer, so a leak shows as a count that only grows.
/// </summary>
public static class DtlsDiagnostics
{
    private static long s_liveNativeHandles;

    /// <summary>
    /// LiveNativeHandles is the number of OpenSSL objects allocated by this layer and not yet
    /// freed, process-wide. BIOs are not counted: each SSL owns and frees its two.
    /// </summary>
    public static long LiveNativeHandles => Interlocked.Read(ref s_liveNativeHandles);

    internal static void OnHandleCreated() => Interlocked.Increment(ref s_liveNativeHandles);

    internal static void OnHandleReleased() => Interlocked.Decrement(ref s_liveNativeHandles);
}
