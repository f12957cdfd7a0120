using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The Chat system's voice messages, as <see cref="RealtimeJson.Envelope"/>s <c>{"type","data"}</c> in snake_case, on
/// <c>/api/ws/voice/{channel_id}</c> (and, ignored by its page script, on <c>/ws/voice/{id}</c>):
/// <list type="bullet">
/// <item><c>voice.members</c>: <c>[VoiceMember]</c>, first on connecting;</item>
/// <item><c>voice.user_joined</c>: a <see cref="VoiceMember"/>, to the others;</item>
/// <item><c>voice.user_left</c>: <c>{user_id, username}</c>;</item>
/// <item><c>voice.state_changed</c>: <c>{user_id, is_muted, is_deafened, is_sharing_screen, is_sharing_webcam}</c>;</item>
/// <item><c>voice.channel_states</c> on <c>/api/ws/servers/…</c>: <c>{channel_id, members: [VoiceMember]}</c>.</item>
/// </list>
/// </summary>
public static class VoiceJson
{
    /// <summary>One person in a voice channel, as <c>GET /api/channels/{id}/voice/members</c> and the envelopes list them.</summary>
    /// <param name="UserId">Their account id.</param>
    /// <param name="Username">Their username.</param>
    /// <param name="IsMuted">True when their microphone sends nothing (always when deafened).</param>
    /// <param name="IsDeafened">True when they receive no audio.</param>
    /// <param name="IsSharingScreen">True when they share a screen.</param>
    /// <param name="IsSharingWebcam">True when their camera is on.</param>
    public sealed record VoiceMember(Guid UserId, string Username, bool IsMuted, bool IsDeafened, bool IsSharingScreen, bool IsSharingWebcam)
    {
        /// <summary>A call participant in this shape.</summary>
        public static VoiceMember Of(CallParticipant participant)
        {
            ArgumentNullException.ThrowIfNull(participant);
            return new(participant.UserId, participant.UserName, participant.State.Muted, participant.State.Deafened, participant.State.Screen, participant.State.Camera);
        }
    }

    /// <summary>A change of state: <c>{user_id, is_muted, is_deafened, is_sharing_screen, is_sharing_webcam}</c>.</summary>
    /// <param name="UserId">Whose.</param>
    /// <param name="IsMuted">True when muted.</param>
    /// <param name="IsDeafened">True when deafened.</param>
    /// <param name="IsSharingScreen">True when sharing a screen.</param>
    /// <param name="IsSharingWebcam">True when their camera is on.</param>
    public sealed record VoiceState(Guid UserId, bool IsMuted, bool IsDeafened, bool IsSharingScreen, bool IsSharingWebcam);

    /// <summary>Someone left: <c>{user_id, username}</c>.</summary>
    /// <param name="UserId">Who.</param>
    /// <param name="Username">Their username.</param>
    public sealed record VoiceLeft(Guid UserId, string Username);

    /// <summary>A voice channel's people: <c>{channel_id, members}</c>.</summary>
    /// <param name="ChannelId">The voice channel.</param>
    /// <param name="Members">In joining order.</param>
    public sealed record ChannelStates(Guid ChannelId, IReadOnlyList<VoiceMember> Members);

    /// <summary>The call's people in the API's shape.</summary>
    public static IReadOnlyList<VoiceMember> Members(IEnumerable<CallParticipant> participants) => [.. participants.Select(VoiceMember.Of)];

    /// <summary><c>{"type":"voice.members","data":[…]}</c>.</summary>
    public static string MembersEnvelope(IEnumerable<CallParticipant> participants) => RealtimeJson.Envelope("voice.members", Members(participants));
}
