using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>The owner renames their room (<c>POST /rooms/{id}/name</c>); the name follows <see cref="RoomName"/>.</summary>
public sealed class RenameRoom(MeursDbContext db, RealtimeHub hub)
{
    /// <summary>What happened.</summary>
    public enum Outcome
    {
        /// <summary>The room has the new name.</summary>
        Renamed,

        /// <summary>The name breaks a rule; nothing changed.</summary>
        Invalid,

        /// <summary>No open room has that id.</summary>
        NotFound,

        /// <summary>The caller is not the owner; nothing changed.</summary>
        Forbidden,
    }

    /// <summary>
    /// Renames <paramref name="roomId"/> to <paramref name="input"/> if <paramref name="userId"/> owns it. Returns the
    /// outcome, the stored name when renamed, and the reason when the name is invalid.
    /// </summary>
    public async Task<(Outcome Outcome, string? Name, string? Error)> HandleAsync(string roomId, Guid userId, string? input, CancellationToken cancellationToken)
    {
        if (!RoomId.IsValid(roomId))
        {
            return (Outcome.NotFound, null, null);
        }
        // Under the room's gate, as every change the room's pages are told of: no one subscribing meanwhile misses it.
        return await hub.WriteAsync(ChannelId.Room(roomId), async write =>
        {
            var room = await db.Rooms.FindOpenAsync(roomId, cancellationToken);
            if (room is null)
            {
                return (Outcome.NotFound, (string?)null, (string?)null);
            }
            if (room.OwnerId != userId)
            {
                return (Outcome.Forbidden, null, null);
            }
            var (name, error) = RoomName.Check(input);
            if (name is null)
            {
                return (Outcome.Invalid, null, error);
            }
            room.Name = name;
            await db.SaveChangesAsync(cancellationToken);
            write.Publish(new RoomRenamed(roomId, name));
            return (Outcome.Renamed, name, null);
        }, cancellationToken);
    }
}
