using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// A person joins a room (idempotent), making them a <see cref="RoomMembership"/> member: only members read a room's
/// history and files. Joining is never silent: a new member is announced to the room ("ann joined") as they join,
/// whichever way they came in (the room page's Join button, <c>POST /api/comuni/rooms/{id}/join</c>, or a socket).
/// </summary>
public sealed class JoinRoom(MeursDbContext db, RoomEventLog log)
{
    /// <summary>The open room joined, and whether this call made the person a member (and announced them).</summary>
    /// <param name="Room">The room.</param>
    /// <param name="IsNew">True when they were not a member before.</param>
    public sealed record Joined(Room Room, bool IsNew);

    /// <summary>Joins <paramref name="userId"/> (named <paramref name="userName"/>) to the open room <paramref name="roomId"/>; null when there is no such open room.</summary>
    public async Task<Joined?> HandleAsync(string roomId, Guid userId, string userName, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.AsNoTracking().FindOpenAsync(roomId, cancellationToken);
        if (room is null)
        {
            return null;
        }
        if (await IsMemberAsync(roomId, userId, cancellationToken))
        {
            return new Joined(room, IsNew: false);
        }
        db.RoomMemberships.Add(new RoomMembership { RoomId = roomId, UserId = userId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Joined concurrently from another tab: already a member (and announced by that join), which is all we wanted.
            return new Joined(room, IsNew: false);
        }
        await log.AppendAsync(roomId, RoomMessageKind.Joined, userId, userName, Notice(userName), cancellationToken);
        return new Joined(room, IsNew: true);
    }

    /// <summary>True when <paramref name="userId"/> has joined <paramref name="roomId"/>.</summary>
    public Task<bool> IsMemberAsync(string roomId, Guid userId, CancellationToken cancellationToken) =>
        db.RoomMemberships.AnyAsync(m => m.RoomId == roomId && m.UserId == userId, cancellationToken);

    /// <summary>The system line that announces <paramref name="userName"/> arriving.</summary>
    public static string Notice(string userName) => $"{userName} joined";
}
