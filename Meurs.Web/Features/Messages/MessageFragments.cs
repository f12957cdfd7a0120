using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// The swaps a channel page receives over its socket, rendered by the components the page renders, by stable ids:
/// <c>#channel-messages</c> (the list; new messages at its end), <c>#m-{id}</c> (one message), <c>#channel-typing</c>,
/// <c>#channel-composer</c>, <c>#channel-notice</c>.
/// </summary>
public sealed class MessageFragments(FragmentRenderer renderer)
{
    /// <summary>A new message, appended to the list.</summary>
    public async Task<string> AppendedAsync(ChannelMessage message) =>
        HtmxSwap.Message(await ViewAsync(message), "#channel-messages", "beforeend");

    /// <summary>A message as it is now, replacing itself.</summary>
    public async Task<string> ReplacedAsync(ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return HtmxSwap.Message(await ViewAsync(message), "#" + ChannelMessage.ElementId(message.Message.Id), "outerHTML");
    }

    /// <summary>A message removed from the page.</summary>
    public static string Removed(Guid messageId) => HtmxSwap.Message("", "#" + ChannelMessage.ElementId(messageId), "delete");

    /// <summary>The whole list, replacing what the page shows (on connect and reconnect).</summary>
    public async Task<string> ListAsync(Guid channelId, IReadOnlyList<ChannelMessage> messages, bool hasOlder, Guid? firstUnreadId = null) =>
        HtmxSwap.Message(await renderer.RenderAsync<MessageList>(new Dictionary<string, object?>
        {
            [nameof(MessageList.ChannelId)] = channelId,
            [nameof(MessageList.Messages)] = messages,
            [nameof(MessageList.HasOlder)] = hasOlder,
            [nameof(MessageList.FirstUnreadId)] = firstUnreadId,
        }), "#channel-messages", "outerHTML");

    /// <summary>"name is typing…".</summary>
    public async Task<string> TypingAsync(string userName) =>
        HtmxSwap.Message(await renderer.RenderAsync<TypingIndicator>(new Dictionary<string, object?> { [nameof(TypingIndicator.UserName)] = userName }), "#channel-typing", "outerHTML");

    /// <summary>The composer, empty after a send or keeping the text with the reason it was refused.</summary>
    public async Task<string> ComposerAsync(Guid channelId, string text, string? error) =>
        HtmxSwap.Message(await renderer.RenderAsync<MessageComposer>(new Dictionary<string, object?>
        {
            [nameof(MessageComposer.ChannelId)] = channelId,
            [nameof(MessageComposer.Text)] = text,
            [nameof(MessageComposer.Error)] = error,
            [nameof(MessageComposer.Focus)] = true,
        }), "#channel-composer", "outerHTML");

    /// <summary>A sentence for the person (an action of theirs was refused).</summary>
    public async Task<string> NoticeAsync(string? text) =>
        HtmxSwap.Message(await renderer.RenderAsync<ChannelNotice>(new Dictionary<string, object?> { [nameof(ChannelNotice.Text)] = text }), "#channel-notice", "outerHTML");

    private Task<string> ViewAsync(ChannelMessage message) =>
        renderer.RenderAsync<MessageView>(new Dictionary<string, object?> { [nameof(MessageView.Message)] = message });
}
