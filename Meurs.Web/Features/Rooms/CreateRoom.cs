using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>Creates a room owned by the caller, retrying on id collisions.</summary>
public sealed class CreateRoom(MeursDbContext db, IRoomIdSource ids, RoomRateLimits limits, IOptions<RoomsOptions> options)
{
    /// <summary>
    /// Creates and returns the new room. Throws <see cref="RoomIdsExhaustedException"/> when
    /// <see cref="RoomsOptions.IdAttempts"/> candidate ids in a row were all taken, and
    /// <see cref="RoomCreationRateLimitedException"/> when the owner created too many rooms lately.
    /// <paramref name="name"/> is a name already checked with <see cref="RoomName.Check"/>, or null for none.
    /// </summary>
    public async Task<Room> HandleAsync(Guid ownerId, CancellationToken cancellationToken, string? name = null)
    {
        if (!limits.TryCreateRoom(ownerId))
        {
            throw new RoomCreationRateLimitedException();
        }
        for (var attempt = 0; attempt < options.Value.IdAttempts; attempt++)
        {
            var id = ids.NewId();
            if (!RoomId.IsValid(id) || await db.Rooms.AnyAsync(r => r.Id == id, cancellationToken))
            {
                continue;
            }
            var room = new Room { Id = id, OwnerId = ownerId, Name = name };
            db.Rooms.Add(room);
            var membership = db.RoomMemberships.Add(new RoomMembership { RoomId = id, UserId = ownerId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return room;
            }
            catch (DbUpdateException)
            {
                // Taken between the check and the insert by a concurrent creation: try another id.
                db.Entry(room).State = EntityState.Detached;
                membership.State = EntityState.Detached;
            }
        }
        throw new RoomIdsExhaustedException(options.Value.IdAttempts);
    }
}

/// <summary>No free room id was found in the allowed number of attempts; creating a room may simply be retried.</summary>
public sealed class RoomIdsExhaustedException(int attempts)
    : Exception($"No free room id after {attempts} attempts.");

/// <summary>The caller created too many rooms lately (<see cref="RoomsOptions.CreationsPerHour"/>); answered with 429.</summary>
public sealed class RoomCreationRateLimitedException()
    : Exception("Too many rooms created lately; try again later.");
