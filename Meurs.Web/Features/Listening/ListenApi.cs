using System.Globalization;
using System.Security.Claims;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// The listening API for programs: the original player's REST protocol with authentication (bearer token only,
/// <see cref="AccessTokenAuthentication.ApiPolicy"/>, and the per-token request limit), JSON snake_case in
/// <see cref="ListenJson"/>'s shapes, errors as problem documents with a <c>detail</c> sentence. Every endpoint calls one
/// use case. Statuses: 201 created, 202 a guest's change that became a request, 204 done, 400 bad input, 401 no token,
/// 403 a member without the power, 404 a session (or item, request, member) that does not exist or may not be seen, a
/// malformed id in the path, 409 a request already decided or a call that has a session, 413/415 body too large or not JSON.
/// <list type="bullet">
/// <item><c>POST /api/listen/sessions</c> <c>{track_id?, album?, artist?, call_id?}</c> → 201 session; <c>GET /api/listen/sessions</c> (mine, open).</item>
/// <item><c>POST /api/listen/sessions/{code}/join</c> (a code, or a call session's id); <c>GET|DELETE /api/listen/sessions/{id}</c>; <c>POST …/{id}/leave</c>.</item>
/// <item><c>GET|POST …/{id}/playlist</c> <c>{track_id}</c>; <c>PATCH …/playlist/{item_id}</c> <c>{new_position}</c>; <c>DELETE …/playlist/{item_id}</c>.</item>
/// <item><c>GET …/{id}/requests</c>; <c>POST /api/listen/requests/{id}/approve|deny</c> <c>{reason?}</c>.</item>
/// <item><c>POST …/{id}/playback</c> <c>{action, position_ms?}</c>; <c>PUT …/{id}/members/{user_id}/role</c> <c>{role}</c>;
/// <c>PATCH …/{id}/settings</c> <c>{guests_control_queue?, guests_control_playback?}</c>.</item>
/// <item><c>GET …/{id}/log?before=&amp;limit=</c>; <c>GET …/{id}/messages?before=&amp;limit=</c>, <c>POST …/{id}/messages</c> <c>{content}</c>.</item>
/// </list>
/// </summary>
internal static class ListenApi
{
    public static IEndpointRouteBuilder MapListenApi(this IEndpointRouteBuilder app)
    {
        var listen = app.MapGroup("/api/listen").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        listen.MapPost("/sessions", StartAsync);
        listen.MapGet("/sessions", MineAsync);
        listen.MapPost("/sessions/{code}/join", JoinAsync);
        listen.MapGet("/sessions/{id}", ViewAsync);
        listen.MapDelete("/sessions/{id}", EndAsync);
        listen.MapPost("/sessions/{id}/leave", LeaveAsync);
        listen.MapGet("/sessions/{id}/playlist", PlaylistAsync);
        listen.MapPost("/sessions/{id}/playlist", AddAsync);
        listen.MapPatch("/sessions/{id}/playlist/{itemId}", MoveAsync);
        listen.MapDelete("/sessions/{id}/playlist/{itemId}", RemoveAsync);
        listen.MapGet("/sessions/{id}/requests", RequestsAsync);
        listen.MapPost("/requests/{id}/approve", ApproveAsync);
        listen.MapPost("/requests/{id}/deny", DenyAsync);
        listen.MapPost("/sessions/{id}/playback", PlaybackAsync);
        listen.MapPut("/sessions/{id}/members/{userId}/role", RoleAsync);
        listen.MapPatch("/sessions/{id}/settings", SettingsAsync);
        listen.MapGet("/sessions/{id}/log", LogAsync);
        listen.MapGet("/sessions/{id}/messages", MessagesAsync);
        listen.MapPost("/sessions/{id}/messages", PostMessageAsync);
        return app;
    }

