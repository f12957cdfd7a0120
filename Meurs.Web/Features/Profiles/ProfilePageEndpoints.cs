using System.Net;
using Htmx;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// The browser side of profiles (cookie sign-in; the forms carry antiforgery tokens, checked by the framework for
/// form-bound endpoints):
/// <list type="bullet">
/// <item><c>GET /people/{id}/card</c>: the profile card fragment (<see cref="ProfileCard"/>); 404 unknown or malformed id.</item>
/// <item><c>GET /avatars/{file}</c>: a stored avatar, by the app's one rule for stored images (<see cref="ImageUploads.Serve"/>).</item>
/// <item><c>POST /profile/edit|avatar|avatar/remove|username|sessions/end|delete</c>: the settings page's forms, each
/// calling its use case. An htmx request gets a status line (an error line with the use case's status on refusal); a
/// plain form post is redirected back to /profile, or gets a problem document on refusal.</item>
/// </list>
/// </summary>
internal static class ProfilePageEndpoints
{
    public static IEndpointRouteBuilder MapProfilePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/people/{id}/card", CardAsync).RequireAuthorization();
        app.MapGet("/avatars/{file}", (string file, HttpContext http, AvatarStore avatars) => ImageUploads.Serve(http, avatars.FolderPath, file))
            .RequireAuthorization().WithMetadata(Hosting.EndpointContentSecurityPolicy.Sandbox);

        var profile = app.MapGroup("/profile").RequireAuthorization();
        profile.MapPost("/edit", async (IFormCollection form, HttpContext http, UpdateProfile update) =>
        {
            // A field the form did not send is left as it is. The checkbox comes after a hidden "false" of the same
            // name, so the last value is the box's state, and a post without either changes nothing.
            static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
            bool? friendsOnly = form.TryGetValue("dm_friends_only", out var box) ? box[^1] == "true" : null;
            var changes = new ProfileChanges(Field(form, "display_name"), Field(form, "about"), Field(form, "custom_status"), friendsOnly);
            return Answer(http, await update.HandleAsync(UserId(http), changes, http.RequestAborted), "Saved.");
        });
        profile.MapPost("/avatar", async (IFormCollection form, HttpContext http, SetAvatar set, AvatarStore avatars) =>
        {
            var (bytes, refusal) = await AvatarUpload.BytesAsync(form.Files.GetFile("file"), avatars, http.RequestAborted);
            if (bytes is null)
            {
                return Refused(http, refusal is ProblemHttpResult { StatusCode: StatusCodes.Status413PayloadTooLarge } ? ProfileStatus.TooLarge : ProfileStatus.BadInput,
                    refusal is ProblemHttpResult problem ? problem.ProblemDetails.Detail ?? "" : "");
            }
            return Answer(http, await set.HandleAsync(UserId(http), bytes, http.RequestAborted), "Avatar saved.", refresh: true);
        });
        profile.MapPost("/avatar/remove", async (IFormCollection form, HttpContext http, RemoveAvatar remove) =>
        {
            _ = form; // bound only so the framework validates the form's antiforgery token
            return Answer(http, await remove.HandleAsync(UserId(http), http.RequestAborted), "Avatar removed.", refresh: true);
        });
        profile.MapPost("/username", async (IFormCollection form, HttpContext http, ChangeUsername rename, SignInManager<MeursUser> signIn) =>
        {
            var result = await rename.HandleAsync(UserId(http), form["username"], http.RequestAborted);
            if (result.IsOk)
            {
                // The new security stamp ended every session of the account, this one too: sign this browser in again.
                await signIn.RefreshSignInAsync(result.Value!);
            }
            return Answer(http, result, "Username changed.", refresh: true);
        });
        profile.MapPost("/sessions/end", async (IFormCollection form, HttpContext http, EndSessions end) =>
        {
            _ = form;
            await end.HandleAsync(http.User);
            return Leave(http, "/login");
        });
        profile.MapPost("/delete", async (IFormCollection form, HttpContext http, DeleteAccount delete, SignInManager<MeursUser> signIn) =>
        {
            var result = await delete.HandleAsync(UserId(http), form["password"], http.RequestAborted);
            if (!result.IsOk)
            {
                return Refused(http, result.Status, result.Detail);
            }
            await signIn.SignOutAsync();
            return Leave(http, "/login");
        });
        return app;
    }

    private static async Task<IResult> CardAsync(string id, HttpContext http, MeursDbContext db, IEnumerable<ProfileCardAction> actions)
    {
        if (!Guid.TryParse(id, out var userId) || await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, http.RequestAborted) is not { } user)
        {
            return Results.Problem("Person not found", statusCode: StatusCodes.Status404NotFound);
        }
        http.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<ProfileCard>(new Dictionary<string, object?>
        {
            [nameof(ProfileCard.User)] = user,
            [nameof(ProfileCard.ViewerId)] = UserId(http),
            [nameof(ProfileCard.Actions)] = actions.ToList(),
        });
    }

    private static Guid UserId(HttpContext http) => CurrentUser.RequiredId(http.User);

    // Away from the page for good (signed out): htmx follows HX-Redirect, a plain form a redirect.
    private static IResult Leave(HttpContext http, string target)
    {
        if (http.Request.IsHtmx())
        {
            http.Response.Headers["HX-Redirect"] = target;
            return Results.NoContent();
        }
        return Results.LocalRedirect(target);
    }

    private static IResult Answer<T>(HttpContext http, ProfileResult<T> result, string done, bool refresh = false)
    {
        if (!result.IsOk)
        {
            return Refused(http, result.Status, result.Detail);
        }
        if (!http.Request.IsHtmx())
        {
            return Results.LocalRedirect("/profile");
        }
        http.Response.Htmx(h => h.WithVary());
        if (refresh)
        {
            http.Response.Headers["HX-Refresh"] = "true";
        }
        return Results.Content($"<span class=\"ok\">{WebUtility.HtmlEncode(done)}</span>", "text/html");
    }

    private static IResult Refused(HttpContext http, ProfileStatus status, string detail)
    {
        var code = ProfileRefusal.HttpStatusOf(status);
        if (http.Request.IsHtmx())
        {
            http.Response.Htmx(h => h.WithVary());
            return Results.Content($"<span class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(detail)}</span>", "text/html", statusCode: code);
        }
        return Results.Problem(detail, statusCode: code);
    }
}
