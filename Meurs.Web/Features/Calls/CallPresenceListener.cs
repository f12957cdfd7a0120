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
        // The newcomer first gets the list with themselves in it (their snapshot came before they were present).
        await AnnounceAsync(channel, participants => [(new VoiceMembersListed(participants), Audience.ToUsers(member.UserId))], participants =>
        {
            var others = participants.Where(p => p.UserId != member.UserId).Select(p => p.UserId).ToArray();
            return participants.FirstOrDefault(p => p.UserId == member.UserId) is { } joined && others.Length > 0
                ? [(new VoiceMemberJoined(joined), Audience.ToUsers(others))]
                : [];
        });
    }

    /// <inheritdoc />
    public async Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose)
    {
        ArgumentNullException.ThrowIfNull(member);
        await AnnounceAsync(channel, None, _ => [(new VoiceMemberLeft(member.UserId, member.UserName), Audience.Subscribers)]);
    }

    /// <inheritdoc />
    public async Task StateChangedAsync(ChannelId channel, PresentMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        await AnnounceAsync(channel, None, participants =>
            participants.FirstOrDefault(p => p.UserId == member.UserId) is { } changed ? [(new VoiceStateChanged(changed), Audience.Subscribers)] : []);
    }

    private static IEnumerable<(RealtimeEvent, Audience)> None(IReadOnlyList<CallParticipant> participants) => [];

    // Read and published under the call's gate: two changes racing never leave anyone with the older list last.
    // The events of before come ahead of the lists, those of after behind them.
    private async Task AnnounceAsync(ChannelId channel, Func<IReadOnlyList<CallParticipant>, IEnumerable<(RealtimeEvent Event, Audience Audience)>> before,
        Func<IReadOnlyList<CallParticipant>, IEnumerable<(RealtimeEvent Event, Audience Audience)>> after)
    {
        await hub.WriteAsync(channel, write =>
        {
            var participants = CallParticipant.From(presence.Present(channel));
            foreach (var (e, audience) in before(participants))
            {
                write.Publish(e, audience);
            }
            write.Publish(new CallParticipantsChanged(participants));
            foreach (var participant in participants)
            {
                write.Publish(new ParticipantsListed(participants, participant.UserId), Audience.ToUsers(participant.UserId));
            }
            foreach (var (e, audience) in after(participants))
            {
                write.Publish(e, audience);
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
