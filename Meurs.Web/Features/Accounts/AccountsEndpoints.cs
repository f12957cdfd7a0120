using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>Account actions that are not pages: log out, and the JSON API (<see cref="AccountsApi"/>). Sign-up and log-in are form-handling pages.</summary>
internal static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        // A form post (with its antiforgery token, checked by the framework), never a GET: a link must not log you out.
        app.MapPost("/logout", async (IFormCollection form, SignInManager<MeursUser> signIn) =>
        {
            _ = form; // bound only so the framework validates the form's antiforgery token (it checks form-bound endpoints only)
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).RequireAuthorization();
        app.MapAccountsApi();
        return app;
    }
}
