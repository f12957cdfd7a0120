using System.Text.Json;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// The listening wire shapes, shared by the REST API and both sockets: the original player's envelopes
/// <c>{"type","payload"}</c> (not the fabric's <c>{"type","data"}</c>), snake_case, nulls written out (a program can tell
/// "no track" from a missing field), times as server Unix milliseconds where the player computes with them and as
/// ISO 8601 UTC elsewhere.
/// </summary>
public static class ListenJson
{
    /// <summary>The serializer options: snake_case, nulls written.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, MaxDepth = 16 };

    /// <summary>The envelope <c>{"type":<paramref name="type"/>,"payload":<paramref name="payload"/>}</c>.</summary>
    public static string Envelope(string type, object payload) => JsonSerializer.Serialize(new { type, payload }, Options);

    /// <summary><c>playing</c>, <c>paused</c> or <c>waiting</c>.</summary>
    public static string State(PlaybackStatus status) => status switch
    {
        PlaybackStatus.Playing => "playing",
        PlaybackStatus.Waiting => "waiting",
        _ => "paused",
    };

    /// <summary><c>host</c>, <c>cohost</c> or <c>guest</c>.</summary>
    public static string Role(ListenRole role) => role switch
    {
        ListenRole.Host => "host",
        ListenRole.CoHost => "cohost",
        _ => "guest",
    };

    /// <summary>The role named <paramref name="text"/> (<c>host</c>, <c>cohost</c>/<c>co-host</c>, <c>guest</c>, any case), or null.</summary>
    public static ListenRole? ParseRole(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "host" => ListenRole.Host,
        "cohost" or "co-host" or "co_host" => ListenRole.CoHost,
        "guest" => ListenRole.Guest,
        _ => null,
    };

    /// <summary><c>add</c>, <c>remove</c> or <c>reorder</c>.</summary>
    public static string Kind(ListenRequestKind kind) => kind switch
    {
        ListenRequestKind.Add => "add",
        ListenRequestKind.Remove => "remove",
        _ => "reorder",
    };

    /// <summary><c>pending</c>, <c>approved</c> or <c>denied</c>.</summary>
    public static string Status(ListenRequestStatus status) => status switch
    {
        ListenRequestStatus.Approved => "approved",
        ListenRequestStatus.Denied => "denied",
        _ => "pending",
    };

    /// <summary>
    /// <c>playback_state</c>'s payload: <c>{track_id, item_id, position_ms, state, updated_at, duration_ms}</c>; the
    /// expected position is <c>position_ms + (server now − updated_at)</c> while <c>state</c> is <c>playing</c>.
    /// </summary>
    public static object Playback(PlaybackStateChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new
        {
            track_id = e.Track?.TrackId,
            item_id = e.State.ItemId,
            position_ms = e.State.PositionMs,
            state = State(e.State.Status),
            updated_at = e.State.UpdatedAt,
            duration_ms = e.Track?.DurationMs,
        };
    }

    /// <summary>A queue item: <c>{item_id, track_id, position, title, artist, album, duration_ms, cover_url, audio_url, added_by}</c>.</summary>
    public static object Track(ListenTrack t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new
        {
            item_id = t.ItemId,
            track_id = t.TrackId,
            position = t.Position,
            title = t.Title,
            artist = t.Artist,
            album = t.Album,
            duration_ms = t.DurationMs,
            cover_url = t.CoverUrl,
            audio_url = t.AudioUrl,
            added_by = t.AddedBy,
        };
    }

    /// <summary><c>playlist_update</c>'s payload: <c>{playlist: [track…]}</c>.</summary>
    public static object Playlist(IReadOnlyList<ListenTrack> playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        return new { playlist = playlist.Select(Track) };
    }

    /// <summary>
    /// A request (<c>request_update</c>'s payload): <c>{request_id, session_id, request_type, status, requester, requester_id,
    /// payload: {track_id} | {item_id} | {item_id, new_position}, reason, title, created_at, decided_at}</c>.
    /// </summary>
    public static object Request(RequestUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = e.Request;
        var payload = new Dictionary<string, object?>();
        if (r.MediaId is { } track)
        {
            payload["track_id"] = track;
        }
        if (r.ItemId is { } item)
        {
            payload["item_id"] = item;
        }
        if (r.NewPosition is { } position)
        {
            payload["new_position"] = position;
        }
        return new
        {
            request_id = r.Id,
            session_id = r.SessionId,
            request_type = Kind(r.Kind),
            status = Status(r.Status),
            requester = e.RequesterName,
            requester_id = r.RequesterId,
            payload,
            reason = r.Reason,
            title = e.Title,
            created_at = Utc(r.CreatedAt),
            decided_at = r.DecidedAt is { } decided ? Utc(decided) : (DateTime?)null,
        };
    }

    /// <summary>A member: <c>{user_id, name, role, connected, sync_state, drift_ms}</c>.</summary>
    public static object Listener(ListenListener l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new { user_id = l.UserId, name = l.Name, role = Role(l.Role), connected = l.Connected, sync_state = l.SyncState, drift_ms = l.DriftMs };
    }

    /// <summary><c>listeners_update</c>'s payload: <c>{listeners: [member…]}</c>.</summary>
    public static object Listeners(IReadOnlyList<ListenListener> listeners)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        return new { listeners = listeners.Select(Listener) };
    }

    /// <summary><c>settings_update</c>'s payload: <c>{guests_control_queue, guests_control_playback}</c>.</summary>
    public static object Settings(bool guestsControlQueue, bool guestsControlPlayback) =>
        new { guests_control_queue = guestsControlQueue, guests_control_playback = guestsControlPlayback };

    /// <summary>A log line: <c>{id, at, actor, actor_id, action, detail}</c> (actor null for the server itself).</summary>
    public static object Log(SessionLogged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new { id = e.Entry.Id, at = Utc(e.Entry.At), actor = e.ActorName, actor_id = e.Entry.ActorId, action = e.Entry.Action, detail = e.Entry.Detail };
    }

    /// <summary>A chat message: <c>{id, author, author_id, content, created_at}</c>.</summary>
    public static object Message(SessionMessagePosted e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new { id = e.Message.Id, author = e.AuthorName, author_id = e.Message.AuthorId, content = e.Message.Content, created_at = Utc(e.Message.CreatedAt) };
    }

    /// <summary>
    /// A session for its member: <c>{session_id, code, host_id, call_id, created_at, role, guests_control_queue,
    /// guests_control_playback, playback_state, playlist, listeners, pending_requests}</c>.
    /// </summary>
    public static object Session(ListenView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new
        {
            session_id = v.Session.Id,
            code = v.Session.Code,
            host_id = v.Session.HostId,
            call_id = v.Session.CallId,
            created_at = Utc(v.Session.CreatedAt),
            role = Role(v.Role),
            guests_control_queue = v.Session.GuestsControlQueue,
            guests_control_playback = v.Session.GuestsControlPlayback,
            playback_state = Playback(v.Playback),
            playlist = v.Playlist.Select(Track),
            listeners = v.Listeners.Select(Listener),
            pending_requests = v.PendingRequests,
        };
    }

    /// <summary>A stored time as UTC (SQLite gives it back unspecified).</summary>
    public static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
