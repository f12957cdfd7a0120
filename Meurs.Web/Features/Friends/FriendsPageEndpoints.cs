using System.Net;
using Htmx;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// The /friends page's actions (cookie; each POST carries the antiforgery token in the page's inherited
/// <c>RequestVerificationToken</c> header, or as a form field, both validated by the framework for form-bound endpoints).
/// Each calls the use case of its action. Answers: to htmx one line saying what happened (the lists themselves change
/// through the layout's <c>/ws/me</c> socket, in every tab of both people alike), to a plain form a redirect to /friends;
/// refusals as 400/403/404/409 (the sentence in place for htmx, problem details otherwise).
/// <list type="bullet">
/// <item><c>POST /friends/requests</c> (<c>username</c>), <c>POST /friends/requests/{id}/accept|decline|cancel</c>.</item>
/// <item><c>POST /friends/{user_id}/remove</c>, <c>POST /blocks/{user_id}</c> (block), <c>POST /blocks/{user_id}/delete</c> (unblock).</item>
/// </list>
/// </summary>
internal static class FriendsPageEndpoints
{
    /// <summary>The HTTP status of a use case's ending.</summary>
    public static int StatusOf(FriendStatus status) => status switch
    {
        FriendStatus.Ok => StatusCodes.Status200OK,
        FriendStatus.Forbidden => StatusCodes.Status403Forbidden,
        FriendStatus.NotFound => StatusCodes.Status404NotFound,
        FriendStatus.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IEndpointRouteBuilder MapFriendsPageEndpoints(this IEndpointRouteBuilder app)
    {
        var friends = app.MapGroup("/friends").RequireAuthorization();
        friends.MapPost("/requests", async (IFormCollection form, HttpContext http, SendFriendRequest send) =>
            Answer(http, await send.HandleAsync(UserId(http), form["username"].ToString(), http.RequestAborted), r => $"Friend request sent to {r.To.Name}."));
        friends.MapPost("/requests/{id:guid}/accept", async (Guid id, IFormCollection form, HttpContext http, AcceptFriendRequest accept) =>
            Answer(http, await accept.HandleAsync(UserId(http), id, http.RequestAborted), r => $"You and {r.From.Name} are friends now."));
        friends.MapPost("/requests/{id:guid}/decline", async (Guid id, IFormCollection form, HttpContext http, DeclineFriendRequest decline) =>
            Answer(http, await decline.HandleAsync(UserId(http), id, http.RequestAborted), r => $"Declined {r.From.Name}'s request."));
        friends.MapPost("/requests/{id:guid}/cancel", async (Guid id, IFormCollection form, HttpContext http, CancelFriendRequest cancel) =>
            Answer(http, await cancel.HandleAsync(UserId(http), id, http.RequestAborted), r => $"Cancelled your request to {r.To.Name}."));
        friends.MapPost("/{userId:guid}/remove", async (Guid userId, IFormCollection form, HttpContext http, RemoveFriend remove) =>
            Answer(http, await remove.HandleAsync(UserId(http), userId, http.RequestAborted), p => $"{p.Name} is no longer your friend."));
        var blocks = app.MapGroup("/blocks").RequireAuthorization();
        blocks.MapPost("/{userId:guid}", async (Guid userId, IFormCollection form, HttpContext http, BlockUser block) =>
            Answer(http, await block.HandleAsync(UserId(http), userId, http.RequestAborted), p => $"You blocked {p.Name}."));
        blocks.MapPost("/{userId:guid}/delete", async (Guid userId, IFormCollection form, HttpContext http, UnblockUser unblock) =>
            Answer(http, await unblock.HandleAsync(UserId(http), userId, http.RequestAborted), _ => "Unblocked."));
        return app;
    }

    /// <summary>A use case's result: a line (htmx) or a redirect to /friends; refusals in place or as problem details.</summary>
    private static IResult Answer<T>(HttpContext http, FriendResult<T> result, Func<T, string> done)
    {
        var htmx = http.Request.IsHtmx();
        if (htmx)
        {
            http.Response.Htmx(h => h.WithVary());
        }
        if (!result.IsOk)
        {
            var code = StatusOf(result.Status);
            return htmx
                ? Results.Content($"<span class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(result.Detail)}</span>", "text/html", statusCode: code)
                : Results.Problem(result.Detail, statusCode: code);
        }
        return htmx
            ? Results.Content($"<span class=\"ok\">{WebUtility.HtmlEncode(done(result.Value!))}</span>", "text/html")
            : Results.LocalRedirect("/friends");
    }

    private static Guid UserId(HttpContext http) => CurrentUser.RequiredId(http.User);
}
