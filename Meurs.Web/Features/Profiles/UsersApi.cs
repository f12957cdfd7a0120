using System.Security.Claims;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// The users API for programs, in the Chat system's shape (<see cref="UserJson"/>): bearer token only
/// (<see cref="AccessTokenAuthentication.ApiPolicy"/>), snake_case, errors as problem documents with a <c>detail</c>
/// sentence. Every endpoint calls the use case the settings page calls.
/// <list type="bullet">
/// <item><c>GET /api/users/me</c> → 200 one's own profile (with <c>dm_friends_only</c>); 401 without a valid token.</item>
/// <item><c>PATCH /api/users/me {display_name?, about? | description?, custom_status?, username?, dm_friends_only?}</c> → 200
/// the profile; 400 an unknown field, a wrong JSON type, too long, invalid Unicode or control characters, a username
/// against the rules; 409 a username taken in any letter case; 413/415 body too large or not JSON. Nothing changes
/// when anything is refused (the username is changed last, after the other fields were checked).</item>
/// <item><c>POST /api/users/me/avatar</c> (multipart, part <c>file</c>) → 200 the profile; 400 not a PNG, JPEG, GIF or
/// WebP by content; 413 over <see cref="ProfilesOptions.MaxAvatarBytes"/>; 415 not multipart.</item>
/// <item><c>DELETE /api/users/me/avatar</c> → 204.</item>
/// <item><c>GET /api/users/{id}</c> → 200 a public profile; 404 unknown or malformed id.</item>
/// </list>
/// </summary>
internal static class UsersApi
{
    private static readonly HashSet<string> PatchFields = ["display_name", "about", "description", "custom_status", "username", "dm_friends_only"];

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        users.MapGet("/me", MeAsync);
        users.MapPatch("/me", UpdateMeAsync);
        users.MapPost("/me/avatar", SetAvatarAsync);
        users.MapDelete("/me/avatar", RemoveAvatarAsync);
        users.MapGet("/{id}", GetUserAsync);
        return app;
    }

    private static async Task<IResult> MeAsync(ClaimsPrincipal principal, MeursDbContext db, Meurs.Web.Features.Presence.UserPresence presence, CancellationToken ct) =>
        await FindAsync(db, Actor(principal), ct) is { } user
            ? Json(UserJson.Own(user, presence.OwnStatusOf(user.Id)))
            : ApiCredentials.Refuse("The account no longer exists.", StatusCodes.Status401Unauthorized);

    private static async Task<IResult> GetUserAsync(string id, MeursDbContext db, Meurs.Web.Features.Presence.UserPresence presence, CancellationToken ct) =>
        Guid.TryParse(id, out var userId) && await FindAsync(db, userId, ct) is { } user
            ? Json(UserJson.Of(user, presence.StatusOf(user.Id)))
            : ApiCredentials.Refuse("User not found", StatusCodes.Status404NotFound);

    private static async Task<IResult> UpdateMeAsync(HttpRequest request, ClaimsPrincipal principal, UpdateProfile update, ChangeUsername rename, Meurs.Web.Features.Presence.UserPresence presence)
    {
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        foreach (var name in body.Names().Where(n => !PatchFields.Contains(n)))
        {
            body.Problem($"'{name}' is not a field of the profile (those are {string.Join(", ", PatchFields.Order(StringComparer.Ordinal))}).");
        }
        var displayName = body.Text("display_name");
        var about = body.Text("about");
        var description = body.Text("description");
        var customStatus = body.Text("custom_status");
        var username = body.Text("username");
        var friendsOnly = body.Bool("dm_friends_only");
        if (about is not null && description is not null)
        {
            body.Problem("Send 'about' or 'description' (the same text), not both.");
        }
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        var actor = Actor(principal);
        var ct = request.HttpContext.RequestAborted;
        var changes = new ProfileChanges(displayName, about ?? description, customStatus, friendsOnly);
        // Checked before anything is saved, so a refused field does not rename, and a refused username (checked by
        // renaming first) leaves the other fields as they were.
        var textError = ProfileText.Clean(changes.DisplayName, MeursUser.MaxDisplayNameLength, "display name").Error
            ?? ProfileText.Clean(changes.About, MeursUser.MaxAboutLength, "about text", multiline: true).Error
            ?? ProfileText.Clean(changes.CustomStatus, MeursUser.MaxCustomStatusLength, "custom status").Error;
        if (textError is not null)
        {
            return ApiCredentials.Refuse(textError);
        }
        if (username is not null)
        {
            var renamed = await rename.HandleAsync(actor, username, ct);
            if (!renamed.IsOk)
            {
                return Refuse(renamed);
            }
        }
        var updated = await update.HandleAsync(actor, changes, ct);
        return updated.IsOk ? Json(UserJson.Own(updated.Value!, presence.OwnStatusOf(actor))) : Refuse(updated);
    }

    private static async Task<IResult> SetAvatarAsync(HttpRequest request, ClaimsPrincipal principal, SetAvatar set, AvatarStore avatars, Meurs.Web.Features.Presence.UserPresence presence)
    {
        var (bytes, refusal) = await AvatarUpload.ReadAsync(request, avatars);
        if (bytes is null)
        {
            return refusal!;
        }
        var result = await set.HandleAsync(Actor(principal), bytes, request.HttpContext.RequestAborted);
        return result.IsOk ? Json(UserJson.Own(result.Value!, presence.OwnStatusOf(result.Value!.Id))) : Refuse(result);
    }

    private static async Task<IResult> RemoveAvatarAsync(ClaimsPrincipal principal, RemoveAvatar remove, CancellationToken ct)
    {
        var result = await remove.HandleAsync(Actor(principal), ct);
        return result.IsOk ? Results.NoContent() : Refuse(result);
    }

    private static Task<MeursUser?> FindAsync(MeursDbContext db, Guid id, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);

    private static Guid Actor(ClaimsPrincipal principal) => CurrentUser.RequiredId(principal);

    private static IResult Json(UserDto user) => Results.Json(user, UserJson.Options);

    private static IResult Refuse<T>(ProfileResult<T> result) => ApiCredentials.Refuse(result.Detail, result.HttpStatus);
}
