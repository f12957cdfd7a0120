namespace Meurs.Web.Features.DirectMessages;

/// <summary>Who a direct message would go to, as <see cref="DirectMessageRule"/> needs them.</summary>
/// <param name="Id">Their user id.</param>
/// <param name="Name">Their username, for the refusal's text.</param>
/// <param name="FromFriendsOnly">True when they accept direct messages from friends only (<c>DirectMessagesFromFriendsOnly</c>).</param>
public sealed record DirectMessageRecipient(Guid Id, string Name, bool FromFriendsOnly);
