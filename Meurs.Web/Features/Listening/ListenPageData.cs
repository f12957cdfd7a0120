using Meurs.Web.Data;
using Meurs.Web.Features.Library;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>Everything a session page shows, for one viewer.</summary>
/// <param name="Session">The session.</param>
/// <param name="Viewer">Who looks, with their powers.</param>
/// <param name="HostName">The host's username.</param>
/// <param name="Playback">The playback state now, with its current track.</param>
/// <param name="Queue">The queue in order.</param>
/// <param name="Listeners">Members, host first.</param>
/// <param name="Requests">Pending requests, then the latest decided.</param>
/// <param name="Log">The latest log lines, oldest first.</param>
/// <param name="Messages">The latest chat messages, oldest first.</param>
public sealed record ListenPageModel(ListenSession Session, ListenViewer Viewer, string HostName, PlaybackStateChanged Playback,
    IReadOnlyList<ListenTrack> Queue, IReadOnlyList<ListenListener> Listeners, IReadOnlyList<RequestUpdated> Requests,
    IReadOnlyList<SessionLogged> Log, IReadOnlyList<SessionMessagePosted> Messages);

/// <summary>What the invite page shows before joining: who hosts and what plays.</summary>
/// <param name="Session">The open session.</param>
/// <param name="HostName">The host's username.</param>
/// <param name="Current">What plays or is paused, or null.</param>
/// <param name="QueueLength">How many items are queued.</param>
/// <param name="Members">How many people are in it.</param>
/// <param name="IsMember">True when the viewer is already in it.</param>
public sealed record ListenInvitePreview(ListenSession Session, string HostName, ListenTrack? Current, int QueueLength, int Members, bool IsMember);

/// <summary>What a call's listening panel shows one person in the call (<see cref="ListenCallPanel"/>).</summary>
/// <param name="CallId">The call (a room id or a voice channel id in "N" format).</param>
/// <param name="SessionId">The call's open session, or null when it has none.</param>
/// <param name="HostName">That session's host's username, or null.</param>
/// <param name="Page">That session as the person sees it when they are in it, else null.</param>
public sealed record ListenCallModel(string CallId, Guid? SessionId, string? HostName, ListenPageModel? Page);

/// <summary>One of a person's open sessions, for the Listen page.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="HostName">The host's username.</param>
/// <param name="Role">The person's role.</param>
/// <param name="Code">The invite code.</param>
/// <param name="CreatedAt">When it started (UTC).</param>
public sealed record ListenSessionSummary(Guid SessionId, string HostName, ListenRole Role, string Code, DateTime CreatedAt);

