using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Someone leaves a room on purpose (the room page's Leave button, or <c>{"type":"leave"}</c> on the JSON socket). The
/// owner's leave clears the history for everyone at once; a guest's leave takes the room off their Rooms list (their
/// membership ends; the link still lets them back in). Their presence ends as usual when their connection closes.
/// </summary>
public sealed class LeaveRoom(MeursDbContext db, RoomEventLog log, RoomOwnerAbsence absence)
{
    /// <summary>The notice that replaces a room's history when its owner has left.</summary>
    public const string ClearedNotice = "Owner left. Chat cleared";

    /// <summary>Leaves <paramref name="roomId"/>; false when there is no such open room.</summary>
    public async Task<bool> HandleAsync(string roomId, Guid userId, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.AsNoTracking().FindOpenAsync(roomId, cancellationToken);
        if (room is null)
        {
            return false;
        }
        if (room.OwnerId == userId)
        {
            absence.LeftOnPurpose(roomId);
            await log.ClearAsync(roomId, ClearedNotice, cancellationToken);
        }
        else
        {
            await db.RoomMemberships.Where(m => m.RoomId == roomId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        }
        return true;
    }
}
