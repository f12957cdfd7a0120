namespace Meurs.Web.Features.Messages;

/// <summary>
/// A message as it is shown and sent: the stored row with its attachments, reactions and mentions loaded, and the quote
/// of the message it replies to (null when it replies to none, or to one deleted since).
/// </summary>
/// <param name="Message">The message, with its lists loaded.</param>
/// <param name="ReplyTo">The quoted message, or null.</param>
public sealed record ChannelMessage(Message Message, ReplyQuote? ReplyTo)
{
    /// <summary>The element id of a message in the page: <c>m-{id}</c> (id in "N" format).</summary>
    public static string ElementId(Guid messageId) => "m-" + messageId.ToString("N");

    /// <summary>The reactions grouped by emoji, in order of each emoji's first reaction.</summary>
    public IReadOnlyList<ReactionGroup> Reactions =>
        [.. Message.Reactions.OrderBy(r => r.CreatedAt).GroupBy(r => r.Emoji, StringComparer.Ordinal)
            .Select(g => new ReactionGroup(g.Key, [.. g.Select(r => new ReactionUser(r.UserId, r.UserName))]))];
}

/// <summary>The start of a replied-to message, as a reply shows it.</summary>
/// <param name="Id">The quoted message's id.</param>
/// <param name="AuthorId">Its author, or null for a deleted account.</param>
/// <param name="AuthorName">Its author's name.</param>
/// <param name="Excerpt">Its first <see cref="MaxExcerptLength"/> characters (markdown, shown as plain text).</param>
public sealed record ReplyQuote(Guid Id, Guid? AuthorId, string AuthorName, string Excerpt)
{
    /// <summary>Longest excerpt, in characters.</summary>
    public const int MaxExcerptLength = 100;

    /// <summary>The quote of <paramref name="message"/>.</summary>
    public static ReplyQuote Of(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Content.ReplaceLineEndings(" ");
        if (text.Length > MaxExcerptLength)
        {
            // Never cut a surrogate pair in two.
            var cut = char.IsHighSurrogate(text[MaxExcerptLength - 1]) ? MaxExcerptLength - 1 : MaxExcerptLength;
            text = text[..cut] + "…";
        }
        return new ReplyQuote(message.Id, message.AuthorId, message.AuthorName, text);
    }
}

/// <summary>One emoji's reactions on a message.</summary>
/// <param name="Emoji">The emoji.</param>
/// <param name="Users">Who reacted with it, first first.</param>
public sealed record ReactionGroup(string Emoji, IReadOnlyList<ReactionUser> Users);

/// <summary>Someone who reacted.</summary>
/// <param name="Id">Their id.</param>
/// <param name="UserName">Their username.</param>
public sealed record ReactionUser(Guid Id, string UserName);
