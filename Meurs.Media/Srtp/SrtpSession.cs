namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpSession is the SRTP state of one DTLS-SRTP association: an outbound context under the
/// local write keys and an inbound context under the peer's (RFC 5764 §4.2).
/// </summary>
/// <remarks>
/// Not thread-safe per direction: one thread may protect while another unprotects, but two
/// threads must not protect (or unprotect) at once.
/// </remarks>
public sealed class SrtpSession : IDisposable
{
    /// <summary>
    /// DtlsSrtpExporterLabel is the RFC 5705 exporter label for DTLS-SRTP keying material
    /// (RFC 5764 §4.2); the one copy, used by <c>DtlsTransport</c> as well.
    /// </summary>
    public const string DtlsSrtpExporterLabel = "EXTRACTOR-dtls_srtp";

    /// <summary>
    /// Creates a session that protects with <paramref name="local"/> and unprotects with
    /// <paramref name="remote"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The two key sets are for different profiles.</exception>
    public SrtpSession(SrtpMasterKeys local, SrtpMasterKeys remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        if (local.Profile != remote.Profile)
        {
            throw new ArgumentException("Both directions use the negotiated profile.", nameof(remote));
        }

        Outbound = new SrtpContext(local);
        Inbound = new SrtpContext(remote);
    }

    /// <summary>Outbound protects what this side sends.</summary>
    public SrtpContext Outbound { get; }

    /// <summary>Inbound unprotects what the peer sends.</summary>
    public SrtpContext Inbound { get; }

    /// <summary>Profile is the negotiated protection profile.</summary>
    public SrtpProfile Profile => Outbound.Profile;

    /// <summary>Stats counts the inbound packets refused (authentication, replay, malformed).</summary>
    public SrtpStats Stats => Inbound.Stats;

    /// <summary>
    /// FromDtls exports the keying material of an established DTLS association and splits it
    /// into the two directions; the DTLS client writes with the client keys (RFC 5764 §4.2).
    /// </summary>
    /// <exception cref="ArgumentException">The profile is unsupported.</exception>
    /// <exception cref="InvalidOperationException">The exporter returned the wrong length.</exception>
    public static SrtpSession FromDtls(ISrtpKeyingMaterialExporter exporter, SrtpProfile profile, bool isDtlsClient)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        if (!profile.IsSupported)
        {
            throw new ArgumentException($"Unsupported SRTP profile {profile}.", nameof(profile));
        }

        var material = exporter.ExportKeyingMaterial(DtlsSrtpExporterLabel, SrtpMasterKeys.DtlsKeyingMaterialLength(profile));
        try
        {
            if (!SrtpMasterKeys.TrySplitDtlsKeyingMaterial(profile, material, out var client, out var server))
            {
                throw new InvalidOperationException("The exporter returned keying material of the wrong length.");
            }

            return isDtlsClient ? new SrtpSession(client, server) : new SrtpSession(server, client);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <inheritdoc cref="SrtpContext.TryProtectRtp"/>
    public bool TryProtectRtp(ReadOnlySpan<byte> rtp, Span<byte> output, out int written) =>
        Outbound.TryProtectRtp(rtp, output, out written);

    /// <inheritdoc cref="SrtpContext.TryUnprotectRtp"/>
    public bool TryUnprotectRtp(ReadOnlySpan<byte> srtp, Span<byte> output, out int written) =>
        Inbound.TryUnprotectRtp(srtp, output, out written);

    /// <inheritdoc cref="SrtpContext.TryProtectRtcp"/>
    public bool TryProtectRtcp(ReadOnlySpan<byte> rtcp, Span<byte> output, out int written) =>
        Outbound.TryProtectRtcp(rtcp, output, out written);

    /// <inheritdoc cref="SrtpContext.TryUnprotectRtcp"/>
    public bool TryUnprotectRtcp(ReadOnlySpan<byte> srtcp, Span<byte> output, out int written) =>
        Inbound.TryUnprotectRtcp(srtcp, output, out written);

    /// <inheritdoc/>
    public void Dispose()
    {
        Outbound.Dispose();
        Inbound.Dispose();
    }
}
