using System.Security.Claims;
using Htmx;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The room page's form posts, each with an antiforgery token (validated by the framework for form-bound endpoints):
/// <list type="bullet">
/// <item><c>POST /rooms/{id}/close</c> with <c>confirm=yes</c> (the confirmation dialog's form): closes the room for
/// everyone; without <c>confirm=yes</c> 400 and nothing happens; 403 for anyone but the owner; 404.</item>
/// <item><c>POST /rooms/{id}/join</c>: joins the room (announced to it, see <see cref="JoinRoom"/>) and opens it; the
/// room page's Join button, shown to someone who came by the link and is not a member yet; 404.</item>
/// <item><c>POST /rooms/{id}/leave</c>: leaves on purpose (see <see cref="LeaveRoom"/>) and goes back to /rooms; 404.</item>
/// <item><c>POST /rooms/{id}/name</c> with <c>name</c>: the owner renames the room. From htmx the answer is the
/// <see cref="RoomTitle"/> fragment (with the reason and status 400 when the name is refused); from a plain form, a
/// redirect to the room or problem details. 403 for anyone but the owner; 404.</item>
/// </list>
/// </summary>
internal static class RoomPageEndpoints
{
    public static IEndpointRouteBuilder MapRoomPageForms(this IEndpointRouteBuilder app)
    {
        var room = app.MapGroup("/rooms/{id}").RequireAuthorization();

        room.MapPost("/close", async (string id, IFormCollection form, ClaimsPrincipal user, CloseRoom close, CancellationToken cancellationToken) =>
        {
            if (form["confirm"] != "yes")
            {
                return Results.Problem("Closing a room needs confirming: it sends everyone out and cannot be undone.", statusCode: StatusCodes.Status400BadRequest);
            }
            return await close.HandleAsync(id, UserId(user), cancellationToken) switch
            {
                CloseRoom.Outcome.Closed => Results.LocalRedirect("/rooms"),
                CloseRoom.Outcome.Forbidden => Results.Problem("Only the owner can close the room", statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Problem("Room not found", statusCode: StatusCodes.Status404NotFound),
            };
        });

        room.MapPost("/join", async (string id, IFormCollection form, ClaimsPrincipal user, JoinRoom join, CancellationToken cancellationToken) =>
        {
            _ = form; // bound only so the framework validates the form's antiforgery token
            return await join.HandleAsync(id, UserId(user), user.Identity?.Name ?? "", cancellationToken) is not null
                ? Results.LocalRedirect($"/rooms/{id}")
                : Results.Problem("Room not found", statusCode: StatusCodes.Status404NotFound);
        });

        room.MapPost("/leave", async (string id, IFormCollection form, ClaimsPrincipal user, LeaveRoom leave, CancellationToken cancellationToken) =>
        {
            _ = form; // bound only so the framework validates the form's antiforgery token
            return await leave.HandleAsync(id, UserId(user), cancellationToken)
                ? Results.LocalRedirect("/rooms")
                : Results.Problem("Room not found", statusCode: StatusCodes.Status404NotFound);
        });

        room.MapPost("/name", async (string id, IFormCollection form, ClaimsPrincipal user, RenameRoom rename, HttpContext http, CancellationToken cancellationToken) =>
        {
            var typed = form["name"].ToString();
            var (outcome, name, error) = await rename.HandleAsync(id, UserId(user), typed, cancellationToken);
            if (outcome is RenameRoom.Outcome.NotFound)
            {
                return Results.Problem("Room not found", statusCode: StatusCodes.Status404NotFound);
            }
            if (outcome is RenameRoom.Outcome.Forbidden)
            {
                return Results.Problem("Only the owner can rename the room", statusCode: StatusCodes.Status403Forbidden);
            }
            if (!http.Request.IsHtmx())
            {
                return outcome is RenameRoom.Outcome.Renamed
                    ? Results.LocalRedirect($"/rooms/{id}")
                    : Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
            }
            http.Response.Htmx(htmx => htmx.WithVary());
            return new RazorComponentResult<RoomTitle>(new Dictionary<string, object?>
            {
                [nameof(RoomTitle.RoomId)] = id,
                [nameof(RoomTitle.Name)] = name,
                [nameof(RoomTitle.IsOwner)] = true,
                [nameof(RoomTitle.Typed)] = outcome is RenameRoom.Outcome.Renamed ? null : typed,
                [nameof(RoomTitle.Error)] = error,
                [nameof(RoomTitle.Saved)] = outcome is RenameRoom.Outcome.Renamed,
            })
            {
                StatusCode = outcome is RenameRoom.Outcome.Renamed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
            };
        });
        return app;
    }

    private static Guid UserId(ClaimsPrincipal user) => CurrentUser.RequiredId(user);
}
