using System.Net;

namespace Meurs.Media.Transport;

/// <summary>Where the one UDP port of the media server listens and what address it announces in SDP candidates.</summary>
public sealed class WebRtcServerOptions
{
    /// <summary>Configuration section name in the app.</summary>
    public const string SectionName = "Media";

    /// <summary>The address the UDP socket binds (default 0.0.0.0: every IPv4 interface; tests use 127.0.0.1).</summary>
    public string ListenAddress { get; set; } = IPAddress.Any.ToString();

    /// <summary>The UDP port (default 0: the system picks a free one, which <see cref="WebRtcServer.LocalEndPoint"/> reports).</summary>
    public int Port { get; set; }

    /// <summary>
    /// The address put in the host candidate (RFC 8839 §5.1) that browsers send media to: the server's public address
    /// in production, behind which <see cref="Port"/> must be reachable. Null: the bound address, or for a wildcard
    /// the first IPv4 address of an interface that is up and not loopback (loopback when there is none).
    /// </summary>
    public string? AnnouncedAddress { get; set; }

    /// <summary>How often timers run: DTLS retransmissions and ICE consent checks (default 100 ms).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
