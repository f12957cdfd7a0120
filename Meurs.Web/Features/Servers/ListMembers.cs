using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>A server's members with their roles, by username; for members.</summary>
public sealed class ListMembers(MeursDbContext db, ServerGate gate)
{
    /// <summary>The members; 403/404 as for any server read.</summary>
    public async Task<ServerResult<IReadOnlyList<MemberDto>>> HandleAsync(Guid actorId, Guid serverId, CancellationToken cancellationToken)
    {
        var (access, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var members = await db.ServerMembers.Where(m => m.ServerId == serverId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.UserName, m.JoinedAt }).ToListAsync(cancellationToken);
        var roles = (await db.MemberRoles.Where(a => a.ServerId == serverId)
            .Join(db.ServerRoles, a => a.RoleId, r => r.Id, (a, r) => new { a.UserId, r.Id, r.Position }).ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId);
        var ownerId = access!.Server.OwnerId;
        return ServerResult.Ok<IReadOnlyList<MemberDto>>([.. members
            .OrderBy(m => m.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(m => new MemberDto(m.UserId, m.UserId, m.UserName ?? "", [.. roles[m.UserId].OrderByDescending(r => r.Position).Select(r => r.Id)], m.UserId == ownerId, m.JoinedAt))]);
    }
}
