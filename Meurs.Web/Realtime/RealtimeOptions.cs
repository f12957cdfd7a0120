namespace Meurs.Web.Realtime;

/// <summary>Limits and origins for every WebSocket Meurs accepts. Bound from the <c>Realtime</c> section.</summary>
public sealed class RealtimeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Realtime";

    /// <summary>
    /// Browser origins allowed to open sockets besides the server's own host (e.g. <c>https://chat.example.org</c>).
    /// A socket whose <c>Origin</c> is neither is refused with 403 before the upgrade, which stops cross-site WebSocket hijacking.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Largest text message a client may send, in bytes (default 64 KiB); a larger one closes the socket with 1009.</summary>
    public int MaxIncomingMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Messages queued for one connection before it counts as too slow and is closed with 1013 (default 256).</summary>
    public int OutboundQueueLength { get; set; } = 256;

    /// <summary>
    /// Bytes of best-effort stream parts (direct file transfers) queued for one connection before it misses the transfer
    /// being sent, and is told so, rather than being closed (default 4 MiB).
    /// </summary>
    public long MaxQueuedStreamBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>How long closing a connection may wait for a peer that has stopped reading before the socket is aborted (default 10 s).</summary>
    public TimeSpan StalledPeerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a person still counts as online after their last <c>/ws/me</c> socket closed (default 5 s), so a reload
    /// or a move to another page does not flap their status.
    /// </summary>
    public TimeSpan UserPresenceGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sockets one person may hold open at once on this server, over all endpoints and tabs (default 20); one more is
    /// refused with 429 before the upgrade.
    /// </summary>
    public int MaxSocketsPerUser { get; set; } = 20;

    /// <summary>
    /// How often open sockets' credentials are checked (default 10 s): a socket whose session ended elsewhere
    /// (<c>meurs users disable</c> in another process, another node's logout, an access token that expired) is closed
    /// with 4401 within this; a logout, password change or revoked token on this node closes them at once. Each check
    /// is one query over every open socket of the node (about 15 ms of CPU with 1,000 sockets), which at 1 s showed as
    /// a stall in delivery once a second.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of WebSocket keep-alive pings (default 20 s), so proxies keep idle sockets and dead peers are noticed.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);
}
