using System.Globalization;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// How <see cref="UnreadChanged"/> looks: for pages, the channel's <see cref="UnreadBadge"/> and the server's
/// <see cref="ServerMentionBadge"/> appended to the body in a hidden <c>[data-replace-by-id]</c> holder, which unread.js
/// swaps for the elements of the page with the same ids (a page showing neither drops it: the layout's socket has no
/// other target every page shares); for programs, <c>{"type":"channel.unread","data":{…}}</c>. Singleton.
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
        return [HtmxSwap.Message($"<div hidden data-replace-by-id>{badge}{server}</div>", "body", "beforeend")];
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
        })];
    }
}
