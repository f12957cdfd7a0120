using System.Globalization;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// For pages only: after a change of who may see what, the channels one group of members (those who see exactly the
/// same channels) sees now, published on <see cref="ChannelId.Server"/> to that group. A channel someone can no longer
/// see disappears from their list at once; a channel they now see makes their page fetch its list again (the list
/// holds per-person state no event carries).
/// </summary>
/// <param name="ServerId">The server.</param>
/// <param name="Visible">The channels the group sees.</param>
public sealed record ChannelListChanged(Guid ServerId, IReadOnlyList<Guid> Visible) : RealtimeEvent
{
    /// <summary>Publishes one event per group of members seeing the same channels of <paramref name="serverId"/>, as one write.</summary>
    public static async Task PublishAsync(ServerBroadcast broadcast, RealtimeHub hub, MeursDbContext db, Guid serverId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(db);
        var channels = await db.ServerChannels.AsNoTracking().Where(c => c.ServerId == serverId).ToListAsync(cancellationToken);
        var viewers = await broadcast.ViewersAsync(serverId, channels, cancellationToken);
        var members = await db.ServerMembers.Where(m => m.ServerId == serverId).Select(m => m.UserId).ToListAsync(cancellationToken);
        var seen = members.ToDictionary(m => m, _ => new List<Guid>());
        foreach (var channel in channels)
        {
            foreach (var user in viewers[channel.Id])
            {
                seen.GetValueOrDefault(user)?.Add(channel.Id);
            }
        }
        var groups = seen.GroupBy(p => string.Join(',', p.Value.Select(id => id.ToString("N", CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)), StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            return;
        }
        await hub.WriteAsync(ChannelId.Server(serverId), write =>
        {
            foreach (var group in groups)
            {
                write.Publish(new ChannelListChanged(serverId, group.First().Value), Audience.ToUsers([.. group.Select(p => p.Key)]));
            }
            return Task.FromResult(true);
        }, cancellationToken);
    }
}

/// <summary>The one view of <see cref="ChannelListChanged"/>: a <c>data-visible-channels</c> patch for pages; nothing for programs (they get the channel events).</summary>
public sealed class ChannelListChangedView : IEventView<ChannelListChanged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(ChannelListChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Task.FromResult<IReadOnlyList<string>>([ServerFragments.Visible(e.Visible)]);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ChannelListChanged e) => [];
}
