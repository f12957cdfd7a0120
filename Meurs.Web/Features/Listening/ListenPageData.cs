using Meurs.Web.Data;
using Meurs.Web.Features.Library;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>Everything a session page shows, for one viewer.</summary>
/// <param name="Session">The session.</param>
/// <param name="Viewer">Who looks, with their powers.</param>
/// <param name="HostName">The host's username.</param>
/// <param name="Queue">The queue in order.</param>
/// <param name="Listeners">Members, host first.</param>
/// <param name="Requests">Pending requests, then the latest decided.</param>
/// <param name="Log">The latest log lines, oldest first.</param>
/// <param name="Messages">The latest chat messages, oldest first.</param>
public sealed record ListenPageModel(ListenSession Session, ListenViewer Viewer, string HostName, IReadOnlyList<ListenTrack> Queue,
    IReadOnlyList<ListenListener> Listeners, IReadOnlyList<RequestUpdated> Requests, IReadOnlyList<SessionLogged> Log,
    IReadOnlyList<SessionMessagePosted> Messages)
{
    /// <summary>The current item, or null.</summary>
    public ListenTrack? Current => Queue.FirstOrDefault(t => t.ItemId == Session.CurrentItemId);
}

/// <summary>What the invite page shows before joining: who hosts and what plays.</summary>
/// <param name="Session">The open session.</param>
/// <param name="HostName">The host's username.</param>
/// <param name="Current">What plays or is paused, or null.</param>
/// <param name="QueueLength">How many items are queued.</param>
/// <param name="Members">How many people are in it.</param>
/// <param name="IsMember">True when the viewer is already in it.</param>
public sealed record ListenInvitePreview(ListenSession Session, string HostName, ListenTrack? Current, int QueueLength, int Members, bool IsMember);

/// <summary>One of a person's open sessions, for the Listen page.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="HostName">The host's username.</param>
/// <param name="Role">The person's role.</param>
/// <param name="Code">The invite code.</param>
/// <param name="CreatedAt">When it started (UTC).</param>
public sealed record ListenSessionSummary(Guid SessionId, string HostName, ListenRole Role, string Code, DateTime CreatedAt);

/// <summary>
/// Reads what the listening pages show. Visibility is judged by <see cref="ListenAccess"/> (a non-member, an unknown
/// or an ended session reads as nothing: the page answers 404); these are reads only, every change goes through a use case.
/// </summary>
public sealed class ListenPageData(MeursDbContext db, ListenAccess access, MediaLibrary library, PresenceService presence)
{
    /// <summary>The most log lines and chat messages a page opens with.</summary>
    public const int RecentCount = 50;

    /// <summary>The page of <paramref name="sessionId"/> for <paramref name="user"/>, or null when they may not see it.</summary>
    public async Task<ListenPageModel?> PageAsync(Guid sessionId, ChannelUser user, CancellationToken cancellationToken)
    {
        var standing = await access.StandingAsync(sessionId, user, cancellationToken);
        if (ListenAccess.Judge(standing, ListenPower.Listen) is not null) return null;
        var session = standing!.Session;
        var viewer = ListenViewer.Of(user.Id, standing.Role!.Value, session);
        var names = await NamesAsync(sessionId, cancellationToken);
        return new ListenPageModel(session, viewer, names.GetValueOrDefault(session.HostId, "?"),
            await QueueAsync(sessionId, names, cancellationToken),
            await ListenersAsync(sessionId, names, cancellationToken),
            await RequestsAsync(sessionId, names, cancellationToken),
            await LogAsync(sessionId, names, cancellationToken),
            await MessagesAsync(sessionId, names, cancellationToken));
    }

