using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// When an open room last saw anything happen, derived from what Rooms already stores (no column of its own): its
/// latest event (<see cref="RoomMessage.CreatedAt"/>; chat, joins and leaves are all events), or its creation
/// when it has none. Who is connected right now is not stored; that is <see cref="Realtime.PresenceService"/>'s to say.
/// </summary>
/// <param name="RoomId">The room.</param>
/// <param name="OwnerId">Its owner.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="LastEventAt">When its latest event was stored (UTC), or null when it has no history.</param>
public sealed record RoomActivity(string RoomId, Guid OwnerId, DateTime CreatedAt, DateTime? LastEventAt)
{
    /// <summary>The later of the latest event and the creation (UTC).</summary>
    public DateTime LastActivityAt => LastEventAt is { } at && at > CreatedAt ? at : CreatedAt;

    /// <summary>Open rooms whose <see cref="LastActivityAt"/> is at or before <paramref name="cutoff"/> (UTC), oldest activity first.</summary>
    public static async Task<IReadOnlyList<RoomActivity>> QuietSinceAsync(MeursDbContext db, DateTime cutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rooms = await db.Rooms.AsNoTracking()
            .Open().Where(r => r.CreatedAt <= cutoff)
            .Select(r => new
            {
                r.Id,
                r.OwnerId,
                r.CreatedAt,
                LastEventAt = db.RoomMessages.Where(m => m.RoomId == r.Id).Max(m => (DateTime?)m.CreatedAt),
            })
            .Where(r => r.LastEventAt == null || r.LastEventAt <= cutoff)
            .ToListAsync(cancellationToken);
        return [.. rooms.Select(r => new RoomActivity(r.Id, r.OwnerId, r.CreatedAt, r.LastEventAt)).OrderBy(r => r.LastActivityAt)];
    }
}
