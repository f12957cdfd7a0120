using System.Security.Claims;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;

using Meurs.Web.Features.Presence;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// The friends API for programs, in the Chat system's shapes (<see cref="FriendsJson"/>): bearer token only
/// (<see cref="AccessTokenAuthentication.ApiPolicy"/>), errors as problem documents with a <c>detail</c> sentence.
/// Statuses: 400 bad input (missing, wrong JSON type, too long, invalid Unicode, oneself), 401 no token, 403 a request
/// between two people one of whom blocked the other, 404 no such person, request or friend (and someone else's request;
/// a malformed id in the path), 409 already friends, a duplicate request or a reverse one while theirs is pending.
/// <list type="bullet">
/// <item><c>GET /api/friends[/]</c> → 200 <c>[{id, username, display_name, status, since}]</c>.</item>
/// <item><c>GET /api/friends/requests</c> → 200 the pending requests, incoming and outgoing (each with <c>direction</c>).</item>
/// <item><c>POST /api/friends/requests {username}</c> → 201 the request, status <c>pending</c>.</item>
/// <item><c>POST /api/friends/requests/{id}/accept</c>, <c>/decline</c> → 200 the request, status <c>accepted</c> or <c>declined</c> (its addressee only).</item>
/// <item><c>DELETE /api/friends/requests/{id}</c> → 204 (its sender only); <c>DELETE /api/friends/{user_id}</c> → 204.</item>
/// <item><c>GET /api/blocks</c> → 200 <c>[{id, username, display_name, created_at}]</c>; <c>PUT /api/blocks/{user_id}</c> → 204
/// (also ends a friendship and pending requests); <c>DELETE /api/blocks/{user_id}</c> → 204.</item>
/// </list>
/// </summary>
internal static class FriendsApi
{
    public static IEndpointRouteBuilder MapFriendsApi(this IEndpointRouteBuilder app)
    {
        var friends = app.MapGroup("/api/friends").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        // Routing matches "/api/friends/" (the Chat system's spelling) and "/api/friends" alike.
        friends.MapGet("", ListFriendsAsync);
        friends.MapGet("/requests", ListRequestsAsync);
        friends.MapPost("/requests", SendAsync);
        friends.MapPost("/requests/{id}/accept", AcceptAsync);
        friends.MapPost("/requests/{id}/decline", DeclineAsync);
        friends.MapDelete("/requests/{id}", CancelAsync);
        friends.MapDelete("/{userId}", RemoveAsync);

        var blocks = app.MapGroup("/api/blocks").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        blocks.MapGet("", ListBlockedAsync);
        blocks.MapPut("/{userId}", BlockAsync);
        blocks.MapDelete("/{userId}", UnblockAsync);
        return app;
    }

    private static async Task<IResult> ListFriendsAsync(ClaimsPrincipal user, ListFriends list, UserPresence presence, CancellationToken ct) =>
        Answer(await list.HandleAsync(Actor(user), ct), friends => Json(friends.Select(f => FriendsJson.Of(f, presence))));

    private static async Task<IResult> ListRequestsAsync(ClaimsPrincipal user, ListFriendRequests list, UserPresence presence, CancellationToken ct)
    {
        var actor = Actor(user);
        return Answer(await list.HandleAsync(actor, ct), pending =>
            Json(pending.Incoming.Concat(pending.Outgoing).OrderBy(r => r.CreatedAt).Select(r => FriendsJson.Of(r, "pending", presence, actor))));
    }

    private static async Task<IResult> SendAsync(HttpRequest request, ClaimsPrincipal user, SendFriendRequest send, UserPresence presence)
    {
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var username = body.Text("username", required: true);
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await send.HandleAsync(Actor(user), username, request.HttpContext.RequestAborted),
            r => Json(FriendsJson.Of(r, "pending", presence), StatusCodes.Status201Created));
    }

    private static async Task<IResult> AcceptAsync(string id, ClaimsPrincipal user, AcceptFriendRequest accept, UserPresence presence, CancellationToken ct) =>
        !Guid.TryParse(id, out var requestId) ? RequestNotFound
            : Answer(await accept.HandleAsync(Actor(user), requestId, ct), r => Json(FriendsJson.Of(r, "accepted", presence)));

    private static async Task<IResult> DeclineAsync(string id, ClaimsPrincipal user, DeclineFriendRequest decline, UserPresence presence, CancellationToken ct) =>
        !Guid.TryParse(id, out var requestId) ? RequestNotFound
            : Answer(await decline.HandleAsync(Actor(user), requestId, ct), r => Json(FriendsJson.Of(r, "declined", presence)));

    private static async Task<IResult> CancelAsync(string id, ClaimsPrincipal user, CancelFriendRequest cancel, CancellationToken ct) =>
        !Guid.TryParse(id, out var requestId) ? RequestNotFound
            : Answer(await cancel.HandleAsync(Actor(user), requestId, ct), _ => Results.NoContent());

    private static async Task<IResult> RemoveAsync(string userId, ClaimsPrincipal user, RemoveFriend remove, CancellationToken ct) =>
        !Guid.TryParse(userId, out var friendId) ? Problem("You are not friends with this person.", StatusCodes.Status404NotFound)
            : Answer(await remove.HandleAsync(Actor(user), friendId, ct), _ => Results.NoContent());

    private static async Task<IResult> ListBlockedAsync(ClaimsPrincipal user, ListBlocked list, CancellationToken ct) =>
        Answer(await list.HandleAsync(Actor(user), ct), blocked => Json(blocked.Select(FriendsJson.Of)));

    private static async Task<IResult> BlockAsync(string userId, ClaimsPrincipal user, BlockUser block, CancellationToken ct) =>
        !Guid.TryParse(userId, out var targetId) ? UserNotFound
            : Answer(await block.HandleAsync(Actor(user), targetId, ct), _ => Results.NoContent());

    private static async Task<IResult> UnblockAsync(string userId, ClaimsPrincipal user, UnblockUser unblock, CancellationToken ct) =>
        !Guid.TryParse(userId, out var targetId) ? Problem("You have not blocked this person.", StatusCodes.Status404NotFound)
            : Answer(await unblock.HandleAsync(Actor(user), targetId, ct), _ => Results.NoContent());

    private static Guid Actor(ClaimsPrincipal user) => CurrentUser.RequiredId(user);

    private static IResult Json(object value, int status = StatusCodes.Status200OK) => Results.Json(value, FriendsJson.Options, statusCode: status);

    private static IResult Problem(string detail, int status) => ApiCredentials.Refuse(detail, status);

    /// <summary>A use case's result as HTTP: <paramref name="ok"/> when done, else the problem document of its status.</summary>
    private static IResult Answer<T>(FriendResult<T> result, Func<T, IResult> ok) => result.Status switch
    {
        FriendStatus.Ok => ok(result.Value!),
        _ => Problem(result.Detail, FriendsPageEndpoints.StatusOf(result.Status)),
    };

    private static IResult RequestNotFound => Problem("Friend request not found.", StatusCodes.Status404NotFound);

    private static IResult UserNotFound => Problem("User not found.", StatusCodes.Status404NotFound);
}
