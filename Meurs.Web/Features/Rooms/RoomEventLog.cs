using System.Collections.Concurrent;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// A room's history and its fan-out. Every change is persisted, numbered and then published while holding the
/// room's gate, so all clients see events in <see cref="RoomMessage.Seq"/> order, and a client that subscribes gets
/// the history and then exactly the events after it: no gap, no duplicate.
/// </summary>
public sealed class RoomEventLog(IServiceScopeFactory scopes, TopicHub hub, RoomFragments fragments, RoomPresence presence, IOptions<RoomsOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>The realtime topic of a room.</summary>
    public static string Topic(string roomId) => $"rooms/{roomId}";

    /// <summary>
    /// Persists an event and publishes it to everyone in the room. Returns null (and stores nothing) when the room
    /// does not exist or is closed.
    /// </summary>
    public Task<RoomMessage?> AppendAsync(string roomId, RoomMessageKind kind, Guid? authorId, string authorName, string text, CancellationToken cancellationToken) =>
        UnderGateAsync(roomId, async () =>
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, cancellationToken);
            if (room is null || room.ClosedAt is not null)
            {
                return null;
            }
            room.LastSeq++;
            var message = new RoomMessage { RoomId = roomId, Seq = room.LastSeq, Kind = kind, AuthorId = authorId, AuthorName = authorName, Text = text };
            db.RoomMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            hub.Publish(Topic(roomId), await fragments.AppendedAsync(message));
            return message;
        });

    /// <summary>
    /// Adds <paramref name="connection"/> to the room's topic and sends it the recent history and the member list,
    /// atomically with respect to <see cref="AppendAsync"/>.
    /// </summary>
    public Task SubscribeAsync(string roomId, SocketConnection connection, CancellationToken cancellationToken) =>
        UnderGateAsync(roomId, async () =>
        {
            hub.Join(Topic(roomId), connection);
            connection.TrySend(await fragments.ListAsync(await HistoryAsync(roomId, cancellationToken)));
            return true;
        });

    /// <summary>The latest <see cref="RoomsOptions.HistoryLength"/> events of a room, oldest first.</summary>
    public async Task<IReadOnlyList<RoomMessage>> HistoryAsync(string roomId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var latest = await db.RoomMessages.AsNoTracking()
            .Where(m => m.RoomId == roomId)
            .OrderByDescending(m => m.Seq)
            .Take(options.Value.HistoryLength)
            .ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }

    /// <summary>
    /// Deletes the room's whole history, records <paramref name="notice"/> as its first event, and shows everyone the
    /// cleared list. Does nothing for a missing or closed room.
    /// </summary>
    public Task ClearAsync(string roomId, string notice, CancellationToken cancellationToken) =>
        UnderGateAsync(roomId, async () =>
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, cancellationToken);
            if (room is null || room.ClosedAt is not null)
            {
                return false;
            }
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM RoomMessages WHERE RoomId = {roomId}", cancellationToken);
            room.LastSeq++;
            var message = new RoomMessage { RoomId = roomId, Seq = room.LastSeq, Kind = RoomMessageKind.System, Text = notice };
            db.RoomMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            hub.Publish(Topic(roomId), await fragments.ListAsync([message]));
            return true;
        });

    /// <summary>Publishes the current member list (from <see cref="RoomPresence"/>) to everyone in the room.</summary>
    public Task PublishMembersAsync(string roomId, Guid ownerId) =>
        UnderGateAsync(roomId, async () =>
        {
            hub.Publish(Topic(roomId), await fragments.MembersAsync(Members(roomId, ownerId)));
            return true;
        });

    /// <summary>The member list as the page shows it.</summary>
    public IReadOnlyList<RoomMember> Members(string roomId, Guid ownerId) =>
        [.. presence.Present(roomId).Select(p => new RoomMember(p.UserId, p.UserName, p.UserId == ownerId))];

    /// <summary>Runs <paramref name="action"/> while no other event of the room is being written or published.</summary>
    internal async Task<T> UnderGateAsync<T>(string roomId, Func<Task<T>> action)
    {
        var gate = gates.GetOrAdd(roomId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }
}
