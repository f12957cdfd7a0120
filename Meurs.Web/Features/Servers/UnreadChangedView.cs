using System.Globalization;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// How <see cref="UnreadChanged"/> looks: for pages, the channel's <see cref="UnreadBadge"/> and the server's
/// <see cref="ServerMentionBadge"/>, and the navigation's <see cref="MentionsBadge"/> (on every page), appended to the
/// body in a hidden <c>[data-replace-by-id]</c> holder, which unread.js swaps for the elements of the page with the same
/// ids (those a page does not show are dropped); for programs, <c>{"type":"channel.unread","data":{…}}</c> with
/// <c>mention_count</c>, <c>server_mention_count</c> and <c>total_mention_count</c>. Singleton.
/// </summary>
public sealed class UnreadChangedView(FragmentRenderer renderer) : IEventView<UnreadChanged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(UnreadChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var badge = await renderer.RenderAsync<UnreadBadge>(new Dictionary<string, object?>
        {
            [nameof(UnreadBadge.ChannelId)] = e.ChannelId,
            [nameof(UnreadBadge.Unread)] = e.Unread,
            [nameof(UnreadBadge.Mentions)] = e.Mentions,
        });
        var server = await renderer.RenderAsync<ServerMentionBadge>(new Dictionary<string, object?>
        {
            [nameof(ServerMentionBadge.ServerId)] = e.ServerId,
            [nameof(ServerMentionBadge.Mentions)] = e.ServerMentions,
        });
        var total = await renderer.RenderAsync<MentionsBadge>(new Dictionary<string, object?> { [nameof(MentionsBadge.Count)] = e.TotalMentions });
        return [HtmxSwap.Message($"<div hidden data-replace-by-id>{badge}{server}{total}</div>", "body", "beforeend")];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(UnreadChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("channel.unread", new
        {
            ServerId = e.ServerId.ToString("N", CultureInfo.InvariantCulture),
            ChannelId = e.ChannelId.ToString("N", CultureInfo.InvariantCulture),
            e.Unread,
            MentionCount = e.Mentions,
            ServerMentionCount = e.ServerMentions,
            TotalMentionCount = e.TotalMentions,
        })];
    }
}
