using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Sets a channel's override for one role (@everyone included): what it allows and denies there. Needs
/// <see cref="Permissions.ManageRoles"/> in the channel, like Discord's "manage permissions" (not ManageChannels: who may
/// see what is a matter of roles), on a role below the actor's highest; one may allow or deny only permissions one holds
/// in the channel, and never <see cref="Permissions.Administrator"/>. Allowing and denying nothing removes the override.
/// Publishes <c>channel.updated</c> to those who can see the channel now and ends the subscriptions it no longer allows.
/// </summary>
public sealed class SetChannelOverride(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Sets it; 400 a bit both allowed and denied, unknown bits or Administrator; 403; 404 no such channel or role in this server.</summary>
    public async Task<ServerResult<ChannelOverride>> HandleAsync(Guid actorId, Guid serverId, Guid channelId, Guid roleId, Permissions allow, Permissions deny, CancellationToken cancellationToken)
    {
        var (access, refusal) = await gate.ChannelAsync(serverId, channelId, actorId, Permissions.ManageRoles, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var role = await db.ServerRoles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roleId && r.ServerId == serverId, cancellationToken);
        if (role is null)
        {
            return ServerRefusal.NotFound("Role not found");
        }
        if (((allow | deny) & ~Permissions.All) != 0 || ((allow | deny) & Permissions.Administrator) != 0)
        {
            return ServerRefusal.BadInput("allow and deny may hold only channel permissions (not administrator).");
        }
        if ((allow & deny) != 0)
        {
            return ServerRefusal.BadInput("A permission cannot be both allowed and denied.");
        }
        var actor = access!.Member!; // a channel of a server (ServerGate): never a conversation
        if (!PermissionResolver.CanManageRole(actor.IsOwnerOrAdmin, actor.TopPosition, role.Position))
        {
            return ServerRefusal.Forbidden("You can only set permissions for roles below your highest role.");
        }
        var entry = await db.ChannelOverrides.FirstOrDefaultAsync(o => o.ChannelId == channelId && o.RoleId == roleId, cancellationToken);
        var changed = (entry?.Allow ?? Permissions.None) ^ allow | (entry?.Deny ?? Permissions.None) ^ deny;
        if (!actor.IsOwnerOrAdmin && (changed & ~access.Permissions) != 0)
        {
            return ServerRefusal.Forbidden("You can only allow or deny permissions you have in this channel.");
        }
        if (entry is null)
        {
            entry = new ChannelOverride { ChannelId = channelId, RoleId = roleId };
            db.ChannelOverrides.Add(entry);
        }
        entry.Allow = allow;
        entry.Deny = deny;
        if (allow == Permissions.None && deny == Permissions.None)
        {
            db.ChannelOverrides.Remove(entry);
        }
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToViewersAsync(access.Channel, new ChannelUpdated(ServerJson.Of(access.Channel)), cancellationToken: cancellationToken);
        await broadcast.ReauthorizeAsync(serverId, null, CancellationToken.None);
        return entry;
    }
}
