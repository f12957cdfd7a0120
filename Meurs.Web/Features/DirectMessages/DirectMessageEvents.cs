using Meurs.Web.Features.Messages;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// A message arrived in a conversation one is in (sent by anyone, oneself included). Published on each participant's own
/// <see cref="ChannelKind.User"/> channel with that participant's <see cref="Inbox"/>, so their badge and list update
/// wherever they are; the open conversation gets the message itself through its channel's <see cref="MessageSent"/>.
/// </summary>
/// <param name="Message">The message, loaded whole.</param>
/// <param name="Recipient">In a one-to-one conversation the person who is not the author; null in a group.</param>
/// <param name="Inbox">The receiving participant's conversations and unread counts now.</param>
public sealed record DirectMessageCreated(ChannelMessage Message, ConversationPerson? Recipient, Inbox Inbox) : RealtimeEvent;

/// <summary>A message of a conversation one is in was deleted. Published like <see cref="DirectMessageCreated"/>.</summary>
/// <param name="ChannelId">The conversation's channel.</param>
/// <param name="MessageId">The message.</param>
/// <param name="Inbox">The receiving participant's conversations and unread counts now.</param>
public sealed record DirectMessageDeleted(Guid ChannelId, Guid MessageId, Inbox Inbox) : RealtimeEvent;

/// <summary>One's conversation list changed otherwise (read, a group made, renamed, joined or left): for pages only.</summary>
/// <param name="Inbox">Their conversations and unread counts now.</param>
public sealed record InboxChanged(Inbox Inbox) : RealtimeEvent;

/// <summary>
/// Someone joined or left the call of a conversation one is in (or changed their media). Published on each participant's
/// own channel, so the conversation page shows the call going on to those not in it.
/// </summary>
/// <param name="ChannelId">The conversation's channel.</param>
/// <param name="Participants">Who is in the call now.</param>
public sealed record ConversationCallChanged(Guid ChannelId, IReadOnlyList<Calls.CallParticipant> Participants) : RealtimeEvent;
