using System.Diagnostics.CodeAnalysis;
using Meurs.Media.Dtls;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpRemoteParameters is what the SFU needs from a peer's offer or answer to bring up the
/// transport and route media: ICE credentials, DTLS fingerprint and role, the BUNDLE group, and
/// per-mid sources.
/// </summary>
public sealed class SdpRemoteParameters
{
    private SdpRemoteParameters(
        string iceUfrag,
        string icePwd,
        DtlsFingerprint fingerprint,
        SdpSetupRole? setup,
        IReadOnlyList<string> bundleMids,
        IReadOnlyList<SdpRemoteMedia> media,
        IReadOnlyList<SdpCandidate> candidates)
    {
        IceUfrag = iceUfrag;
        IcePwd = icePwd;
        Fingerprint = fingerprint;
        Setup = setup;
        BundleMids = bundleMids;
        Media = media;
        Candidates = candidates;
    }

    /// <summary>IceUfrag is the peer's ICE username fragment.</summary>
    public string IceUfrag { get; }

    /// <summary>IcePwd is the peer's ICE password.</summary>
    public string IcePwd { get; }

    /// <summary>Fingerprint is the peer's certificate fingerprint (sha-256 preferred), to check
    /// the certificate DTLS presents (RFC 8122 §5).</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>Setup is the peer's a=setup, or null when it wrote none.</summary>
    public SdpSetupRole? Setup { get; }

    /// <summary>BundleMids are the mids of the first BUNDLE group, or empty.</summary>
    public IReadOnlyList<string> BundleMids { get; }

    /// <summary>Mids are the m-sections' mids in m-line order (sections without one skipped).</summary>
    public IReadOnlyList<string> Mids => Media.Where(m => m.Mid is not null).Select(m => m.Mid!).ToArray();

    /// <summary>Media holds every m-section, in order.</summary>
    public IReadOnlyList<SdpRemoteMedia> Media { get; }

    /// <summary>Candidates are the peer's candidates on the transport section.</summary>
    public IReadOnlyList<SdpCandidate> Candidates { get; }

    /// <summary>
    /// FindByMid finds the m-section with a given mid.
    /// </summary>
    /// <param name="mid">The mid.</param>
    /// <returns>The section, or null.</returns>
    public SdpRemoteMedia? FindByMid(string mid) => Media.FirstOrDefault(m => m.Mid == mid);

    /// <summary>
    /// TryExtract reads the parameters. Credentials, fingerprint and setup come from the
    /// transport m-section (the first accepted one named in BUNDLE, else the first accepted one;
    /// RFC 8843 §7), falling back to session level.
    /// </summary>
    /// <param name="description">A parsed offer or answer.</param>
    /// <param name="result">The parameters, or null when false.</param>
    /// <param name="error">Null on success, else why the description cannot be used.</param>
    /// <returns>False when no m-section is accepted or ICE credentials or a sha-256/384/512
    /// fingerprint are missing.</returns>
    public static bool TryExtract(
        SessionDescription description,
        [NotNullWhen(true)] out SdpRemoteParameters? result,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(description);
        result = null;
        var bundle = description.BundleGroup?.Mids ?? [];
        var transport = description.MediaDescriptions.FirstOrDefault(m => !m.IsRejected && m.Mid is { } mid && bundle.Contains(mid))
            ?? description.MediaDescriptions.FirstOrDefault(m => !m.IsRejected);
        if (transport is null)
        {
            error = "The description has no accepted m-section (all ports are 0 or there are none).";
            return false;
        }

        var ufrag = transport.IceUfrag ?? description.IceUfrag;
        var pwd = transport.IcePwd ?? description.IcePwd;
        if (ufrag is null || pwd is null)
        {
            error = $"The description has no a=ice-ufrag and a=ice-pwd for m-section mid {transport.Mid ?? "(none)"} or at session level (RFC 8839 §5.4).";
            return false;
        }

        var fingerprint = transport.Fingerprint ?? description.Fingerprint;
        if (fingerprint is null)
        {
            error = "The description has no a=fingerprint (RFC 8122 §5); DTLS-SRTP needs one.";
            return false;
        }

        if (!fingerprint.IsVerifiable)
        {
            error = $"The description's a=fingerprint uses {fingerprint.HashFunction}; sha-256 is required (RFC 8827 §6.5).";
            return false;
        }

        var media = description.MediaDescriptions.Select(m => new SdpRemoteMedia(description, m)).ToArray();
        result = new SdpRemoteParameters(ufrag, pwd, fingerprint, transport.Setup ?? description.Setup, bundle, media, transport.Candidates);
        error = null;
        return true;
    }
}
