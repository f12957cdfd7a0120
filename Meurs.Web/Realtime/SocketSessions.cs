using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Realtime;

/// <summary>
/// Every socket open on this node, whoever's and whatever its kind, with the credential it opened with. Two rules live
/// here, once for all socket endpoints: a person holds at most <see cref="RealtimeOptions.MaxSocketsPerUser"/> sockets
/// (the <see cref="SocketPipeline"/> refuses one more with 429 before the upgrade), and a socket whose credential is
/// revoked is closed with <see cref="SessionEnded"/>: at once when this node revoked it (<see cref="EndRevokedAsync"/>
/// after a logout), and within <see cref="RealtimeOptions.SessionCheckInterval"/> otherwise (<see cref="SessionWatch"/>,
/// which also catches <c>meurs users disable</c> run in another process, or another node's logout).
/// </summary>
public sealed class SocketSessions(IOptionsMonitor<RealtimeOptions> options, IServiceProvider services)
{
    /// <summary>Close code 4401 (4000–4999 are the application's, RFC 6455 §7.4.2): the session ended; hx-ws does not reconnect on it.</summary>
    public const WebSocketCloseStatus SessionEnded = (WebSocketCloseStatus)4401;

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, int> reserved = [];
    private readonly Dictionary<Guid, (SocketConnection Connection, SocketCredential Credential)> open = [];
    // Optional so the fabric runs on its own (tests); the app registers the account feature's.
    private readonly ISocketCredentials? credentials = services.GetService<ISocketCredentials>();

    /// <summary>Sockets open (or being opened) by <paramref name="userId"/> on this node.</summary>
    public int Count(Guid userId)
    {
        lock (gate)
        {
            return reserved.GetValueOrDefault(userId);
        }
    }

    /// <summary>The credential of the request <paramref name="http"/>, or null when no account feature describes credentials.</summary>
    public SocketCredential? Describe(HttpContext http) => credentials?.Describe(http);

    /// <summary>
    /// Takes one of <paramref name="userId"/>'s socket places; false (and nothing taken) when they hold the maximum
    /// already. Every true must be matched by one <see cref="Release"/>.
    /// </summary>
    public bool TryReserve(Guid userId)
    {
        lock (gate)
        {
            var count = reserved.GetValueOrDefault(userId);
            if (count >= options.CurrentValue.MaxSocketsPerUser)
            {
                return false;
            }
            reserved[userId] = count + 1;
            return true;
        }
    }

    /// <summary>Gives back a place taken by <see cref="TryReserve"/>, and forgets the connection if it was tracked.</summary>
    public void Release(Guid userId, SocketConnection? connection)
    {
        lock (gate)
        {
            if (connection is not null)
            {
                open.Remove(connection.Id);
            }
            if (reserved.GetValueOrDefault(userId) is var count and > 1)
            {
                reserved[userId] = count - 1;
            }
            else
            {
                reserved.Remove(userId);
            }
        }
    }

    /// <summary>Remembers an accepted connection and the credential it opened with, to close it when that is revoked.</summary>
    public void Track(SocketConnection connection, SocketCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (credential is null)
        {
            return;
        }
        lock (gate)
        {
            open[connection.Id] = (connection, credential);
        }
    }

    /// <summary>
    /// Closes with <see cref="SessionEnded"/> every socket on this node (of <paramref name="userId"/> only, when given)
    /// whose credential has been revoked. Returns how many were closed.
    /// </summary>
    public async Task<int> EndRevokedAsync(Guid? userId = null, CancellationToken cancellationToken = default)
    {
        if (credentials is null)
        {
            return 0;
        }
        List<(SocketConnection Connection, SocketCredential Credential)> candidates;
        lock (gate)
        {
            candidates = [.. open.Values.Where(o => userId is null || o.Credential.UserId == userId)];
        }
        if (candidates.Count == 0)
        {
            return 0;
        }
        var revoked = await credentials.RevokedAsync([.. candidates.Select(c => c.Credential).Distinct()], cancellationToken);
        var closed = 0;
        foreach (var (connection, credential) in candidates)
        {
            if (revoked.Contains(credential))
            {
                connection.RequestClose(SessionEnded, "session ended");
                closed++;
            }
        }
        return closed;
    }
}
