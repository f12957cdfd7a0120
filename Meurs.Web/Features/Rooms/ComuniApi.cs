using System.Security.Claims;
using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The original Meurs "Comuni" JSON API, with authentication: the acting user is always the authenticated one, never
/// a parameter. Errors are <c>{"detail": "…"}</c>.
/// <list type="bullet">
/// <item><c>POST /api/comuni/rooms</c> → 201 <c>{room_id, owner}</c></item>
/// <item><c>POST /api/comuni/rooms/{id}/join</c> → <c>{ok: true, is_owner}</c> | 404</item>
/// <item><c>GET /api/comuni/rooms/{id}</c> → <c>{room_id, owner, clients: [usernames connected]}</c> | 404</item>
/// <item><c>DELETE /api/comuni/rooms/{id}</c> → <c>{closed: true}</c> | 403 | 404</item>
/// </list>
/// </summary>
internal static class ComuniApi
{

    public static IEndpointRouteBuilder MapComuniApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/comuni/rooms").RequireAuthorization();

        rooms.MapPost("", async (ClaimsPrincipal user, CreateRoom create, CancellationToken cancellationToken) =>
        {
            try
            {
                var room = await create.HandleAsync(UserId(user), cancellationToken);
                return Results.Json(new { room_id = room.Id, owner = user.Identity!.Name }, statusCode: StatusCodes.Status201Created);
            }
            catch (RoomCreationRateLimitedException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status429TooManyRequests);
            }
            catch (RoomIdsExhaustedException)
            {
                return Results.Problem("No free room id just now; try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

        rooms.MapPost("/{id}/join", async (string id, ClaimsPrincipal user, JoinRoom join, CancellationToken cancellationToken) =>
            await join.HandleAsync(id, UserId(user), user.Identity?.Name ?? "", cancellationToken) is { } joined
                ? Results.Json(new { ok = true, is_owner = joined.Room.OwnerId == UserId(user) })
                : NotFound());

        rooms.MapGet("/{id}", async (string id, MeursDbContext db, PresenceService presence, CancellationToken cancellationToken) =>
        {
            if (await FindOpenAsync(db, id, cancellationToken) is not { } room)
            {
                return NotFound();
            }
            var owner = await db.Users.Where(u => u.Id == room.OwnerId).Select(u => u.UserName).SingleAsync(cancellationToken);
            return Results.Json(new { room_id = room.Id, owner, clients = presence.Present(ChannelId.Room(room.Id)).OrderBy(p => p.UserName, StringComparer.OrdinalIgnoreCase).Select(p => p.UserName) });
        });

        rooms.MapDelete("/{id}", async (string id, ClaimsPrincipal user, CloseRoom close, CancellationToken cancellationToken) =>
            await close.HandleAsync(id, UserId(user), cancellationToken) switch
            {
                CloseRoom.Outcome.Closed => Results.Json(new { closed = true }),
                CloseRoom.Outcome.Forbidden => Results.Problem("Only the owner can close the room", statusCode: StatusCodes.Status403Forbidden),
                _ => NotFound(),
            });
        return app;
    }

    private static Guid UserId(ClaimsPrincipal user) => CurrentUser.RequiredId(user);

    private static async Task<Room?> FindOpenAsync(MeursDbContext db, string id, CancellationToken cancellationToken) =>
        await db.Rooms.AsNoTracking().FindOpenAsync(id, cancellationToken);

    // RFC 9457 problem details, as every other error of the API.
    private static IResult NotFound() => Results.Problem("Room not found", statusCode: StatusCodes.Status404NotFound);
}
