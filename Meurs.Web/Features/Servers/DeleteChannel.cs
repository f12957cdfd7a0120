using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Deletes a channel with its messages; needs <see cref="Permissions.ManageChannels"/> in it. Publishes
/// <c>channel.deleted</c> to those who could see it, then ends every live subscription to it and its call.
/// </summary>
public sealed class DeleteChannel(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Deletes it; 403, 404 no such channel in this server or one the actor cannot see.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid channelId, CancellationToken cancellationToken)
    {
        var (access, refusal) = await gate.ChannelAsync(serverId, channelId, actorId, Permissions.ManageChannels, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var channel = access!.Channel;
        var viewers = (await broadcast.ViewersAsync(serverId, [channel], cancellationToken))[channelId];
        var below = await db.ServerChannels.Where(c => c.ServerId == serverId && c.CategoryId == channel.CategoryId && c.Position > channel.Position).ToListAsync(cancellationToken);
        foreach (var sibling in below)
        {
            sibling.Position--;
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.ServerChannels.Where(c => c.Id == channelId).ExecuteDeleteAsync(cancellationToken);
        await broadcast.ToViewersAsync(channel, new ChannelDeleted(serverId, channelId), viewers, cancellationToken);
        await broadcast.ToViewersAsync(serverId, below, c => new ChannelUpdated(ServerJson.Of(c)), cancellationToken);
        await broadcast.ReauthorizeAsync(serverId, [channelId], CancellationToken.None);
        return Done.Value;
    }
}
