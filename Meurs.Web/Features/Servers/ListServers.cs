using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>The servers a person has joined, oldest joined first (never others: a server list is personal).</summary>
public sealed class ListServers(MeursDbContext db)
{
    /// <summary>The actor's servers.</summary>
    public async Task<ServerResult<IReadOnlyList<Server>>> HandleAsync(Guid actorId, CancellationToken cancellationToken)
    {
        var servers = await db.ServerMembers.Where(m => m.UserId == actorId)
            .Join(db.Servers, m => m.ServerId, s => s.Id, (m, s) => new { s, m.JoinedAt }).AsNoTracking().ToListAsync(cancellationToken);
        return ServerResult.Ok<IReadOnlyList<Server>>([.. servers.OrderBy(x => x.JoinedAt).Select(x => x.s)]);
    }
}
