using System.Globalization;
using Meurs.Web.Features.Messages;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// How the direct message events look. For pages (the layout's <c>/ws/me</c>): the navigation's
/// <see cref="DirectMessageBadge"/> and the <see cref="ConversationList"/> in a hidden <c>[data-replace-by-id]</c>
/// holder, which unread.js swaps for the page's elements with the same ids (a page showing no list drops it); a conversation's call status (<see cref="ConversationCall"/>) likewise. For
/// programs: <c>dm.created</c> (<see cref="DirectMessageJson"/>) and <c>dm.deleted</c> <c>{id, conversation_id}</c>.
/// Singleton.
/// </summary>
public sealed class DirectMessageViews(FragmentRenderer renderer) : IEventView<DirectMessageCreated>, IEventView<DirectMessageDeleted>, IEventView<InboxChanged>, IEventView<ConversationCallChanged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(DirectMessageCreated e) => InboxAsync((e ?? throw new ArgumentNullException(nameof(e))).Inbox);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(DirectMessageCreated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [MessageJson.Envelope("dm.created", DirectMessageJson.Of(e.Message, e.Recipient))];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(DirectMessageDeleted e) => InboxAsync((e ?? throw new ArgumentNullException(nameof(e))).Inbox);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(DirectMessageDeleted e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [MessageJson.Envelope("dm.deleted", new { Id = e.MessageId, ConversationId = e.ChannelId })];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(InboxChanged e) => InboxAsync((e ?? throw new ArgumentNullException(nameof(e))).Inbox);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(InboxChanged e) => [];

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(ConversationCallChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var status = await renderer.RenderAsync<ConversationCall>(new Dictionary<string, object?>
        {
            [nameof(ConversationCall.ChannelId)] = e.ChannelId,
            [nameof(ConversationCall.Participants)] = e.Participants,
        });
        return [HtmxSwap.Message($"<div hidden data-replace-by-id>{status}</div>", "body", "beforeend")];
    }

    /// <inheritdoc />
    // Programs follow a call through /api/ws/voice/{id}.
    public IReadOnlyList<string> Json(ConversationCallChanged e) => [];

    private async Task<IReadOnlyList<string>> InboxAsync(Inbox inbox)
    {
        var badge = await renderer.RenderAsync<DirectMessageBadge>(new Dictionary<string, object?> { [nameof(DirectMessageBadge.Count)] = inbox.TotalUnread });
        var list = await renderer.RenderAsync<ConversationList>(new Dictionary<string, object?> { [nameof(ConversationList.Inbox)] = inbox });
        return [HtmxSwap.Message(string.Create(CultureInfo.InvariantCulture, $"<div hidden data-replace-by-id>{badge}{list}</div>"), "body", "beforeend")];
    }
}
