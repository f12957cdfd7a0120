using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Deletes a server with everything in it (members, roles, channels, messages, invites, its images); only its owner
/// may, and only when confirming. Publishes <c>server.deleted</c>, then ends every live subscription to it.
/// </summary>
public sealed class DeleteServer(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast, ServerImages images)
{
    /// <summary>Deletes the server; 400 without <paramref name="confirmed"/>, 403 not the owner, 404 no such server.</summary>
    /// <param name="actorId">Who asks: must be the owner.</param>
    /// <param name="serverId">The server.</param>
    /// <param name="confirmed">True only when the person confirmed (a page asks them to; DELETE over the API is explicit).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, bool confirmed, CancellationToken cancellationToken)
    {
        var (member, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!member!.IsOwner)
        {
            return ServerRefusal.Forbidden("Only the owner can delete the server.");
        }
        if (!confirmed)
        {
            return ServerRefusal.BadInput("Confirm that the server and everything in it should be deleted.");
        }
        var channels = await db.ServerChannels.Where(c => c.ServerId == serverId).Select(c => c.Id).ToListAsync(cancellationToken);
        var server = member.Server;
        await db.Servers.Where(s => s.Id == serverId).ExecuteDeleteAsync(cancellationToken);
        images.Delete(server.IconFile);
        images.Delete(server.BannerFile);
        await broadcast.ToServerAsync(serverId, new ServerDeleted(serverId));
        await broadcast.ReauthorizeAsync(serverId, channels, CancellationToken.None);
        return Done.Value;
    }
}