    /// <summary>The invite page's preview of the open session with <paramref name="code"/>, or null when there is none.</summary>
    public async Task<ListenInvitePreview?> InviteAsync(string? code, Guid userId, CancellationToken cancellationToken)
    {
        if (SessionCode.Normalize(code) is not { } normal) return null;
        var session = await db.ListenSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Code == normal && s.EndedAt == null, cancellationToken);
        if (session is null) return null;
        var names = await NamesAsync(session.Id, cancellationToken);
        var queue = await QueueAsync(session.Id, names, cancellationToken);
        var members = await db.ListenMembers.CountAsync(m => m.SessionId == session.Id, cancellationToken);
        var isMember = await db.ListenMembers.AnyAsync(m => m.SessionId == session.Id && m.UserId == userId, cancellationToken);
        return new ListenInvitePreview(session, names.GetValueOrDefault(session.HostId, "?"), queue.FirstOrDefault(t => t.ItemId == session.CurrentItemId),
            queue.Count, members, isMember);
    }

    /// <summary>The open sessions <paramref name="userId"/> is in, newest first.</summary>
    public async Task<IReadOnlyList<ListenSessionSummary>> OpenSessionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await (from m in db.ListenMembers.AsNoTracking()
                          join s in db.ListenSessions.AsNoTracking() on m.SessionId equals s.Id
                          join u in db.Users.AsNoTracking() on s.HostId equals u.Id
                          where m.UserId == userId && s.EndedAt == null
                          select new { s.Id, Host = u.UserName, m.Role, s.Code, s.CreatedAt }).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.CreatedAt).Select(r => new ListenSessionSummary(r.Id, r.Host ?? "?", r.Role, r.Code, r.CreatedAt))];
    }

    /// <summary>The library filtered by <paramref name="query"/> for the session page's add box.</summary>
    public async Task<LibraryBrowse> SearchAsync(string query, CancellationToken cancellationToken) =>
        LibraryBrowse.Of(query, await library.SearchAsync(query, cancellationToken));

    /// <summary>The tracks of album <paramref name="album"/> by <paramref name="artist"/> (empty for none) in track order.</summary>
    public async Task<IReadOnlyList<Guid>> AlbumTracksAsync(string album, string? artist, CancellationToken cancellationToken)
    {
        var items = await library.ItemsAsync(cancellationToken);
        return [.. LibraryBrowse.Of("", items).Albums
            .Where(a => a.Name == album && (a.Artist ?? "") == (artist ?? ""))
            .SelectMany(a => a.Tracks).Select(t => t.Id)];
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        // Everyone a page may name: members, the host, who added items, who asked, who wrote or acted (left since).
        var ids = db.ListenMembers.Where(m => m.SessionId == sessionId).Select(m => m.UserId)
            .Union(db.ListenSessions.Where(s => s.Id == sessionId).Select(s => s.HostId))
            .Union(db.QueueItems.Where(i => i.SessionId == sessionId).Select(i => i.AddedBy))
            .Union(db.ListenRequests.Where(r => r.SessionId == sessionId).Select(r => r.RequesterId))
            .Union(db.ListenMessages.Where(m => m.SessionId == sessionId).Select(m => m.AuthorId))
            .Union(db.ListenLog.Where(e => e.SessionId == sessionId && e.ActorId != null).Select(e => e.ActorId!.Value));
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "?", cancellationToken);
    }

    private async Task<List<ListenTrack>> QueueAsync(Guid sessionId, Dictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        var items = await db.QueueItems.AsNoTracking().Where(i => i.SessionId == sessionId).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var media = (await library.ItemsAsync(cancellationToken)).ToDictionary(m => m.Id);
        return [.. items.Select(i => media.TryGetValue(i.MediaId, out var m)
            ? new ListenTrack(i.Id, i.MediaId, i.Position, m.Title, m.Artist, m.Album, m.DurationMs, m.CoverUrl, m.Url, names.GetValueOrDefault(i.AddedBy, "?"))
            : new ListenTrack(i.Id, i.MediaId, i.Position, "(no longer in the library)", null, null, null, $"/library/covers/{i.MediaId:N}?v=none", "", names.GetValueOrDefault(i.AddedBy, "?")))];
    }

    private async Task<List<ListenListener>> ListenersAsync(Guid sessionId, Dictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        var members = await db.ListenMembers.AsNoTracking().Where(m => m.SessionId == sessionId).ToListAsync(cancellationToken);
        var present = presence.Present(ChannelId.Listen(sessionId)).ToDictionary(p => p.UserId);
        return [.. members
            .OrderByDescending(m => m.Role).ThenBy(m => names.GetValueOrDefault(m.UserId, "?"), StringComparer.OrdinalIgnoreCase)
            .Select(m => new ListenListener(m.UserId, names.GetValueOrDefault(m.UserId, "?"), m.Role, present.ContainsKey(m.UserId), null, null))];
    }

    private async Task<List<RequestUpdated>> RequestsAsync(Guid sessionId, Dictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        var pending = await db.ListenRequests.AsNoTracking().Where(r => r.SessionId == sessionId && r.Status == ListenRequestStatus.Pending)
            .OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var decided = await db.ListenRequests.AsNoTracking().Where(r => r.SessionId == sessionId && r.Status != ListenRequestStatus.Pending)
            .OrderByDescending(r => r.DecidedAt).Take(10).ToListAsync(cancellationToken);
        var queue = await db.QueueItems.AsNoTracking().Where(i => i.SessionId == sessionId).ToDictionaryAsync(i => i.Id, i => i.MediaId, cancellationToken);
        var media = (await library.ItemsAsync(cancellationToken)).ToDictionary(m => m.Id, m => m.Title);
        string? Title(ListenRequest r) => (r.MediaId ?? (r.ItemId is { } item && queue.TryGetValue(item, out var m) ? m : null)) is { } id ? media.GetValueOrDefault(id) : null;
        return [.. pending.Concat(decided).Select(r => new RequestUpdated(r, names.GetValueOrDefault(r.RequesterId, "?"), Title(r)))];
    }

    private async Task<List<SessionLogged>> LogAsync(Guid sessionId, Dictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        var lines = await db.ListenLog.AsNoTracking().Where(e => e.SessionId == sessionId).OrderByDescending(e => e.Id).Take(RecentCount).ToListAsync(cancellationToken);
        return [.. lines.AsEnumerable().Reverse().Select(e => new SessionLogged(e, e.ActorId is { } a ? names.GetValueOrDefault(a) : null))];
    }

    private async Task<List<SessionMessagePosted>> MessagesAsync(Guid sessionId, Dictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        var messages = await db.ListenMessages.AsNoTracking().Where(m => m.SessionId == sessionId).OrderByDescending(m => m.Id).Take(RecentCount).ToListAsync(cancellationToken);
        return [.. messages.AsEnumerable().Reverse().Select(m => new SessionMessagePosted(m, names.GetValueOrDefault(m.AuthorId, "?")))];
    }
}
