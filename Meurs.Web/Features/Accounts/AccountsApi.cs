using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// Accounts for API clients, JSON in and out; errors are problem documents (RFC 9457) with a <c>detail</c> sentence.
/// Everything under <c>/api</c> authenticates with a bearer token only (<see cref="AccessTokenAuthentication.ApiPolicy"/>),
/// which is why these endpoints need no antiforgery token.
/// <list type="bullet">
/// <item><c>POST /api/auth/register {username, password}</c> → 201 <c>{id, username, status}</c>; 400 for a broken rule,
/// a name already taken in any case, a missing field or a wrong JSON type; 415 not JSON; 413 over 16 KiB.</item>
/// <item><c>POST /api/auth/login {username, password}</c> → 200 <c>{access_token, token_type: "bearer", expires_at}</c>
/// (ISO 8601 UTC); 401 with one and the same problem document for an unknown user, a wrong password and a locked or
/// disabled account (failures count towards lockout exactly as on the login page); 400 malformed body; 429 with
/// <c>Retry-After</c> past the per-address limit (<see cref="SignInRateLimit"/>, as for registering).</item>
/// <item><c>POST /api/auth/logout</c> → 204, revoking the token that authenticated the request; 401 without one.</item>
/// <item><c>/api/users/…</c>: the Profiles feature (<c>UsersApi</c>).</item>
/// </list>
/// </summary>
internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        api.MapPost("/auth/register", RegisterAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.SignUpPolicy);
        api.MapPost("/auth/login", LogInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.LogInPolicy);
        api.MapPost("/auth/logout", LogOutAsync);
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, [AsParameters] AccountsApiServices services)
    {
        var (credentials, refusal) = await ApiCredentials.ReadAsync(request);
        if (credentials is null)
        {
            return refusal!;
        }
        var outcome = await services.Register.HandleAsync(credentials.Username, credentials.Password);
        if (!outcome.Succeeded)
        {
            return ApiCredentials.Refuse(string.Join(" ", outcome.Errors));
        }
        var user = outcome.User;
        return Results.Json(new { id = user.Id, username = user.UserName, status = services.Presence.StatusOf(user.Id) }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> LogInAsync(HttpContext http, [AsParameters] AccountsApiServices services)
    {
        var (credentials, refusal) = await ApiCredentials.ReadAsync(http.Request);
        if (credentials is null)
        {
            return refusal!;
        }
        if (string.IsNullOrWhiteSpace(credentials.Username) || credentials.Password.Length == 0)
        {
            return ApiCredentials.Refuse("Enter a username and a password.");
        }
        if (credentials.Username.Length > AccountRules.UsernameMaxLength || credentials.Password.Length > AccountRules.PasswordMaxLength)
        {
            return ApiCredentials.Refuse($"A username is at most {AccountRules.UsernameMaxLength} characters and a password at most {AccountRules.PasswordMaxLength}.");
        }
        var outcome = await services.LogIn.HandleAsync(credentials.Username, credentials.Password, http.RequestAborted);
        switch (outcome.Status)
        {
            case IssueLoginToken.Status.Issued:
                // RFC 6749 §5.1: a response carrying a token must not be cached.
                http.Response.Headers.CacheControl = "no-store";
                return Results.Ok(new { access_token = outcome.Secret, token_type = "bearer", expires_at = outcome.Token!.ExpiresAt });
            default:
                // The same answer for an unknown name, a wrong password and a locked or disabled account (CheckCredentials).
                return ApiCredentials.Refuse(CheckCredentials.Refusal, StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<IResult> LogOutAsync(HttpContext http, ClaimsPrincipal principal, [AsParameters] AccountsApiServices services)
    {
        var authenticated = await http.AuthenticateAsync(AccessTokenAuthentication.Scheme);
        if (authenticated.Properties?.Items.TryGetValue(AccessTokenAuthenticationHandler.TokenIdItem, out var value) != true
            || !Guid.TryParse(value, out var tokenId) || UserId(principal) is not { } userId)
        {
            return ApiCredentials.Refuse("This needs the bearer token to log out.", StatusCodes.Status401Unauthorized);
        }
        await services.Revoke.HandleAsync(userId, tokenId, http.RequestAborted);
        // The token's sockets end now, not at the next session check.
        await services.Sockets.EndRevokedAsync(userId, http.RequestAborted);
        return Results.NoContent();
    }

    private static Guid? UserId(ClaimsPrincipal principal) => CurrentUser.Id(principal);
}
