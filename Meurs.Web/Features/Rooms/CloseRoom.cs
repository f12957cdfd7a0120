using System.Net.WebSockets;
using Meurs.Web.Data;
using Meurs.Web.Features.Calls;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>The owner closes a room: it is marked closed, everyone's page shows it, its call ends, and every socket of both is closed normally.</summary>
public sealed class CloseRoom(MeursDbContext db, RoomEventLog log, TopicHub hub, RoomFragments fragments, RoomPresence presence, RoomOwnerAbsence absence, CallRoster calls)
{
    /// <summary>What happened.</summary>
    public enum Outcome
    {
        /// <summary>The room is now closed.</summary>
        Closed,

        /// <summary>No open room has that id.</summary>
        NotFound,

        /// <summary>The caller is not the owner.</summary>
        Forbidden,
    }

    /// <summary>Closes <paramref name="roomId"/> if <paramref name="userId"/> owns it.</summary>
    public Task<Outcome> HandleAsync(string roomId, Guid userId, CancellationToken cancellationToken) =>
        log.UnderGateAsync(roomId, async () =>
        {
            var room = RoomId.IsValid(roomId) ? await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, cancellationToken) : null;
            if (room is null || room.ClosedAt is not null)
            {
                return Outcome.NotFound;
            }
            if (room.OwnerId != userId)
            {
                return Outcome.Forbidden;
            }
            room.ClosedAt = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            var topic = RoomEventLog.Topic(roomId);
            hub.Publish(topic, new Frame(await fragments.ClosedAsync(), RoomJson.Closed()));
            foreach (var connection in hub.Connections(topic))
            {
                // 1000 Normal Closure: hx-ws does not reconnect to a room that is gone.
                connection.RequestClose(WebSocketCloseStatus.NormalClosure, "Room closed by owner");
            }
            // The room's call ends with it.
            calls.End(roomId);
            foreach (var connection in hub.Connections(CallAnnouncer.Topic(roomId)))
            {
                connection.RequestClose(WebSocketCloseStatus.NormalClosure, "Room closed by owner");
            }
            presence.Forget(roomId);
            absence.Forget(roomId);
            return Outcome.Closed;
        });
}
