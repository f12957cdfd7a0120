using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Accounts;

/// <summary>A user's personal access tokens, newest first, including revoked and expired ones (so the owner sees what happened).</summary>
public sealed class ListAccessTokens(MeursDbContext db)
{
    /// <summary>Every token of <paramref name="userId"/>, newest first; untracked.</summary>
    public async Task<IReadOnlyList<AccessToken>> HandleAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.AccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .ToListAsync(cancellationToken);
}
