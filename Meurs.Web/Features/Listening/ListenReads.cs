using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>A session's requests for its members: pending first (oldest first, the order to decide them), then decided ones, newest first; at most 200.</summary>
public sealed class ListRequests(MeursDbContext db, ListenGate gate, ListenPlaylist queue)
{
    /// <summary>The requests of <paramref name="sessionId"/>.</summary>
    public Task<ListenResult<IReadOnlyList<RequestUpdated>>> HandleAsync(ChannelUser actor, Guid sessionId, CancellationToken cancellationToken) =>
        gate.ReadAsync<IReadOnlyList<RequestUpdated>>(sessionId, actor, ListenPower.Listen, async _ =>
        {
            var rows = await db.ListenRequests.AsNoTracking().Where(r => r.SessionId == sessionId)
                .Join(db.Users, r => r.RequesterId, u => u.Id, (r, u) => new { Request = r, u.UserName }).ToListAsync(cancellationToken);
            var ordered = rows.Where(r => r.Request.Status == ListenRequestStatus.Pending).OrderBy(r => r.Request.CreatedAt).ThenBy(r => r.Request.Id)
                .Concat(rows.Where(r => r.Request.Status != ListenRequestStatus.Pending).OrderByDescending(r => r.Request.DecidedAt).ThenByDescending(r => r.Request.Id))
                .Take(200).ToList();
            var items = await db.QueueItems.AsNoTracking().Where(i => i.SessionId == sessionId).ToDictionaryAsync(i => i.Id, i => i.MediaId, cancellationToken);
            var result = new List<RequestUpdated>(ordered.Count);
            foreach (var row in ordered)
            {
                var mediaId = row.Request.MediaId ?? (row.Request.ItemId is { } itemId && items.TryGetValue(itemId, out var media) ? media : null);
                var title = mediaId is { } id ? (await queue.TrackAsync(id, cancellationToken))?.Title ?? ListenPlaylist.MissingTitle : ListenPlaylist.MissingTitle;
                result.Add(new RequestUpdated(row.Request, row.UserName ?? "", title));
            }
            return result;
        }, cancellationToken);
}

/// <summary>A session's log for its members: the latest <c>limit</c> lines (1–200, default 100) before line <c>before</c>, oldest first.</summary>
public sealed class ReadLog(MeursDbContext db, ListenGate gate)
{
    /// <summary>Lines of <paramref name="sessionId"/>'s log with ids below <paramref name="before"/> (all when null).</summary>
    public Task<ListenResult<IReadOnlyList<SessionLogged>>> HandleAsync(ChannelUser actor, Guid sessionId, long? before, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 200)
        {
            return Task.FromResult<ListenResult<IReadOnlyList<SessionLogged>>>(ListenRefusal.BadInput("'limit' must be between 1 and 200."));
        }
        return gate.ReadAsync<IReadOnlyList<SessionLogged>>(sessionId, actor, ListenPower.Listen, async _ =>
        {
            var rows = await db.ListenLog.AsNoTracking().Where(e => e.SessionId == sessionId && (before == null || e.Id < before))
                .OrderByDescending(e => e.Id).Take(limit)
                .GroupJoin(db.Users, e => e.ActorId, u => u.Id, (e, users) => new { Entry = e, users })
                .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new { x.Entry, Name = u == null ? null : u.UserName })
                .ToListAsync(cancellationToken);
            return rows.OrderBy(r => r.Entry.Id).Select(r => new SessionLogged(r.Entry, r.Name)).ToList();
        }, cancellationToken);
    }
}

/// <summary>A session's chat for its members: the latest <c>limit</c> messages (1–100, default 50) sent before message <c>before</c> (400 when it is not one of the session's), oldest first.</summary>
public sealed class ReadChat(MeursDbContext db, ListenGate gate)
{
    /// <summary>Messages of <paramref name="sessionId"/> older than <paramref name="before"/> (the newest when null).</summary>
    public Task<ListenResult<IReadOnlyList<SessionMessagePosted>>> HandleAsync(ChannelUser actor, Guid sessionId, Guid? before, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 100)
        {
            return Task.FromResult<ListenResult<IReadOnlyList<SessionMessagePosted>>>(ListenRefusal.BadInput("'limit' must be between 1 and 100."));
        }
        return gate.ReadAsync<IReadOnlyList<SessionMessagePosted>>(sessionId, actor, ListenPower.Listen, async _ =>
        {
            var messages = db.ListenMessages.AsNoTracking().Where(m => m.SessionId == sessionId);
            if (before is { } cursor)
            {
                var at = await db.ListenMessages.Where(m => m.Id == cursor && m.SessionId == sessionId).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
                if (at is null)
                {
                    return ListenRefusal.BadInput("'before' is not a message of this session.");
                }
                messages = messages.Where(m => m.CreatedAt < at);
            }
            var rows = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit)
                .Join(db.Users, m => m.AuthorId, u => u.Id, (m, u) => new { Message = m, u.UserName }).ToListAsync(cancellationToken);
            return rows.OrderBy(r => r.Message.CreatedAt).ThenBy(r => r.Message.Id).Select(r => new SessionMessagePosted(r.Message, r.UserName ?? "")).ToList();
        }, cancellationToken);
    }
}

/// <summary>The open sessions a person is a member of, newest first.</summary>
public sealed class MySessions(MeursDbContext db)
{
    /// <summary>The open sessions of <paramref name="actor"/>.</summary>
    public async Task<ListenResult<IReadOnlyList<MySession>>> HandleAsync(ChannelUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var rows = await db.ListenMembers.AsNoTracking().Where(m => m.UserId == actor.Id)
            .Join(db.ListenSessions.AsNoTracking().Where(s => s.EndedAt == null), m => m.SessionId, s => s.Id, (m, s) => new { Session = s, m.Role })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Session.CreatedAt).Select(r => new MySession(r.Session, r.Role)).ToList();
    }
}
