using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>The one view of <see cref="MessageSent"/>: appended to <c>#channel-messages</c>; <c>message.created</c>.</summary>
public sealed class MessageSentView(MessageFragments fragments) : IEventView<MessageSent>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(MessageSent e) => [await fragments.AppendedAsync(e.Message)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(MessageSent e) => [MessageJson.Envelope("message.created", MessageJson.Of(e.Message))];
}

/// <summary>The one view of <see cref="MessageEdited"/>: <c>#m-{id}</c> replaced; <c>message.updated</c>.</summary>
public sealed class MessageEditedView(MessageFragments fragments) : IEventView<MessageEdited>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(MessageEdited e) => [await fragments.ReplacedAsync(e.Message)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(MessageEdited e) => [MessageJson.Envelope("message.updated", MessageJson.Of(e.Message))];
}

/// <summary>The one view of <see cref="MessageDeleted"/>: <c>#m-{id}</c> removed; <c>message.deleted {id, channel_id}</c>.</summary>
public sealed class MessageDeletedView : IEventView<MessageDeleted>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(MessageDeleted e) => Task.FromResult<IReadOnlyList<string>>([MessageFragments.Removed(e.MessageId)]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(MessageDeleted e) => [MessageJson.Envelope("message.deleted", new { id = e.MessageId, channel_id = e.ChannelId })];
}

/// <summary>The one view of <see cref="ReactionAdded"/>: <c>#m-{id}</c> replaced; <c>reaction.added {message_id, channel_id, emoji, user_id, username, count}</c>.</summary>
public sealed class ReactionAddedView(MessageFragments fragments) : IEventView<ReactionAdded>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(ReactionAdded e) => [await fragments.ReplacedAsync(e.Message)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ReactionAdded e) => [ReactionJson.Envelope("reaction.added", e.Message, e.Emoji, e.UserId, e.UserName)];
}

/// <summary>The one view of <see cref="ReactionRemoved"/>: <c>#m-{id}</c> replaced; <c>reaction.removed</c> (fields as <c>reaction.added</c>).</summary>
public sealed class ReactionRemovedView(MessageFragments fragments) : IEventView<ReactionRemoved>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(ReactionRemoved e) => [await fragments.ReplacedAsync(e.Message)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ReactionRemoved e) => [ReactionJson.Envelope("reaction.removed", e.Message, e.Emoji, e.UserId, e.UserName)];
}

/// <summary>The one view of <see cref="MessagePinned"/>: <c>#m-{id}</c> replaced; <c>message.pinned</c> or <c>message.unpinned</c> with the message.</summary>
public sealed class MessagePinnedView(MessageFragments fragments) : IEventView<MessagePinned>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(MessagePinned e) => [await fragments.ReplacedAsync(e.Message)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(MessagePinned e) => [MessageJson.Envelope(e.Pinned ? "message.pinned" : "message.unpinned", MessageJson.Of(e.Message))];
}

/// <summary>The one view of <see cref="TypingStarted"/>: <c>#channel-typing</c> replaced; <c>typing.started {channel_id, user_id, username}</c>.</summary>
public sealed class TypingStartedView(MessageFragments fragments) : IEventView<TypingStarted>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(TypingStarted e) => [await fragments.TypingAsync(e.UserName)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(TypingStarted e) => [MessageJson.Envelope("typing.started", new { channel_id = e.ChannelId, user_id = e.UserId, username = e.UserName })];
}

/// <summary>The one view of <see cref="ChannelHistoryShown"/>: <c>#channel-messages</c> replaced; <c>message.history {channel_id, messages, has_older, last_seq}</c>.</summary>
public sealed class ChannelHistoryShownView(MessageFragments fragments) : IEventView<ChannelHistoryShown>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(ChannelHistoryShown e) => [await fragments.ListAsync(e.ChannelId, e.Messages, e.HasOlder, e.FirstUnreadId)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ChannelHistoryShown e) =>
        [MessageJson.Envelope("message.history", new { channel_id = e.ChannelId, messages = e.Messages.Select(MessageJson.Of), has_older = e.HasOlder, last_seq = e.LastSeq })];
}

/// <summary>
/// The one view of <see cref="ChannelResumed"/>: each message missed appended to <c>#channel-messages</c> (a page opened
/// around a linked message resumes after the newest it knew of); one <c>message.created</c> per message missed.
/// </summary>
public sealed class ChannelResumedView(MessageFragments fragments) : IEventView<ChannelResumed>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(ChannelResumed e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var appended = new List<string>(e.Missed.Count);
        foreach (var message in e.Missed)
        {
            appended.Add(await fragments.AppendedAsync(message));
        }
        return appended;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ChannelResumed e) => [.. e.Missed.Select(m => MessageJson.Envelope("message.created", MessageJson.Of(m)))];
}

/// <summary>The data of <c>reaction.added</c> and <c>reaction.removed</c>.</summary>
internal static class ReactionJson
{
    public static string Envelope(string type, ChannelMessage message, string emoji, Guid userId, string userName) =>
        MessageJson.Envelope(type, new
        {
            message_id = message.Message.Id,
            channel_id = message.Message.ChannelId,
            emoji,
            user_id = userId,
            username = userName,
            count = message.Message.Reactions.Count(r => r.Emoji == emoji),
        });
}
