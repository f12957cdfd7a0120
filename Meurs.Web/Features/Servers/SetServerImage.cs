using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>Sets a server's icon or banner (see <see cref="ServerImages"/>); needs <see cref="Permissions.ManageServer"/>. Publishes <c>server.updated</c>.</summary>
public sealed class SetServerImage(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast, ServerImages images, ImageUploadLimits limits)
{
    /// <summary>Stores <paramref name="bytes"/> as the <paramref name="kind"/> and drops the previous one; 400 not an accepted image or too large, 403, 404, 429 past the uploader's picture allowance (<see cref="ImageUploadLimits"/>).</summary>
    public async Task<ServerResult<Server>> HandleAsync(Guid actorId, Guid serverId, ServerImageKind kind, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageServer, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!limits.TryUpload(actorId))
        {
            return ServerRefusal.TooManyRequests(ImageUploadLimits.TooMany);
        }
        var (fileName, error) = await images.StoreAsync(bytes, kind, cancellationToken);
        if (error is not null)
        {
            return ServerRefusal.BadInput(error);
        }
        var server = await db.Servers.FirstAsync(s => s.Id == serverId, cancellationToken);
        var previous = kind == ServerImageKind.Icon ? server.IconFile : server.BannerFile;
        if (kind == ServerImageKind.Icon)
        {
            server.IconFile = fileName;
        }
        else
        {
            server.BannerFile = fileName;
        }
        await db.SaveChangesAsync(cancellationToken);
        images.Delete(previous);
        await broadcast.ToServerAsync(serverId, new ServerUpdated(ServerJson.Of(server)));
        return server;
    }
}
