using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>What a message use case answers: the message as it is now, or why it was refused (its <see cref="RealtimeRefusal.Status"/> is the HTTP status).</summary>
/// <param name="Message">The message, or null when refused (or when the action leaves none, as a delete).</param>
/// <param name="Refusal">Why it was refused, or null.</param>
public sealed record MessageOutcome(ChannelMessage? Message, RealtimeRefusal? Refusal)
{
    /// <summary>Refused.</summary>
    public static MessageOutcome Refused(RealtimeRefusal refusal) => new(null, refusal);

    /// <summary>404 for a message that is not in the channel.</summary>
    public static RealtimeRefusal MessageNotFound { get; } = RealtimeRefusal.NotFound("Message not found");
}

/// <summary>The rules of a message's text.</summary>
public static class MessageText
{
    /// <summary>Why <paramref name="content"/> cannot be a message's text (empty is allowed only with <paramref name="hasFiles"/>), or null.</summary>
    public static RealtimeRefusal? Check(string? content, bool hasFiles)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return hasFiles ? null : new RealtimeRefusal("empty_message", "Type a message or attach a file before sending.");
        }
        if (content.Length > Message.MaxContentLength)
        {
            return new RealtimeRefusal("message_too_long", $"Messages are limited to {Message.MaxContentLength:N0} characters; this one has {content.Length:N0}.");
        }
        for (var i = 0; i < content.Length; i++)
        {
            if (char.IsHighSurrogate(content[i]) && i + 1 < content.Length && char.IsLowSurrogate(content[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(content[i]))
            {
                return new RealtimeRefusal("bad_request", "The text has invalid Unicode (an unpaired surrogate).");
            }
            else if (content[i] == '\0')
            {
                return new RealtimeRefusal("bad_request", "The text contains a NUL character.");
            }
        }
        return null;
    }
}
