using Meurs.Web.Features.Friends;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Whether one person may write to another in a one-to-one conversation now: the one rule that opening a new
/// conversation (<see cref="OpenDirectConversation"/>) and sending in an existing one (<see cref="DirectMessageSendRule"/>)
/// both apply, so a conversation begun while two people were friends or shared a server closes when that ends, as
/// Discord's does. In order: a block either way (403 <c>blocked</c>, saying who blocked whom); a recipient who accepts
/// direct messages from friends only (403 <c>friends_only</c>); neither friends nor sharing a server (403
/// <c>not_acquainted</c>). Group conversations do not ask it. Scoped.
/// </summary>
public sealed class DirectMessageRule(Relationships relationships)
{
    /// <summary>Code of the refusal when the recipient accepts direct messages from friends only.</summary>
    public const string FriendsOnlyCode = "friends_only";

    /// <summary>Code of the refusal when the two are neither friends nor members of a common server.</summary>
    public const string NotAcquaintedCode = "not_acquainted";

    /// <summary>
    /// Why <paramref name="userId"/> may not send a direct message to <paramref name="recipient"/> now, or null when
    /// they may (see the class for the order and codes).
    /// </summary>
    public async Task<RealtimeRefusal?> RefusalAsync(Guid userId, DirectMessageRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (await BlockRefusalAsync(userId, recipient, cancellationToken) is { } blocked)
        {
            return blocked;
        }
        if (await relationships.AreFriendsAsync(userId, recipient.Id, cancellationToken))
        {
            return null;
        }
        if (recipient.FromFriendsOnly)
        {
            return new RealtimeRefusal(FriendsOnlyCode, $"{recipient.Name} accepts direct messages from friends only.", StatusCodes.Status403Forbidden);
        }
        return await relationships.ShareAServerAsync(userId, recipient.Id, cancellationToken)
            ? null
            : new RealtimeRefusal(NotAcquaintedCode, $"You can message {recipient.Name} only while you are friends or share a server.", StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// Why <paramref name="userId"/> may not write to <paramref name="recipient"/> because of a block, or null: 403
    /// <c>blocked</c>, saying whether they blocked you or you blocked them. Alone, it guards an existing conversation's
    /// opening (its history stays readable to both unless one blocked the other).
    /// </summary>
    public async Task<RealtimeRefusal?> BlockRefusalAsync(Guid userId, DirectMessageRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (await relationships.HasBlockedAsync(recipient.Id, userId, cancellationToken))
        {
            return new RealtimeRefusal("blocked", $"You cannot send messages to {recipient.Name}: they have blocked you.", StatusCodes.Status403Forbidden);
        }
        if (await relationships.HasBlockedAsync(userId, recipient.Id, cancellationToken))
        {
            return new RealtimeRefusal("blocked", $"You blocked {recipient.Name}; unblock them to send messages.", StatusCodes.Status403Forbidden);
        }
        return null;
    }
}
