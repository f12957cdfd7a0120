using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// A room's history: events are stored with the sequence number the <see cref="RealtimeHub"/> hands out under the
/// room's gate, then published as <see cref="MessageCreated"/>. Being the room kind's <see cref="IChannelLog"/>, it also
/// gives a subscriber the history (or, resuming, exactly what it missed) before anything live.
/// </summary>
public sealed class RoomEventLog(IServiceScopeFactory scopes, RealtimeHub hub, PresenceService presence, RecentRoomEvents recent, IOptions<RoomsOptions> options) : IChannelLog
{
    // Rooms whose member list is being published, and whether another run was asked for meanwhile.
    private readonly Dictionary<string, bool> membersRuns = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Room;

    /// <summary>
    /// Persists an event and publishes it to everyone in the room (a private one to its author and recipient only).
    /// Returns null, storing nothing, when the room does not exist or is closed.
    /// </summary>
    public Task<RoomMessage?> AppendAsync(string roomId, RoomMessageKind kind, Guid? authorId, string authorName, string text, CancellationToken cancellationToken, Guid? recipientId = null, string? recipientName = null, Guid? fileId = null) =>
        hub.WriteAsync(ChannelId.Room(roomId), async write =>
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, cancellationToken);
            if (room is null || room.ClosedAt is not null)
            {
                return null;
            }
            room.LastSeq = write.NextSeq();
            var message = new RoomMessage
            {
                RoomId = roomId, Seq = room.LastSeq, Kind = kind, AuthorId = authorId, AuthorName = authorName, Text = text,
                RecipientId = recipientId, RecipientName = recipientName, FileId = fileId,
            };
            db.RoomMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            recent.Append(roomId, message);
            write.Publish(new MessageCreated(message), kind == RoomMessageKind.Private ? Audience.ToUsers(authorId!.Value, recipientId!.Value) : null);
            return message;
        }, cancellationToken);

    /// <summary>
    /// Deletes the room's whole history, records <paramref name="notice"/> as its first event, and shows everyone the
    /// cleared list. Does nothing for a missing or closed room.
    /// </summary>
    public Task ClearAsync(string roomId, string notice, CancellationToken cancellationToken) =>
        hub.WriteAsync(ChannelId.Room(roomId), async write =>
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == roomId, cancellationToken);
            if (room is null || room.ClosedAt is not null)
            {
                return false;
            }
            await db.RoomMessages.Where(m => m.RoomId == roomId).ExecuteDeleteAsync(cancellationToken);
            room.LastSeq = write.NextSeq();
            var message = new RoomMessage { RoomId = roomId, Seq = room.LastSeq, Kind = RoomMessageKind.System, Text = notice };
            db.RoomMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            recent.Reset(roomId, message);
            write.Publish(new HistoryCleared(message));
            return true;
        }, cancellationToken);

    /// <summary>
    /// Publishes the current member list (a view of <see cref="PresenceService"/>) to everyone in the room. Calls that
    /// arrive while one is publishing collapse into one more run of it, which reads presence afresh: a burst of arrivals
    /// costs two lists, not one per arrival (each list goes to everyone, so that would be quadratic in the room's size).
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
                await hub.WriteAsync(ChannelId.Room(roomId), write =>
                {
                    write.Publish(new MembersChanged(Members(roomId, ownerId)));
                    return Task.FromResult(true);
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

    /// <summary>The member list as the page shows it: everyone present, by name.</summary>
    public IReadOnlyList<RoomMember> Members(string roomId, Guid ownerId) =>
        [.. presence.Present(ChannelId.Room(roomId))
            .OrderBy(p => p.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(p => new RoomMember(p.UserId, p.UserName, p.UserId == ownerId))];

    /// <summary>The latest <see cref="RoomsOptions.HistoryLength"/> events of a room that <paramref name="viewerId"/> may see, oldest first.</summary>
    public async Task<IReadOnlyList<RoomMessage>> HistoryAsync(string roomId, Guid viewerId, CancellationToken cancellationToken)
    {
        var length = options.Value.HistoryLength;
        if (recent.TryGetHistory(roomId, viewerId, length, out var kept))
        {
            return kept;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        // The window is loaded with everyone's latest events; a viewer's own may reach further back, past private ones.
        var window = await db.RoomMessages.AsNoTracking()
            .Where(m => m.RoomId == roomId)
            .OrderByDescending(m => m.Seq)
            .Take(recent.Capacity)
            .ToListAsync(cancellationToken);
        window.Reverse();
        recent.Load(roomId, window);
        if (recent.TryGetHistory(roomId, viewerId, length, out kept))
        {
            return kept;
        }
        var latest = await db.RoomMessages.AsNoTracking()
            .Where(m => m.RoomId == roomId && (m.Kind != RoomMessageKind.Private || m.AuthorId == viewerId || m.RecipientId == viewerId))
            .OrderByDescending(m => m.Seq)
            .Take(length)
            .ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }

    /// <inheritdoc />
    public async Task<long> LastSeqAsync(ChannelId channel, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        return await db.Rooms.Where(r => r.Id == channel.Id).Select(r => (long?)r.LastSeq).SingleOrDefaultAsync(cancellationToken) ?? 0;
    }

    /// <inheritdoc />
    public async Task<RealtimeEvent?> SnapshotAsync(ChannelId channel, ChannelUser viewer, long? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var ownerId = await db.Rooms.Where(r => r.Id == channel.Id).Select(r => r.OwnerId).SingleOrDefaultAsync(cancellationToken);
        var members = Members(channel.Id, ownerId);
        if (after is not { } since)
        {
            return new RoomHistoryShown(await HistoryAsync(channel.Id, viewer.Id, cancellationToken), members);
        }
        if (recent.TryGetSince(channel.Id, since, out var kept, out var wiped))
        {
            return new RoomResumed(since, wiped, [.. kept.Where(m => m.IsVisibleTo(viewer.Id))], members);
        }
        var events = db.RoomMessages.AsNoTracking().Where(m => m.RoomId == channel.Id);
        var first = await events.OrderBy(m => m.Seq).Select(m => (long?)m.Seq).FirstOrDefaultAsync(cancellationToken);
        // Numbering starts at 1 and only a wipe deletes events, so when the first remaining event is past `since`
        // (and is not event 1), the history was wiped after `since` — even when the wipe's notice is since + 1.
        var cleared = first > since && first > 1;
        var missed = await events.Where(m => m.Seq > since).OrderBy(m => m.Seq).ToListAsync(cancellationToken);
        return new RoomResumed(since, cleared, [.. missed.Where(m => m.IsVisibleTo(viewer.Id))], members);
    }
}
