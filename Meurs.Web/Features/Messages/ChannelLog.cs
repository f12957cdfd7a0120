using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// The history of <see cref="ChannelKind.Channel"/> channels for the <see cref="RealtimeHub"/>: a text channel's last
/// sequence number is its newest message's; a subscriber first gets the newest
/// <see cref="MessagesOptions.HistoryLength"/> messages (<see cref="ChannelHistoryShown"/>), or, resuming with
/// <c>?after=seq</c>, the messages sent since (<see cref="ChannelResumed"/>). Voice channels have no history.
/// </summary>
public sealed class ChannelLog(IServiceScopeFactory scopes, IOptions<MessagesOptions> options) : IChannelLog
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Channel;

    /// <inheritdoc />
    public async Task<long> LastSeqAsync(ChannelId channel, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(channel.Id, "N", out var channelId))
        {
            return 0;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        return await db.Messages.Where(m => m.ChannelId == channelId).MaxAsync(m => (long?)m.Seq, cancellationToken) ?? 0;
    }

    /// <inheritdoc />
    public async Task<RealtimeEvent?> SnapshotAsync(ChannelId channel, ChannelUser viewer, long? after, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(channel.Id, "N", out var channelId))
        {
            return null;
        }
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MeursDbContext>();
        if (!await db.ServerChannels.AnyAsync(c => c.Id == channelId && c.Type == ChannelType.Text, cancellationToken))
        {
            return null;
        }
        if (after is { } since)
        {
            var missed = await services.GetRequiredService<MessageQueries>()
                .LoadAsync(db.Messages.Where(m => m.ChannelId == channelId && m.Seq > since), cancellationToken);
            return new ChannelResumed([.. missed.OrderBy(m => m.Message.Seq)]);
        }
        var page = await services.GetRequiredService<ListMessages>().ReadAsync(channelId, new ListMessages.Page(Limit: options.Value.HistoryLength), cancellationToken);
        var last = await db.Messages.Where(m => m.ChannelId == channelId).MaxAsync(m => (long?)m.Seq, cancellationToken) ?? 0;
        var firstUnread = await services.GetRequiredService<UnreadMarker>().FirstUnreadAsync(channelId, viewer.Id, page.Messages, cancellationToken);
        return new ChannelHistoryShown(channelId, page.Messages, page.HasOlder, last, firstUnread);
    }
}