/// <summary>
/// Gathers what the listening pages show from the feature's read use cases (<see cref="ViewSession"/>,
/// <see cref="ListRequests"/>, <see cref="ReadLog"/>, <see cref="ReadChat"/>, <see cref="MySessions"/>), which judge the
/// person through <see cref="ListenAccess"/>: a non-member, an unknown or an ended session reads as nothing and the page
/// answers 404. Reads only; every change goes through a use case.
/// </summary>
public sealed class ListenPageData(MeursDbContext db, ViewSession view, ListRequests requests, ReadLog log, ReadChat chat, MySessions mine,
    ListenPlaylist playlist, MediaLibrary library)
{
    /// <summary>The most log lines and chat messages a page opens with.</summary>
    public const int RecentCount = 50;

    /// <summary>The most decided requests a page shows under the pending ones.</summary>
    public const int RecentDecided = 10;

    /// <summary>The page of <paramref name="sessionId"/> for <paramref name="user"/>, or null when they may not see it.</summary>
    public async Task<ListenPageModel?> PageAsync(Guid sessionId, ChannelUser user, CancellationToken cancellationToken)
    {
        var seen = await view.HandleAsync(user, sessionId, cancellationToken);
        if (!seen.IsOk) return null;
        var v = seen.Value!;
        var asked = (await requests.HandleAsync(user, sessionId, cancellationToken)).Value ?? [];
        var shown = asked.Where(r => r.Request.Status == ListenRequestStatus.Pending)
            .Concat(asked.Where(r => r.Request.Status != ListenRequestStatus.Pending).Take(RecentDecided)).ToList();
        var host = v.Listeners.FirstOrDefault(l => l.Role == ListenRole.Host)?.Name
            ?? await db.Users.Where(u => u.Id == v.Session.HostId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "?";
        return new ListenPageModel(v.Session, ListenViewer.Of(user.Id, v.Role, v.Session), host, v.Playback, v.Playlist, v.Listeners, shown,
            (await log.HandleAsync(user, sessionId, null, RecentCount, cancellationToken)).Value ?? [],
            (await chat.HandleAsync(user, sessionId, null, RecentCount, cancellationToken)).Value ?? []);
    }

    /// <summary>
    /// The listening panel of call <paramref name="callId"/> for <paramref name="user"/>, whom the call's policy already
    /// let in: its open session, and that session's page when they are a member.
    /// </summary>
    public async Task<ListenCallModel> CallAsync(string callId, ChannelUser user, CancellationToken cancellationToken)
    {
        if (await ListenTogether.OpenSessionAsync(db, callId, cancellationToken) is not { } sessionId)
        {
            return new ListenCallModel(callId, null, null, null);
        }
        if (await PageAsync(sessionId, user, cancellationToken) is { } page)
        {
            return new ListenCallModel(callId, sessionId, page.HostName, page);
        }
        var host = await db.ListenSessions.Where(s => s.Id == sessionId).Join(db.Users, s => s.HostId, u => u.Id, (s, u) => u.UserName).FirstOrDefaultAsync(cancellationToken);
        return new ListenCallModel(callId, sessionId, host ?? "?", null);
    }

    /// <summary>The invite page's preview of the open session with <paramref name="code"/>, or null when there is none.</summary>
    public async Task<ListenInvitePreview?> InviteAsync(string? code, Guid userId, CancellationToken cancellationToken)
    {
        if (SessionCode.Normalize(code) is not { } normal) return null;
        var session = await db.ListenSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Code == normal && s.EndedAt == null, cancellationToken);
        if (session is null) return null;
        var host = await db.Users.Where(u => u.Id == session.HostId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "?";
        var queue = await playlist.TracksAsync(session.Id, cancellationToken);
        var members = await db.ListenMembers.CountAsync(m => m.SessionId == session.Id, cancellationToken);
        var isMember = await db.ListenMembers.AnyAsync(m => m.SessionId == session.Id && m.UserId == userId, cancellationToken);
        return new ListenInvitePreview(session, host, queue.FirstOrDefault(t => t.ItemId == session.CurrentItemId), queue.Count, members, isMember);
    }

    /// <summary>The open sessions <paramref name="user"/> is in, newest first, with their hosts' names.</summary>
    public async Task<IReadOnlyList<ListenSessionSummary>> OpenSessionsAsync(ChannelUser user, CancellationToken cancellationToken)
    {
        var sessions = (await mine.HandleAsync(user, cancellationToken)).Value ?? [];
        var hostIds = sessions.Select(s => s.Session.HostId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => hostIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "?", cancellationToken);
        return [.. sessions.Select(s => new ListenSessionSummary(s.Session.Id, names.GetValueOrDefault(s.Session.HostId, "?"), s.Role, s.Session.Code, s.Session.CreatedAt))];
    }

    /// <summary>The library filtered by <paramref name="query"/> for the session page's add box.</summary>
    public async Task<LibraryBrowse> SearchAsync(string query, CancellationToken cancellationToken) =>
        LibraryBrowse.Of(query, await library.SearchAsync(query, cancellationToken));

    /// <summary>The tracks of album <paramref name="album"/> by <paramref name="artist"/> in track order (empty for none).</summary>
    public async Task<IReadOnlyList<Guid>> AlbumTracksAsync(string album, string? artist, CancellationToken cancellationToken) =>
        [.. (await playlist.AlbumAsync(album, artist, cancellationToken)).Select(t => t.Id)];
}
