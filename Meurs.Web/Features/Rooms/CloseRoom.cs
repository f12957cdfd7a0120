using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The owner closes a room: it is marked closed, everyone's page shows it and every socket on it is closed normally
/// (<see cref="RoomClosed"/>), and <see cref="ChannelEnded"/> tells whatever was attached to the room (its call) to end.
/// Its shared files go with it: their rows and their bytes on disk are deleted at once.
/// </summary>
public sealed class CloseRoom(MeursDbContext db, RealtimeHub hub, PresenceService presence, RoomOwnerAbsence absence, ShareFile share, ILogger<CloseRoom> logger)
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

    /// <summary>Closes <paramref name="roomId"/> if <paramref name="userId"/> owns it (null: the system, as the idle-room job).</summary>
    public async Task<Outcome> HandleAsync(string roomId, Guid? userId, CancellationToken cancellationToken)
    {
        if (!RoomId.IsValid(roomId))
        {
            return Outcome.NotFound;
        }
        var channel = ChannelId.Room(roomId);
        var outcome = await hub.WriteAsync(channel, async write =>
        {
            var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, cancellationToken);
            if (room is null || room.ClosedAt is not null)
            {
                return Outcome.NotFound;
            }
            if (userId is { } caller && room.OwnerId != caller)
            {
                return Outcome.Forbidden;
            }
            room.ClosedAt = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            write.Publish(new RoomClosed());
            write.Publish(new ChannelEnded(channel));
            return Outcome.Closed;
        }, cancellationToken);
        if (outcome == Outcome.Closed)
        {
            presence.Forget(channel);
            absence.Forget(roomId);
            await DeleteFilesAsync(roomId);
        }
        return outcome;
    }

    // Rows first (a download looks its row up before opening the file), then the bytes. An upload finishing meanwhile
    // deletes its own file when the room turns out closed (ShareFile); the sweep job catches anything a crash leaves.
    private async Task DeleteFilesAsync(string roomId)
    {
        var files = await db.SharedFiles.Where(f => f.RoomId == roomId).Select(f => f.Id).ToListAsync(CancellationToken.None);
        await db.SharedFiles.Where(f => f.RoomId == roomId).ExecuteDeleteAsync(CancellationToken.None);
        foreach (var id in files)
        {
            try
            {
                File.Delete(Path.Combine(share.UploadsPath, id.ToString("N")));
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Deleting shared file {FileId} of closed room {RoomId} failed; the sweep job will retry", id, roomId);
            }
        }
    }
}
