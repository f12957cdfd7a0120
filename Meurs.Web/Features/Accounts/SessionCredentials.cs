using System.Security.Claims;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// When a sign-in stops holding. A browser's session is its cookie, which carries the account's security stamp as it
/// was at sign-in: the stamp changes on logout, password change and <c>meurs users disable</c>, and from then on the
/// cookie is refused on every request (<see cref="ValidateCookieAsync"/>) and its sockets are closed
/// (<see cref="RevokedAsync"/>, through the fabric's <see cref="SocketSessions"/>). A program's session is its access
/// token, which ends when revoked or expired or when its account is locked, as the bearer handler decides.
/// </summary>
public sealed class SessionCredentials(IServiceScopeFactory scopes, TimeProvider time, IOptions<IdentityOptions> identity) : ISocketCredentials
{
    /// <summary><see cref="SocketCredential.Kind"/> of a browser's sign-in; the value is the security stamp it carries.</summary>
    public const string StampKind = "stamp";

    /// <summary><see cref="SocketCredential.Kind"/> of an access token; the value is the token's id.</summary>
    public const string TokenKind = "token";

    /// <summary>
    /// The cookie handler's principal check, on every request: the cookie's stamp must still be the account's, else the
    /// request is anonymous and the cookie is deleted. One primary-key query; it replaces Identity's own check, which ran
    /// every 30 minutes and so let a logged-out cookie work for up to that long.
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var claimType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = context.Principal?.FindFirstValue(claimType);
        var userId = context.Principal is { } principal ? CurrentUser.Id(principal) : null;
        string? current = null;
        if (userId is { } id && stamp is not null)
        {
            // Its own scope, as the bearer handler does: a socket's request would otherwise keep the context for life.
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            current = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        }
        if (current is null || !string.Equals(current, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <inheritdoc />
    public SocketCredential Describe(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var userId = CurrentUser.RequiredId(http.User);
        if (http.User.Identity?.AuthenticationType == AccessTokenAuthentication.Scheme
            && http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.Items.TryGetValue(AccessTokenAuthenticationHandler.TokenIdItem, out var tokenId) == true
            && tokenId is not null)
        {
            return new SocketCredential(userId, TokenKind, tokenId);
        }
        return new SocketCredential(userId, StampKind, http.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "");
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<SocketCredential>> RevokedAsync(IReadOnlyCollection<SocketCredential> credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var userIds = credentials.Select(c => c.UserId).Distinct().ToList();
        // LockoutEnd is a DateTimeOffset, which SQLite cannot compare in SQL: read the few columns and decide here.
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.SecurityStamp, u.LockoutEnd })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var tokenIds = credentials.Where(c => c.Kind == TokenKind).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Distinct().ToList();
        var tokens = tokenIds.Count == 0
            ? []
            : await db.AccessTokens.AsNoTracking().Where(t => tokenIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var now = time.GetUtcNow();
        var revoked = new HashSet<SocketCredential>();
        foreach (var credential in credentials)
        {
            var holds = users.TryGetValue(credential.UserId, out var user) && credential.Kind switch
            {
                StampKind => string.Equals(user.SecurityStamp, credential.Value, StringComparison.Ordinal),
                TokenKind => Guid.TryParse(credential.Value, out var tokenId) && tokens.TryGetValue(tokenId, out var token)
                    && token.IsActiveAt(now.UtcDateTime) && !(user.LockoutEnd > now),
                _ => false,
            };
            if (!holds)
            {
                revoked.Add(credential);
            }
        }
        return revoked;
    }
}
