using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// Announces a call's participants whenever someone joins, leaves or changes their media state: the pages of the
/// attached channel get the <c>#call</c> list, each participant gets the list with themselves named, the call's
/// programs get the Chat system's <see cref="VoiceMemberJoined"/> (to the others), <see cref="VoiceMemberLeft"/> and
/// <see cref="VoiceStateChanged"/>, and a server voice channel's server gets <see cref="VoiceChannelStatesChanged"/>.
/// </summary>
public sealed class CallPresenceListener(RealtimeHub hub, PresenceService presence, VoiceChannelStates voiceStates) : IPresenceListener
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Call;

    /// <inheritdoc />
    public async Task ArrivedAsync(ChannelId channel, PresentMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        await AnnounceAsync(channel, participants =>
        {
            var others = participants.Where(p => p.UserId != member.UserId).Select(p => p.UserId).ToArray();
            var joined = participants.FirstOrDefault(p => p.UserId == member.UserId);
            return joined is null || others.Length == 0 ? null : (new VoiceMemberJoined(joined), Audience.ToUsers(others));
        });
    }

    /// <inheritdoc />
    public async Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose)
    {
        ArgumentNullException.ThrowIfNull(member);
        await AnnounceAsync(channel, _ => (new VoiceMemberLeft(member.UserId, member.UserName), Audience.Subscribers));
    }

    /// <inheritdoc />
    public async Task StateChangedAsync(ChannelId channel, PresentMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        await AnnounceAsync(channel, participants =>
            participants.FirstOrDefault(p => p.UserId == member.UserId) is { } changed ? (new VoiceStateChanged(changed), Audience.Subscribers) : null);
    }

    // Read and published under the call's gate: two changes racing never leave anyone with the older list last.
    private async Task AnnounceAsync(ChannelId channel, Func<IReadOnlyList<CallParticipant>, (RealtimeEvent Event, Audience Audience)?> voiceEvent)
    {
        await hub.WriteAsync(channel, write =>
        {
            var participants = CallParticipant.From(presence.Present(channel));
            write.Publish(new CallParticipantsChanged(participants));
            foreach (var participant in participants)
            {
                write.Publish(new ParticipantsListed(participants, participant.UserId), Audience.ToUsers(participant.UserId));
            }
            if (voiceEvent(participants) is { } voice)
            {
                write.Publish(voice.Event, voice.Audience);
            }
            return Task.FromResult(true);
        });
        // After the call's gate: the server's channel has its own.
        await voiceStates.PublishAsync(channel);
    }
}

/// <summary>Gives connections that arrive the call's current participants (the call kind keeps no history).</summary>
public sealed class CallLog(PresenceService presence) : IChannelLog
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Call;

    /// <inheritdoc />
    public Task<long> LastSeqAsync(ChannelId channel, CancellationToken cancellationToken) => Task.FromResult(0L);

    /// <inheritdoc />
    public Task<RealtimeEvent?> SnapshotAsync(ChannelId channel, ChannelUser viewer, long? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return Task.FromResult<RealtimeEvent?>(new CallShown(CallParticipant.From(presence.Present(channel)), viewer.Id));
    }
}

/// <summary>A call ends with the channel it is attached to (a room closing, a voice channel deleted, ends its call).</summary>
public sealed class EndCallWithChannel(RealtimeHub hub, PresenceService presence, VoiceChannelStates voiceStates) : IEventObserver<ChannelEnded>
{
    /// <inheritdoc />
    public async Task OnEventAsync(ChannelId channel, ChannelEnded e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // The call of that id, if the channel that ended is the one it is attached to (a text channel has none).
        var call = ChannelId.Call(e.Channel.Id);
        if (CallChannelPolicy.AttachedTo(call) != e.Channel)
        {
            return;
        }
        presence.Forget(call);
        await hub.PublishAsync(call, new CallEnded());
        // A voice channel's list shows nobody in it any more (when the channel itself still exists).
        await voiceStates.PublishAsync(call);
    }
}
