using Meurs.Web.Features.Servers;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>One conversation as one person's list shows it.</summary>
/// <param name="ChannelId">The conversation's channel (<c>/dms/{id}</c>).</param>
/// <param name="Type"><see cref="ChannelType.DirectMessage"/> or <see cref="ChannelType.GroupDirectMessage"/>.</param>
/// <param name="Title">A group's name; for a one-to-one conversation the other person's username.</param>
/// <param name="People">The other participants: id and username, by username.</param>
/// <param name="LastActivity">When its newest message was sent, or when it was started while it has none (UTC).</param>
/// <param name="Unread">Messages by others newer than the last one this person read.</param>
public sealed record ConversationSummary(Guid ChannelId, ChannelType Type, string Title, IReadOnlyList<ConversationPerson> People, DateTime LastActivity, int Unread)
{
    /// <summary>True for a group conversation.</summary>
    public bool IsGroup => Type == ChannelType.GroupDirectMessage;
}

/// <summary>A participant of a conversation.</summary>
/// <param name="Id">Their id.</param>
/// <param name="UserName">Their username.</param>
public sealed record ConversationPerson(Guid Id, string UserName);

/// <summary>One person's conversations, most recently active first, and their unread direct messages in all.</summary>
/// <param name="Conversations">The conversations.</param>
public sealed record Inbox(IReadOnlyList<ConversationSummary> Conversations)
{
    /// <summary>Unread messages over every conversation: the navigation's badge.</summary>
    public int TotalUnread => Conversations.Sum(c => c.Unread);

    /// <summary>No conversations.</summary>
    public static Inbox Empty { get; } = new([]);
}
