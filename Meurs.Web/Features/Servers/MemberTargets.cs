namespace Meurs.Web.Features.Servers;

/// <summary>The one rule for acting on another member (kick, ban): they exist, are not the owner nor oneself, and the actor outranks them.</summary>
internal static class MemberTargets
{
    /// <summary>Null when <paramref name="actor"/> may <paramref name="verb"/> <paramref name="targetId"/>; else why not. A non-member target is 404 unless <paramref name="mayBeOutside"/>.</summary>
    public static async Task<ServerRefusal?> CheckAsync(ServerAccess access, MemberAccess actor, Guid targetId, string verb, CancellationToken cancellationToken, bool mayBeOutside = false)
    {
        if (targetId == actor.UserId)
        {
            return ServerRefusal.BadInput($"You cannot {verb} yourself.");
        }
        var target = await access.ForServerAsync(actor.Server.Id, targetId, cancellationToken);
        if (target is null || !target.IsMember)
        {
            return mayBeOutside ? null : ServerRefusal.NotFound("Member not found");
        }
        if (target.IsOwner)
        {
            return ServerRefusal.BadInput($"The owner cannot be {(verb == "ban" ? "banned" : "kicked")}.");
        }
        return PermissionResolver.Outranks(actor.IsOwnerOrAdmin, actor.TopPosition, target.IsOwner, target.TopPosition)
            ? null
            : ServerRefusal.Forbidden($"You can only {verb} members whose highest role is below yours.");
    }
}
