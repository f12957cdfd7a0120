using Meurs.Web.Data;
using Meurs.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// Deletes personal access tokens that can never work again: expired ones (<see cref="AccessToken.ExpiresAt"/> at or
/// before now) and ones revoked more than <see cref="JobsOptions.RevokedTokenRetention"/> ago. Affected: tokens deleted.
/// A recurring job (<see cref="AccountsFeature"/>).
/// </summary>
public sealed class SweepExpiredTokens(
    MeursDbContext db,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<SweepExpiredTokens> logger)
    : MeursJob(time, logger)
{
    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken)
    {
        var revokedBefore = now - options.Value.RevokedTokenRetention;
        // ExpiresAt is exclusive (a token stops working at that instant), hence <=.
        var dead = await db.AccessTokens
            .Where(t => t.ExpiresAt <= now || (t.RevokedAt != null && t.RevokedAt <= revokedBefore))
            .ToListAsync(cancellationToken);
        db.AccessTokens.RemoveRange(dead);
        await db.SaveChangesAsync(cancellationToken);
        return dead.Count;
    }
}
