using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>Records that a user joined a room (idempotent), making them a <see cref="RoomMembership"/> member.</summary>
public sealed class JoinRoom(MeursDbContext db)
{
    /// <summary>Joins <paramref name="userId"/> to the open room <paramref name="roomId"/>; returns the room, or null when there is no such open room.</summary>
    public async Task<Room?> HandleAsync(string roomId, Guid userId, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.AsNoTracking().FindOpenAsync(roomId, cancellationToken);
        if (room is null)
        {
            return null;
        }
        if (!await db.RoomMemberships.AnyAsync(m => m.RoomId == roomId && m.UserId == userId, cancellationToken))
        {
            db.RoomMemberships.Add(new RoomMembership { RoomId = roomId, UserId = userId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Joined concurrently from another tab: already a member, which is all we wanted.
            }
        }
        return room;
    }

    /// <summary>True when <paramref name="userId"/> has joined <paramref name="roomId"/>.</summary>
    public Task<bool> IsMemberAsync(string roomId, Guid userId, CancellationToken cancellationToken) =>
        db.RoomMemberships.AnyAsync(m => m.RoomId == roomId && m.UserId == userId, cancellationToken);
}
