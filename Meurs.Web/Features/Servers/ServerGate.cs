namespace Meurs.Web.Features.Servers;

/// <summary>
/// The use cases' one door to the policies: reads the actor's standing with <see cref="ServerAccess"/> and judges it with
/// <see cref="ServerChannelPolicy.Judge"/> (server-wide) or <see cref="TextChannelPolicy.Judge"/> (in a channel), so a use
/// case answers exactly what a subscription or socket command would. Scoped.
/// </summary>
public sealed class ServerGate(ServerAccess access)
{
    /// <summary>
    /// The actor's standing in <paramref name="serverId"/> when they hold <paramref name="required"/> server-wide
    /// (<see cref="Permissions.None"/>: any member); else why not (404 no such server or invite-only and not a member,
    /// 403 a non-member of an open server or a member without the permission).
    /// </summary>
    public async Task<(MemberAccess? Member, ServerRefusal? Refusal)> ServerAsync(Guid serverId, Guid actorId, Permissions required, CancellationToken cancellationToken)
    {
        var (member, refusal) = ServerChannelPolicy.Judge(await access.ForServerAsync(serverId, actorId, cancellationToken), required);
        return refusal is null ? (member, null) : (null, ServerRefusal.From(refusal));
    }

    /// <summary>
    /// Channel <paramref name="channelId"/> of server <paramref name="serverId"/> and the actor's permissions there when
    /// they can see it and hold <paramref name="required"/> in it; else why not. A channel of another server is not found.
    /// </summary>
    public async Task<(ChannelAccess? Channel, ServerRefusal? Refusal)> ChannelAsync(Guid serverId, Guid channelId, Guid actorId, Permissions required, CancellationToken cancellationToken)
    {
        var found = await access.ForChannelAsync(channelId, actorId, cancellationToken);
        if (found is not null && found.Channel.ServerId != serverId)
        {
            found = null;
        }
        var (channel, refusal) = TextChannelPolicy.Judge(found, required);
        return refusal is null ? (channel, null) : (null, ServerRefusal.From(refusal));
    }
}
