using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The one definition of "an open room with this id": a well-formed id (<see cref="RoomId.IsValid"/>) of a room not
/// closed. A malformed id never reaches the database.
/// </summary>
public static class OpenRooms
{
    /// <summary>Only the open rooms.</summary>
    public static IQueryable<Room> Open(this IQueryable<Room> rooms) => rooms.Where(r => r.ClosedAt == null);

    /// <summary>The open room <paramref name="id"/>, or null (malformed, unknown or closed).</summary>
    public static async Task<Room?> FindOpenAsync(this IQueryable<Room> rooms, string id, CancellationToken cancellationToken = default) =>
        RoomId.IsValid(id) ? await rooms.Open().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) : null;

    /// <summary>True when <paramref name="id"/> names an open room.</summary>
    public static async Task<bool> IsOpenAsync(this IQueryable<Room> rooms, string id, CancellationToken cancellationToken = default) =>
        RoomId.IsValid(id) && await rooms.Open().AnyAsync(r => r.Id == id, cancellationToken);
}
