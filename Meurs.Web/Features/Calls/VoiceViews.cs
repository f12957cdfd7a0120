using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>The one view of <see cref="VoiceMembersListed"/>: <c>voice.members [VoiceMember]</c> for programs; nothing for pages.</summary>
public sealed class VoiceMembersListedView : IEventView<VoiceMembersListed>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(VoiceMembersListed e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(VoiceMembersListed e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [VoiceJson.MembersEnvelope(e.Participants)];
    }
}

/// <summary>The one view of <see cref="VoiceMemberJoined"/>: <c>voice.user_joined</c> for programs; nothing for pages (they get <see cref="CallParticipantsChanged"/>).</summary>
public sealed class VoiceMemberJoinedView : IEventView<VoiceMemberJoined>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(VoiceMemberJoined e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(VoiceMemberJoined e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("voice.user_joined", VoiceJson.VoiceMember.Of(e.Participant))];
    }
}

/// <summary>The one view of <see cref="VoiceMemberLeft"/>: <c>voice.user_left {user_id, username}</c>; nothing for pages.</summary>
public sealed class VoiceMemberLeftView : IEventView<VoiceMemberLeft>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(VoiceMemberLeft e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(VoiceMemberLeft e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("voice.user_left", new VoiceJson.VoiceLeft(e.UserId, e.UserName))];
    }
}

/// <summary>The one view of <see cref="VoiceStateChanged"/>: <c>voice.state_changed</c>; nothing for pages.</summary>
public sealed class VoiceStateChangedView : IEventView<VoiceStateChanged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(VoiceStateChanged e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(VoiceStateChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var s = e.Participant.State;
        return [RealtimeJson.Envelope("voice.state_changed", new VoiceJson.VoiceState(e.Participant.UserId, s.Muted, s.Deafened, s.Screen, s.Camera))];
    }
}

/// <summary>
/// The one view of <see cref="VoiceChannelStatesChanged"/>: <c>voice.channel_states {channel_id, members}</c> for
/// programs on the server's socket; for pages the channel's <c>#voice-{id}</c> roster in the server page's channel list.
/// </summary>
public sealed class VoiceChannelStatesChangedView(FragmentRenderer renderer) : IEventView<VoiceChannelStatesChanged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(VoiceChannelStatesChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var roster = await renderer.RenderAsync<VoiceRoster>(new Dictionary<string, object?>
        {
            [nameof(VoiceRoster.ChannelId)] = e.ChannelId,
            [nameof(VoiceRoster.Participants)] = e.Participants,
        });
        // Server pages apply their channel list's changes from #server-patches (servers.js), so that a roster arriving
        // for a channel a page does not show is dropped quietly rather than swapped into nothing.
        var id = e.ChannelId.ToString("N", System.Globalization.CultureInfo.InvariantCulture);
        return [HtmxSwap.Message($"<div hidden data-patch=\"voice-{id}\">{roster}</div>", "#server-patches", "beforeend")];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(VoiceChannelStatesChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("voice.channel_states", new VoiceJson.ChannelStates(e.ChannelId, VoiceJson.Members(e.Participants)))];
    }
}
