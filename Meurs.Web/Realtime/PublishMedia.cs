namespace Meurs.Web.Realtime;

/// <summary>
/// The question a voice session asks the policy of the channel it is attached to before it accepts a participant's
/// published media (voice, webcam, screen): may this person speak there? Someone who may attach but not publish listens
/// and watches only. Asked through <see cref="IChannelPolicy.AuthorizeCommandAsync"/>.
/// </summary>
public sealed record PublishMedia
{
    /// <summary>The one instance.</summary>
    public static PublishMedia Instance { get; } = new();
}
