using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Changes a server's name, description or joining rule; needs <see cref="Permissions.ManageServer"/>. Publishes <c>server.updated</c>.</summary>
public sealed class UpdateServer(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Applies <paramref name="changes"/>; 400 bad text, 403 without the permission, 404 no such server (or invite-only and not a member).</summary>
    public async Task<ServerResult<Server>> HandleAsync(Guid actorId, Guid serverId, ServerChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageServer, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var server = await db.Servers.FirstAsync(s => s.Id == serverId, cancellationToken);
        if (changes.Name is not null)
        {
            var (name, error) = ServerText.Name(changes.Name, "A server name", Server.MaxNameLength);
            if (error is not null)
            {
                return ServerRefusal.BadInput(error);
            }
            server.Name = name!;
        }
        if (changes.Description is not null)
        {
            var (description, error) = ServerText.LongText(changes.Description, "A description", Server.MaxDescriptionLength);
            if (error is not null)
            {
                return ServerRefusal.BadInput(error);
            }
            server.Description = description!;
        }
        if (changes.InviteOnly is { } inviteOnly)
        {
            server.InviteOnly = inviteOnly;
        }
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToServerAsync(serverId, new ServerUpdated(ServerJson.Of(server)));
        return server;
    }
}
