using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// How <see cref="MentionTotalChanged"/> looks: for pages, the navigation's <see cref="MentionsBadge"/> in a hidden
/// <c>[data-replace-by-id]</c> holder appended to the body (unread.js swaps it for the page's badge); for programs,
/// <c>{"type":"mentions.total","data":{"total_mention_count":n}}</c>. Singleton.
/// </summary>
public sealed class MentionTotalChangedView(FragmentRenderer renderer) : IEventView<MentionTotalChanged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(MentionTotalChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var badge = await renderer.RenderAsync<MentionsBadge>(new Dictionary<string, object?> { [nameof(MentionsBadge.Count)] = e.TotalMentions });
        return [HtmxSwap.Message($"<div hidden data-replace-by-id>{badge}</div>", "body", "beforeend")];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(MentionTotalChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("mentions.total", new { TotalMentionCount = e.TotalMentions })];
    }
}
