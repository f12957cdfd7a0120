using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Accounts;

/// <summary>A user revokes one of their own personal access tokens; it stops working at once.</summary>
public sealed class RevokeAccessToken(MeursDbContext db, TimeProvider time)
{
    /// <summary>What happened.</summary>
    public enum Outcome
    {
        /// <summary>The token is revoked (now, or already before: the first revocation time is kept).</summary>
        Revoked,

        /// <summary>The user has no token with that id. Someone else's token is reported the same way, so ids reveal nothing.</summary>
        NotFound,
    }

    /// <summary>Revokes token <paramref name="tokenId"/> if <paramref name="userId"/> owns it; changes nothing otherwise.</summary>
    public async Task<Outcome> HandleAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return Outcome.NotFound;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return Outcome.Revoked;
    }
}
