using Meurs.Web.Realtime;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>What a conversation use case answers: the conversation's channel id, or why it was refused (its <see cref="RealtimeRefusal.Status"/> is the HTTP status).</summary>
/// <param name="ChannelId">The conversation's channel, or null when refused.</param>
/// <param name="Refusal">Why it was refused, or null.</param>
public sealed record ConversationOutcome(Guid? ChannelId, RealtimeRefusal? Refusal)
{
    /// <summary>Refused.</summary>
    public static ConversationOutcome Refused(RealtimeRefusal refusal) => new(null, refusal);

    /// <summary>Done, in <paramref name="channelId"/>.</summary>
    public static ConversationOutcome Ok(Guid channelId) => new(channelId, null);

    /// <summary>404 for a conversation that does not exist or that the person is not in.</summary>
    public static RealtimeRefusal NotFound { get; } = RealtimeRefusal.NotFound("Conversation not found");

    /// <summary>404 for a person who does not exist.</summary>
    public static RealtimeRefusal UserNotFound { get; } = RealtimeRefusal.NotFound("User not found");
}
