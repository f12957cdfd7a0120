using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>A message was sent in a text channel (persisted, with its sequence number).</summary>
/// <param name="Message">The message, loaded whole.</param>
public sealed record MessageSent(ChannelMessage Message) : RealtimeEvent;

/// <summary>Its author edited a message (content, mentions and <see cref="Message.EditedAt"/> changed).</summary>
/// <param name="Message">The message as it is now.</param>
public sealed record MessageEdited(ChannelMessage Message) : RealtimeEvent;

/// <summary>A message was deleted (with its attachments, reactions and mentions).</summary>
/// <param name="ChannelId">Its channel.</param>
/// <param name="MessageId">Its id.</param>
public sealed record MessageDeleted(Guid ChannelId, Guid MessageId) : RealtimeEvent;

/// <summary>Someone reacted to a message.</summary>
/// <param name="Message">The message with its reactions now.</param>
/// <param name="Emoji">The emoji.</param>
/// <param name="UserId">Who reacted.</param>
/// <param name="UserName">Their username.</param>
public sealed record ReactionAdded(ChannelMessage Message, string Emoji, Guid UserId, string UserName) : RealtimeEvent;

/// <summary>Someone took their reaction back.</summary>
/// <param name="Message">The message with its reactions now.</param>
/// <param name="Emoji">The emoji.</param>
/// <param name="UserId">Who had reacted.</param>
/// <param name="UserName">Their username.</param>
public sealed record ReactionRemoved(ChannelMessage Message, string Emoji, Guid UserId, string UserName) : RealtimeEvent;

/// <summary>A message was pinned or unpinned.</summary>
/// <param name="Message">The message as it is now.</param>
/// <param name="Pinned">True when pinned.</param>
public sealed record MessagePinned(ChannelMessage Message, bool Pinned) : RealtimeEvent;

/// <summary>Someone is typing in the channel (not stored; shown for a few seconds).</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="UserId">Who.</param>
/// <param name="UserName">Their username.</param>
public sealed record TypingStarted(Guid ChannelId, Guid UserId, string UserName) : RealtimeEvent;

/// <summary>What a subscriber sees first: the newest messages, oldest first.</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="Messages">The newest <see cref="MessagesOptions.HistoryLength"/> messages, oldest first.</param>
/// <param name="HasOlder">True when there are older ones to load.</param>
/// <param name="LastSeq">The channel's last sequence number (resume after it).</param>
/// <param name="FirstUnreadId">For a page: the first message unread by the subscriber, which the "New" line precedes.</param>
public sealed record ChannelHistoryShown(Guid ChannelId, IReadOnlyList<ChannelMessage> Messages, bool HasOlder, long LastSeq, Guid? FirstUnreadId = null) : RealtimeEvent;

/// <summary>
/// What a reconnecting program missed after a sequence number: the messages sent since that still exist, as they are now.
/// Edits, reactions and deletions of older messages are not replayed: a program reloads those through the API.
/// </summary>
/// <param name="Missed">The messages, oldest first.</param>
public sealed record ChannelResumed(IReadOnlyList<ChannelMessage> Missed) : RealtimeEvent;
