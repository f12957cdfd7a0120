using System.Net;
using Meurs.Media.Dtls;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpLocalTransport is the SFU side of one peer connection as SDP shows it: ICE credentials
/// (RFC 8839 §5.4), the DTLS certificate fingerprint (RFC 8122) and the ICE-lite host candidates
/// (RFC 8445 §2.5) on the shared UDP port.
/// </summary>
public sealed class SdpLocalTransport
{
    /// <summary>
    /// Creates a transport description.
    /// </summary>
    /// <param name="iceUfrag">ICE username fragment, 4..256 ice-char (RFC 8839 §5.4).</param>
    /// <param name="icePwd">ICE password, 22..256 ice-char (RFC 8839 §5.4).</param>
    /// <param name="fingerprint">The SFU certificate's fingerprint.</param>
    /// <param name="candidates">Candidates to advertise, in order.</param>
    /// <exception cref="ArgumentException">A credential has the wrong length or characters.</exception>
    public SdpLocalTransport(string iceUfrag, string icePwd, DtlsFingerprint fingerprint, IEnumerable<SdpCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(candidates);
        if (iceUfrag is null || iceUfrag.Length < 4 || !SdpText.IsIceString(iceUfrag, 256))
        {
            throw new ArgumentException("ice-ufrag is 4..256 ice-char (RFC 8839 §5.4).", nameof(iceUfrag));
        }

        if (icePwd is null || icePwd.Length < 22 || !SdpText.IsIceString(icePwd, 256))
        {
            throw new ArgumentException("ice-pwd is 22..256 ice-char (RFC 8839 §5.4).", nameof(icePwd));
        }

        IceUfrag = iceUfrag;
        IcePwd = icePwd;
        Fingerprint = fingerprint;
        Candidates = candidates.ToArray();
    }

    /// <summary>IceUfrag is the SFU's username fragment for this connection.</summary>
    public string IceUfrag { get; }

    /// <summary>IcePwd is the SFU's ICE password for this connection.</summary>
    public string IcePwd { get; }

    /// <summary>Fingerprint is the SFU certificate's fingerprint.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>Candidates are advertised in every accepted m-section, then end-of-candidates.</summary>
    public IReadOnlyList<SdpCandidate> Candidates { get; }

    /// <summary>
    /// WithHostCandidates describes a transport whose candidates are UDP host candidates on the
    /// given endpoints, the first preferred (local preference 65535, then one less each).
    /// </summary>
    /// <param name="iceUfrag">ICE username fragment.</param>
    /// <param name="icePwd">ICE password.</param>
    /// <param name="fingerprint">The certificate fingerprint.</param>
    /// <param name="endpoints">Address and port of each host candidate; at most 65536.</param>
    /// <returns>The transport.</returns>
    /// <exception cref="ArgumentException">A credential is invalid.</exception>
    public static SdpLocalTransport WithHostCandidates(string iceUfrag, string icePwd, DtlsFingerprint fingerprint, IEnumerable<IPEndPoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var candidates = endpoints.Select((endpoint, index) => new SdpCandidate(
            foundation: (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            component: 1,
            transport: "udp",
            priority: SdpCandidate.HostPriority(65535 - index),
            address: (endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address).ToString(),
            port: endpoint.Port,
            type: "host"));
        return new SdpLocalTransport(iceUfrag, icePwd, fingerprint, candidates);
    }

    /// <summary>
    /// AddCredentials appends the transport attributes JSEP puts in an m-section (RFC 8829 §5.2.1):
    /// ice-ufrag, ice-pwd, fingerprint, setup.
    /// </summary>
    internal void AddCredentials(MediaDescription media, SdpSetupRole setup)
    {
        media.AddAttribute("ice-ufrag", IceUfrag);
        media.AddAttribute("ice-pwd", IcePwd);
        media.Attributes.Add(Fingerprint.ToAttribute());
        media.AddAttribute("setup", setup.ToToken());
    }

    /// <summary>
    /// AddCandidates appends the candidates and a=end-of-candidates (ICE-lite gathers nothing
    /// later, RFC 8840 §8.2).
    /// </summary>
    internal void AddCandidates(MediaDescription media)
    {
        foreach (var candidate in Candidates)
        {
            media.Attributes.Add(candidate.ToAttribute());
        }

        media.AddAttribute("end-of-candidates");
    }
}
