using Meurs.Web.Data;
using Meurs.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Closes abandoned rooms: an open room with nobody connected (so its owner is gone too, per <see cref="PresenceService"/>)
/// and no event for <see cref="JobsOptions.RoomIdleTimeout"/> is closed as its owner would close it
/// (<see cref="CloseRoom"/>: the room is gone for everyone, and any socket that arrived meanwhile is told and closed),
/// then its history is deleted. Affected: rooms closed. A recurring job (<see cref="RoomsFeature"/>).
/// </summary>
public sealed class ClearIdleRooms(
    MeursDbContext db,
    CloseRoom close,
    PresenceService presence,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<ClearIdleRooms> logger)
    : MeursJob(time, logger)
{
    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var room in await RoomActivity.QuietSinceAsync(db, now - options.Value.RoomIdleTimeout, cancellationToken))
        {
            // Read as late as possible: someone connected to a quiet room is still using it.
            if (presence.Present(ChannelId.Room(room.RoomId)).Count > 0)
            {
                continue;
            }
            // Closing first: a closed room takes no new events, so nothing can be written between the two steps.
            if (await close.HandleAsync(room.RoomId, room.OwnerId, cancellationToken) != CloseRoom.Outcome.Closed)
            {
                continue;
            }
            var roomId = room.RoomId;
            await db.RoomMessages.Where(m => m.RoomId == roomId).ExecuteDeleteAsync(cancellationToken);
            closed++;
        }
        return closed;
    }
}
