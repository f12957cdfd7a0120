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

    // Rooms whose member list is being published, and whether another run was asked for meanwhile.
    private readonly Dictionary<string, bool> membersRuns = new(StringComparer.Ordinal);

    /// <summary>The realtime topic of a room.</summary>
    public static string Topic(string roomId) => $"rooms/{roomId}";

    /// <summary>
    /// Persists an event and publishes it to everyone in the room. Returns null (and stores nothing) when the room
    /// does not exist or is closed.
    /// </summary>
    /// <remarks>A <see cref="RoomMessageKind.Private"/> event names its <paramref name="recipientId"/> and reaches only author and recipient.</remarks>
    public Task<RoomMessage?> AppendAsync(string roomId, RoomMessageKind kind, Guid? authorId, string authorName, string text, CancellationToken cancellationToken, Guid? recipientId = null, string? recipientName = null, Guid? fileId = null) =>
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
            var message = new RoomMessage
            {
                RoomId = roomId, Seq = room.LastSeq, Kind = kind, AuthorId = authorId, AuthorName = authorName, Text = text,
                RecipientId = recipientId, RecipientName = recipientName, FileId = fileId,
            };
            db.RoomMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            hub.Publish(Topic(roomId), new Frame(await fragments.AppendedAsync(message), RoomJson.Event(message)), c => message.IsVisibleTo(c.UserId));
            return message;
        });

    /// <summary>
    /// Adds <paramref name="connection"/> to the room's topic and sends it what it should see first, atomically with
    /// respect to <see cref="AppendAsync"/> (so nothing falls between the two and nothing comes twice): the recent
    /// history, or for a JSON client resuming after sequence number <paramref name="after"/>, exactly the events since
    /// (preceded by <c>clear</c> when the history was wiped meanwhile).
    /// </summary>
    public Task SubscribeAsync(string roomId, SocketConnection connection, long? after, CancellationToken cancellationToken) =>
        UnderGateAsync(roomId, async () =>
        {
            ArgumentNullException.ThrowIfNull(connection);
            hub.Join(Topic(roomId), connection);
            if (connection.Protocol == SocketProtocol.Htmx)
            {
                connection.TrySend(await fragments.ListAsync(await HistoryAsync(roomId, connection.UserId, cancellationToken)));
            }
            else if (after is not { } since)
            {
                connection.TrySend(RoomJson.History(await HistoryAsync(roomId, connection.UserId, cancellationToken)));
            }
            else
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
                var events = db.RoomMessages.AsNoTracking().Where(m => m.RoomId == roomId);
                var first = await events.OrderBy(m => m.Seq).Select(m => (long?)m.Seq).FirstOrDefaultAsync(cancellationToken);
                // Numbering starts at 1 and only a wipe deletes events, so when the first remaining event is past `since`
                // (and is not event 1), the history was wiped after `since` — even when the wipe's notice is since + 1.
                if (first > since && first > 1)
                {
                    // What the client shows is gone: the owner left and the history was wiped.
                    connection.TrySend(RoomJson.Clear());
                }
                var missed = await events.Where(m => m.Seq > since).OrderBy(m => m.Seq).ToListAsync(cancellationToken);
                connection.TrySend(RoomJson.Resume(since, missed.Where(m => m.IsVisibleTo(connection.UserId))));
            }
            return true;
        });

    /// <summary>The latest <see cref="RoomsOptions.HistoryLength"/> events of a room that <paramref name="viewerId"/> may see, oldest first.</summary>
    public async Task<IReadOnlyList<RoomMessage>> HistoryAsync(string roomId, Guid viewerId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var latest = await db.RoomMessages.AsNoTracking()
            .Where(m => m.RoomId == roomId && (m.Kind != RoomMessageKind.Private || m.AuthorId == viewerId || m.RecipientId == viewerId))
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
            hub.Publish(Topic(roomId), new Frame(null, RoomJson.Clear()));
            hub.Publish(Topic(roomId), new Frame(await fragments.ListAsync([message]), RoomJson.Event(message)));
            return true;
        });

    /// <summary>
    /// Publishes the current member list (from <see cref="RoomPresence"/>) to everyone in the room. Calls that arrive
    /// while one is publishing collapse into one more run of it, which reads presence afresh: a burst of arrivals costs
    /// two lists, not one per arrival (each list goes to everyone, so that would be quadratic in the room's size).
    /// A caller whose call collapsed returns at once; its change is in the list that follows.
    /// </summary>
    public async Task PublishMembersAsync(string roomId, Guid ownerId)
    {
        lock (membersRuns)
        {
            if (membersRuns.ContainsKey(roomId))
            {
                membersRuns[roomId] = true;
                return;
            }
            membersRuns[roomId] = false;
        }
        while (true)
        {
            try
            {
                await UnderGateAsync(roomId, async () =>
                {
                    var members = Members(roomId, ownerId);
                    hub.Publish(Topic(roomId), new Frame(await fragments.MembersAsync(members), RoomJson.Members(members)));
                    return true;
                });
            }
            catch
            {
                lock (membersRuns)
                {
                    membersRuns.Remove(roomId);
                }
                throw;
            }
            lock (membersRuns)
            {
                if (!membersRuns[roomId])
                {
                    membersRuns.Remove(roomId);
                    return;
                }
                membersRuns[roomId] = false;
            }
        }
    }

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