    private static async Task<IResult> StartAsync(HttpRequest request, ClaimsPrincipal user, StartSession start)
    {
        var (body, refusal) = await JsonBody.ReadAsync(request, optional: true);
        if (body is null)
        {
            return refusal!;
        }
        var options = new StartSession.Options(body.Id("track_id"), body.Text("album"), body.Text("artist"), body.Text("call_id"));
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await start.HandleAsync(Actor(user), options, request.HttpContext.RequestAborted),
            view => Json(ListenJson.Session(view), StatusCodes.Status201Created));
    }

    private static async Task<IResult> MineAsync(ClaimsPrincipal user, MySessions mine, CancellationToken ct) =>
        Answer(await mine.HandleAsync(Actor(user), ct), sessions => Json(new
        {
            sessions = sessions.Select(s => new { session_id = s.Session.Id, code = s.Session.Code, call_id = s.Session.CallId, role = ListenJson.Role(s.Role), created_at = ListenJson.Utc(s.Session.CreatedAt) }),
        }));

    // The original player joins by code; a session inside a call is joined by its id by whoever may be in the call.
    private static async Task<IResult> JoinAsync(string code, ClaimsPrincipal user, JoinSession join, CancellationToken ct) =>
        Answer(Guid.TryParse(code, out var sessionId) ? await join.ByIdAsync(Actor(user), sessionId, ct) : await join.ByCodeAsync(Actor(user), code, ct),
            view => Json(ListenJson.Session(view)));

    private static async Task<IResult> ViewAsync(string id, ClaimsPrincipal user, ViewSession view, CancellationToken ct) =>
        !Guid.TryParse(id, out var sessionId) ? SessionNotFound : Answer(await view.HandleAsync(Actor(user), sessionId, ct), v => Json(ListenJson.Session(v)));

    private static async Task<IResult> EndAsync(string id, ClaimsPrincipal user, EndSession end, CancellationToken ct) =>
        !Guid.TryParse(id, out var sessionId) ? SessionNotFound : Answer(await end.HandleAsync(Actor(user), sessionId, ct), _ => Results.NoContent());

    private static async Task<IResult> LeaveAsync(string id, ClaimsPrincipal user, LeaveSession leave, CancellationToken ct) =>
        !Guid.TryParse(id, out var sessionId) ? SessionNotFound : Answer(await leave.HandleAsync(Actor(user), sessionId, ct), _ => Results.NoContent());

    private static async Task<IResult> PlaylistAsync(string id, ClaimsPrincipal user, ListQueue list, CancellationToken ct) =>
        !Guid.TryParse(id, out var sessionId) ? SessionNotFound : Answer(await list.HandleAsync(Actor(user), sessionId, ct), tracks => Json(ListenJson.Playlist(tracks)));

    private static async Task<IResult> AddAsync(string id, HttpRequest request, ClaimsPrincipal user, AddToQueue add)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var trackId = body.Id("track_id", required: true);
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await add.HandleAsync(Actor(user), sessionId, trackId!.Value, request.HttpContext.RequestAborted), change => QueueAnswer(change, StatusCodes.Status201Created));
    }

    private static async Task<IResult> MoveAsync(string id, string itemId, HttpRequest request, ClaimsPrincipal user, MoveQueueItem move)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionNotFound;
        }
        if (!Guid.TryParse(itemId, out var item))
        {
            return ItemNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var position = body.WholeNumber("new_position", required: true);
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await move.HandleAsync(Actor(user), sessionId, item, (int)Math.Clamp(position!.Value, -1, int.MaxValue), request.HttpContext.RequestAborted),
            change => QueueAnswer(change, StatusCodes.Status200OK));
    }

    private static async Task<IResult> RemoveAsync(string id, string itemId, ClaimsPrincipal user, RemoveFromQueue remove, CancellationToken ct) =>
        !Guid.TryParse(id, out var sessionId) ? SessionNotFound
            : !Guid.TryParse(itemId, out var item) ? ItemNotFound
            : Answer(await remove.HandleAsync(Actor(user), sessionId, item, ct), change => QueueAnswer(change, StatusCodes.Status204NoContent));

    private static async Task<IResult> RequestsAsync(string id, ClaimsPrincipal user, ListRequests list, CancellationToken ct) =>
        !Guid.TryParse(id, out var sessionId) ? SessionNotFound
            : Answer(await list.HandleAsync(Actor(user), sessionId, ct), requests => Json(new { requests = requests.Select(ListenJson.Request) }));

    private static async Task<IResult> ApproveAsync(string id, HttpRequest request, ClaimsPrincipal user, ApproveRequest approve)
    {
        var (requestId, reason, refusal) = await DecisionAsync(id, request);
        return refusal ?? Answer(await approve.HandleAsync(Actor(user), requestId, null, reason, request.HttpContext.RequestAborted), r => Json(ListenJson.Request(r)));
    }

    private static async Task<IResult> DenyAsync(string id, HttpRequest request, ClaimsPrincipal user, DenyRequest deny)
    {
        var (requestId, reason, refusal) = await DecisionAsync(id, request);
        return refusal ?? Answer(await deny.HandleAsync(Actor(user), requestId, null, reason, request.HttpContext.RequestAborted), r => Json(ListenJson.Request(r)));
    }

    private static async Task<(Guid RequestId, string? Reason, IResult? Refusal)> DecisionAsync(string id, HttpRequest request)
    {
        if (!Guid.TryParse(id, out var requestId))
        {
            return (default, null, Problem("Request not found", StatusCodes.Status404NotFound));
        }
        var (body, refusal) = await JsonBody.ReadAsync(request, optional: true);
        if (body is null)
        {
            return (default, null, refusal);
        }
        var reason = body.Text("reason");
        return body.Problems.Count > 0 ? (default, null, body.Refusal) : (requestId, reason, null);
    }

    private static async Task<IResult> PlaybackAsync(string id, HttpRequest request, ClaimsPrincipal user, ControlPlayback control)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var action = body.Text("action", required: true);
        var position = body.LongNumber("position_ms");
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await control.HandleAsync(Actor(user), sessionId, action!, position, request.HttpContext.RequestAborted), state => Json(ListenJson.Playback(state)));
    }

    private static async Task<IResult> RoleAsync(string id, string userId, HttpRequest request, ClaimsPrincipal user, SetListenRole set)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionNotFound;
        }
        if (!Guid.TryParse(userId, out var member))
        {
            return Problem("That person is not in this session.", StatusCodes.Status404NotFound);
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var roleText = body.Text("role", required: true);
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        if (ListenJson.ParseRole(roleText) is not { } role)
        {
            return Problem("'role' must be cohost or guest.", StatusCodes.Status400BadRequest);
        }
        return Answer(await set.HandleAsync(Actor(user), sessionId, member, role, request.HttpContext.RequestAborted),
            r => Json(new { user_id = member, role = ListenJson.Role(r) }));
    }

    private static async Task<IResult> SettingsAsync(string id, HttpRequest request, ClaimsPrincipal user, ChangeSessionSettings change)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var queue = body.Bool("guests_control_queue");
        var playback = body.Bool("guests_control_playback");
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await change.HandleAsync(Actor(user), sessionId, queue, playback, request.HttpContext.RequestAborted),
            s => Json(ListenJson.Settings(s.GuestsControlQueue, s.GuestsControlPlayback)));
    }

    private static async Task<IResult> LogAsync(string id, HttpRequest request, ClaimsPrincipal user, ReadLog read)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionNotFound;
        }
        long? before = null;
        if (request.Query["before"] is { Count: > 0 } beforeText)
        {
            if (!long.TryParse(beforeText, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                return Problem("'before' must be a log line's id.", StatusCodes.Status400BadRequest);
            }
            before = b;
        }
        if (Limit(request, 100) is not { } limit)
        {
            return Problem("'limit' must be a whole number.", StatusCodes.Status400BadRequest);
        }
        return Answer(await read.HandleAsync(Actor(user), sessionId, before, limit, request.HttpContext.RequestAborted), entries => Json(new { entries = entries.Select(ListenJson.Log) }));
    }

    private static async Task<IResult> MessagesAsync(string id, HttpRequest request, ClaimsPrincipal user, ReadChat read)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionNotFound;
        }
        Guid? before = null;
        if (request.Query["before"] is { Count: > 0 } beforeText)
        {
            if (!Guid.TryParse(beforeText, out var b))
            {
                return Problem("'before' must be a message's id.", StatusCodes.Status400BadRequest);
            }
            before = b;
        }
        if (Limit(request, 50) is not { } limit)
        {
            return Problem("'limit' must be a whole number.", StatusCodes.Status400BadRequest);
        }
        return Answer(await read.HandleAsync(Actor(user), sessionId, before, limit, request.HttpContext.RequestAborted), messages => Json(new { messages = messages.Select(ListenJson.Message) }));
    }

    private static async Task<IResult> PostMessageAsync(string id, HttpRequest request, ClaimsPrincipal user, SendSessionMessage send)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var content = body.Text("content", required: true);
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await send.HandleAsync(Actor(user), sessionId, content, request.HttpContext.RequestAborted), m => Json(ListenJson.Message(m), StatusCodes.Status201Created));
    }

    // --- Plumbing ------------------------------------------------------------------------------------------------

    private static int? Limit(HttpRequest request, int fallback) =>
        request.Query["limit"] is not { Count: > 0 } text ? fallback
            : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) ? limit : null;

    private static IResult QueueAnswer(ListenQueueChange change, int appliedStatus) =>
        change.Request is { } request ? Json(ListenJson.Request(request), StatusCodes.Status202Accepted)
            : change.Item is { } item && appliedStatus != StatusCodes.Status204NoContent ? Json(ListenJson.Track(item), appliedStatus)
            : Results.NoContent();

    private static ChannelUser Actor(ClaimsPrincipal user) => new(CurrentUser.RequiredId(user), user.Identity?.Name ?? "");

    private static IResult Json(object value, int status = StatusCodes.Status200OK) => Results.Json(value, ListenJson.Options, statusCode: status);

    private static IResult Problem(string detail, int status) => ApiCredentials.Refuse(detail, status);

    /// <summary>A use case's result as HTTP: <paramref name="ok"/> when done, else the problem document of its status.</summary>
    private static IResult Answer<T>(ListenResult<T> result, Func<T, IResult> ok) => result.Status switch
    {
        ListenStatus.Ok => ok(result.Value!),
        ListenStatus.BadInput => Problem(result.Detail, StatusCodes.Status400BadRequest),
        ListenStatus.Forbidden => Problem(result.Detail, StatusCodes.Status403Forbidden),
        ListenStatus.Conflict => Problem(result.Detail, StatusCodes.Status409Conflict),
        _ => Problem(result.Detail, StatusCodes.Status404NotFound),
    };

    private static IResult SessionNotFound => Problem("Listening session not found", StatusCodes.Status404NotFound);

    private static IResult ItemNotFound => Problem("That item is not in this session's queue.", StatusCodes.Status404NotFound);
}
