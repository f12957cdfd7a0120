namespace Meurs.Web.Realtime;

/// <summary>
/// The question a voice session asks the policy of the channel it would attach to (a room, a voice channel, a DM):
/// may this person be in the call of that channel? Asked through <see cref="IChannelPolicy.AuthorizeCommandAsync"/>.
/// </summary>
public sealed record AttachVoiceSession
{
    /// <summary>The one instance.</summary>
    public static AttachVoiceSession Instance { get; } = new();
}
