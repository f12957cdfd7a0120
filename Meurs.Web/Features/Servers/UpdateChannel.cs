using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Renames a channel, sets its topic, or moves it to the end of another category; needs
/// <see cref="Permissions.ManageChannels"/> in the channel (so a channel override can let a role edit one channel, the
/// Chat system's <c>can_edit</c>). Publishes <c>channel.updated</c> to the members who can see it.
/// </summary>
public sealed class UpdateChannel(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Applies <paramref name="changes"/>; 400 bad text or a category of another server, 403, 404 no such channel or one the actor cannot see.</summary>
    public async Task<ServerResult<ServerChannel>> HandleAsync(Guid actorId, Guid serverId, Guid channelId, ChannelChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var (_, refusal) = await gate.ChannelAsync(serverId, channelId, actorId, Permissions.ManageChannels, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var channel = await db.ServerChannels.FirstAsync(c => c.Id == channelId, cancellationToken);
        if (changes.Name is not null)
        {
            var (name, error) = ServerText.Name(changes.Name, "A channel name", ServerChannel.MaxNameLength);
            if (error is not null)
            {
                return ServerRefusal.BadInput(error);
            }
            channel.Name = name!;
        }
        if (changes.Topic is not null)
        {
            var (topic, error) = ServerText.LongText(changes.Topic, "A topic", ServerChannel.MaxTopicLength);
            if (error is not null)
            {
                return ServerRefusal.BadInput(error);
            }
            channel.Topic = topic!;
        }
        var reordered = new List<ServerChannel>();
        if (changes.MoveToCategory && changes.CategoryId != channel.CategoryId)
        {
            if (changes.CategoryId is { } categoryId && !await db.ChannelCategories.AnyAsync(c => c.Id == categoryId && c.ServerId == serverId, cancellationToken))
            {
                return ServerRefusal.BadInput("category_id is not a category of this server.");
            }
            var oldCategory = channel.CategoryId;
            var siblings = await db.ServerChannels
                .Where(c => c.ServerId == serverId && c.Id != channelId && (c.CategoryId == oldCategory || c.CategoryId == changes.CategoryId)).ToListAsync(cancellationToken);
            foreach (var sibling in siblings.Where(c => c.CategoryId == oldCategory && c.Position > channel.Position))
            {
                sibling.Position--;
                reordered.Add(sibling);
            }
            channel.CategoryId = changes.CategoryId;
            channel.Position = siblings.Count(c => c.CategoryId == changes.CategoryId);
        }
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToViewersAsync(channel, new ChannelUpdated(ServerJson.Of(channel)), cancellationToken: cancellationToken);
        await broadcast.ToViewersAsync(serverId, reordered, c => new ChannelUpdated(ServerJson.Of(c)), cancellationToken);
        return channel;
    }
}
