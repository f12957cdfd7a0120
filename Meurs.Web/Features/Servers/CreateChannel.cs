using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Creates a text or voice channel at the end of its category (or of those without one); needs
/// <see cref="Permissions.ManageChannels"/> server-wide. Publishes <c>channel.created</c> to the members who can see it.
/// </summary>
public sealed class CreateChannel(MeursDbContext db, ServerGate gate, ServerBroadcast broadcast)
{
    /// <summary>Creates it; 400 bad text or a category of another server, 403, 404.</summary>
    public async Task<ServerResult<ServerChannel>> HandleAsync(Guid actorId, Guid serverId, ChannelDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var (_, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.ManageChannels, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (name, nameError) = ServerText.Name(draft.Name, "A channel name", ServerChannel.MaxNameLength);
        var (topic, topicError) = ServerText.LongText(draft.Topic, "A topic", ServerChannel.MaxTopicLength);
        if ((nameError ?? topicError) is { } error)
        {
            return ServerRefusal.BadInput(error);
        }
        if (!Enum.IsDefined(draft.Type))
        {
            return ServerRefusal.BadInput("A channel is text or voice.");
        }
        if (draft.CategoryId is { } categoryId && !await db.ChannelCategories.AnyAsync(c => c.Id == categoryId && c.ServerId == serverId, cancellationToken))
        {
            return ServerRefusal.BadInput("category_id is not a category of this server.");
        }
        var position = await db.ServerChannels.CountAsync(c => c.ServerId == serverId && c.CategoryId == draft.CategoryId, cancellationToken);
        var channel = new ServerChannel { ServerId = serverId, Name = name!, Topic = topic!, Type = draft.Type, CategoryId = draft.CategoryId, Position = position };
        db.ServerChannels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        await broadcast.ToViewersAsync(channel, new ChannelCreated(ServerJson.Of(channel)), cancellationToken: cancellationToken);
        return channel;
    }
}
