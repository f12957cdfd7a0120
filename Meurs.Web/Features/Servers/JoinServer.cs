using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Joins an open server by its id. An invite-only server is joined with an invite (<see cref="JoinByInvite"/>); without
/// one it is not found, as everything in it is for non-members. Publishes <c>server.member_joined</c>.
/// </summary>
public sealed class JoinServer(MeursDbContext db, ServerAccess access, ServerBroadcast broadcast)
{
    /// <summary>Joins; 400 already a member, 403 banned, 404 no such server or invite-only.</summary>
    public async Task<ServerResult<MemberDto>> HandleAsync(Guid actorId, Guid serverId, CancellationToken cancellationToken)
    {
        var standing = await access.ForServerAsync(serverId, actorId, cancellationToken);
        if (standing is null || (standing is { IsMember: false, Server.InviteOnly: true }))
        {
            return ServerRefusal.NotFound("Server not found");
        }
        return await AdmitAsync(standing, cancellationToken);
    }

    /// <summary>Makes the person of <paramref name="standing"/> a member unless they are one or banned; shared with <see cref="JoinByInvite"/>.</summary>
    internal async Task<ServerResult<MemberDto>> AdmitAsync(MemberAccess standing, CancellationToken cancellationToken)
    {
        if (standing.IsMember)
        {
            return ServerRefusal.BadInput("You are already a member of this server.");
        }
        if (standing.IsBanned)
        {
            return ServerRefusal.Forbidden("You are banned from this server.");
        }
        db.ServerMembers.Add(new ServerMember { ServerId = standing.Server.Id, UserId = standing.UserId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A second join at the same moment: the first one counts.
            return ServerRefusal.BadInput("You are already a member of this server.");
        }
        var member = await broadcast.MemberAsync(standing.Server.Id, standing.UserId, standing.Server.OwnerId, cancellationToken);
        await broadcast.ToServerAsync(standing.Server.Id, new MemberJoined(standing.Server.Id, member));
        return member;
    }
}
