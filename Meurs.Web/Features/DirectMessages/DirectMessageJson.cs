using Meurs.Web.Features.Messages;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// A direct message as programs read it (the Chat system's shape, snake_case, nulls written; see
/// <see cref="MessageJson"/> for the message fields): <c>{id, conversation_id, content, sender {id, username},
/// recipient {id, username} (null in a group), created_at, edited_at, reply_to_id, attachments [...], reactions [...],
/// pinned}</c>. Times are ISO 8601 UTC.
/// </summary>
public static class DirectMessageJson
{
    /// <summary>The JSON shape of <paramref name="message"/>, sent to <paramref name="recipient"/> (null in a group).</summary>
    public static DirectMessageData Of(ChannelMessage message, ConversationPerson? recipient)
    {
        ArgumentNullException.ThrowIfNull(message);
        var data = MessageJson.Of(message);
        return new DirectMessageData(
            data.Id, data.ChannelId, data.Content, data.Author, recipient is null ? null : new AuthorData(recipient.Id, recipient.UserName),
            data.CreatedAt, data.EditedAt, data.ReplyToId, data.Attachments, data.Reactions, data.Pinned);
    }

    /// <summary>The one-to-one recipient of <paramref name="message"/> among <paramref name="participants"/>: the one who is not its author (null in a group).</summary>
    public static ConversationPerson? RecipientOf(ChannelMessage message, IReadOnlyList<ConversationPerson> participants, bool isGroup)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(participants);
        return isGroup ? null : participants.FirstOrDefault(p => p.Id != message.Message.AuthorId);
    }
}

/// <summary>A direct message for programs (see <see cref="DirectMessageJson"/>).</summary>
#pragma warning disable CS1591 // the fields are documented on DirectMessageJson, in the order they are written
public sealed record DirectMessageData(
    Guid Id, Guid ConversationId, string Content, AuthorData Sender, AuthorData? Recipient, DateTime CreatedAt, DateTime? EditedAt, Guid? ReplyToId,
    IReadOnlyList<AttachmentData> Attachments, IReadOnlyList<ReactionData> Reactions, bool Pinned);
#pragma warning restore CS1591
