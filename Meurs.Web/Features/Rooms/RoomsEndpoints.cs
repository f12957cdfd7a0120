using System.Security.Claims;

namespace Meurs.Web.Features.Rooms;

/// <summary>Room actions posted by forms that are not part of a page's own form handling.</summary>
internal static class RoomsEndpoints
{
    public static IEndpointRouteBuilder MapRooms(this IEndpointRouteBuilder app)
    {
        // Form post with an antiforgery token (validated by the framework for form-bound endpoints).
        app.MapPost("/rooms/{id}/close", async (string id, IFormCollection form, ClaimsPrincipal user, CloseRoom close, CancellationToken cancellationToken) =>
        {
            _ = form; // bound only so the framework validates the form's antiforgery token
            var userId = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
            return await close.HandleAsync(id, userId, cancellationToken) switch
            {
                CloseRoom.Outcome.Closed => Results.LocalRedirect("/rooms"),
                CloseRoom.Outcome.Forbidden => Results.Problem("Only the owner can close the room", statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Problem("Room not found", statusCode: StatusCodes.Status404NotFound),
            };
        }).RequireAuthorization();
        app.MapRoomSocket();
        app.MapComuniApi();
        app.MapRoomFiles();
        return app;
    }
}
