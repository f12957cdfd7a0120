using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>The member list as shown: each member with their role, whether connected (presence on the session's channel) and their sync state. Scoped.</summary>
public sealed class ListenRoster(MeursDbContext db, PresenceService presence, ListenSyncStates sync)
{
    /// <summary>The members of <paramref name="sessionId"/>: host first, then co-hosts, then guests, each by name.</summary>
    public async Task<IReadOnlyList<ListenListener>> ListenersAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var members = await db.ListenMembers.AsNoTracking().Where(m => m.SessionId == sessionId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, m.Role, u.UserName }).ToListAsync(cancellationToken);
        var channel = ChannelId.Listen(sessionId);
        return [.. members
            .OrderByDescending(m => m.Role).ThenBy(m => m.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(m =>
            {
                var connected = presence.IsPresent(channel, m.UserId);
                var report = connected ? sync.Of(sessionId, m.UserId) : null;
                return new ListenListener(m.UserId, m.UserName ?? "", m.Role, connected, report?.State, report?.DriftMs);
            })];
    }

    /// <summary>The <see cref="ListenersChanged"/> event of <paramref name="sessionId"/> now.</summary>
    public async Task<ListenersChanged> EventAsync(Guid sessionId, CancellationToken cancellationToken) =>
        new(sessionId, await ListenersAsync(sessionId, cancellationToken));
}
