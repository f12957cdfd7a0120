using System.Security.Claims;
using System.Text.Encodings.Web;
using Meurs.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer meurs_…</c> (RFC 6750 §2.1; never a query string, which ends up in logs and
/// histories). The token must exist, be neither expired nor revoked, and belong to a user who is not locked out
/// (a <c>LockoutEnd</c> in the future counts as disabled). The principal carries the same claims as the cookie login
/// (name identifier = user id, name = username, security stamp, roles), so endpoints cannot tell the two apart.
/// Failures answer 401 with <c>WWW-Authenticate: Bearer</c> and a JSON <c>{"detail": …}</c>.
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceScopeFactory scopes,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>How stale <see cref="AccessToken.LastUsedAt"/> may get before a request writes it again; bounds writes per token.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>The <see cref="AuthenticationProperties.Items"/> key holding the id of the token that authenticated the request.</summary>
    public const string TokenIdItem = "meurs.token_id";

    private const string InvalidToken = "The bearer token is invalid, expired or revoked.";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AccessTokenAuthentication.HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var headers = Request.Headers.Authorization;
        var secret = headers.Count == 1 ? headers[0]![(AccessTokenAuthentication.Scheme.Length + 1)..].Trim() : null;
        if (!AccessTokenSecret.IsWellFormed(secret))
        {
            return AuthenticateResult.Fail(InvalidToken);
        }
        var hash = AccessTokenSecret.Hash(secret!);
        // Its own scope rather than the request's: a WebSocket request lives as long as the socket, and the context,
        // the tracked token and user and Identity's managers would stay with it, thousands of sockets over.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<MeursUser>>();
        var token = await db.AccessTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        if (token?.User is not { } user || !token.IsActiveAt(now.UtcDateTime) || user.LockoutEnd > now)
        {
            return AuthenticateResult.Fail(InvalidToken);
        }
        if (token.LastUsedAt is not { } last || now.UtcDateTime - last >= LastUsedResolution)
        {
            token.LastUsedAt = now.UtcDateTime;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var cookieLike = (ClaimsIdentity)(await principals.CreateAsync(user)).Identity!;
        var identity = new ClaimsIdentity(cookieLike.Claims, Scheme.Name, cookieLike.NameClaimType, cookieLike.RoleClaimType);
        var properties = new AuthenticationProperties();
        properties.Items[TokenIdItem] = token.Id.ToString();
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 §3: say which scheme, and flag a presented token that did not work.
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = result.Failure?.Message ?? "This needs a personal access token: send Authorization: Bearer <token> (POST /api/auth/login makes one).",
        };
        await Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", Context.RequestAborted);
    }
}
