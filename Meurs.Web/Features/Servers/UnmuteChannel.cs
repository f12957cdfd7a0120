namespace Meurs.Web.Features.Servers;

/// <summary>Unmutes a channel for oneself: <see cref="MuteChannel"/> with false, named for the pages and the API.</summary>
public sealed class UnmuteChannel(MuteChannel mute)
{
    /// <summary>Unmutes; idempotent; 403/404 as for seeing the channel.</summary>
    public Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid channelId, CancellationToken cancellationToken) =>
        mute.HandleAsync(actorId, serverId, channelId, muted: false, cancellationToken);
}
