using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>Who is in the call, as the person who just joined it gets it first (the Chat system's <c>voice.members</c>).</summary>
/// <param name="Participants">In joining order, the newcomer last.</param>
public sealed record VoiceMembersListed(IReadOnlyList<CallParticipant> Participants) : RealtimeEvent;

/// <summary>Someone joined the call: for the others in it (the Chat system's <c>voice.user_joined</c>).</summary>
/// <param name="Participant">Who, with their media state.</param>
public sealed record VoiceMemberJoined(CallParticipant Participant) : RealtimeEvent;

/// <summary>Someone left the call (closed their socket, was replaced by nobody, or lost the right to be in it): <c>voice.user_left</c>.</summary>
/// <param name="UserId">Who.</param>
/// <param name="UserName">Their username.</param>
public sealed record VoiceMemberLeft(Guid UserId, string UserName) : RealtimeEvent;

/// <summary>A participant's media state changed: <c>voice.state_changed</c>.</summary>
/// <param name="Participant">Who, with their new state.</param>
public sealed record VoiceStateChanged(CallParticipant Participant) : RealtimeEvent;

/// <summary>
/// Who is in a server voice channel now and their states, published on the channel's server
/// (<see cref="ChannelId.Server"/>) whenever someone joins, leaves or changes state, so the channel list shows it live.
/// </summary>
/// <param name="ServerId">The server.</param>
/// <param name="ChannelId">The voice channel.</param>
/// <param name="Participants">In joining order; empty when nobody is left.</param>
public sealed record VoiceChannelStatesChanged(Guid ServerId, Guid ChannelId, IReadOnlyList<CallParticipant> Participants) : RealtimeEvent;
