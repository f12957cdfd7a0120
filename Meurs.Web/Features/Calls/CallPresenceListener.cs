using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// Announces a call's participants whenever someone joins, leaves or changes their media state: the pages of the
/// attached channel get the <c>#call</c> list, and each participant gets the list with themselves named.
/// </summary>
public sealed class CallPresenceListener(RealtimeHub hub, PresenceService presence) : IPresenceListener
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Call;

    /// <inheritdoc />
    public Task ArrivedAsync(ChannelId channel, PresentMember member) => AnnounceAsync(channel);

    /// <inheritdoc />
    public Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose) => AnnounceAsync(channel);

    /// <inheritdoc />
    public Task StateChangedAsync(ChannelId channel, PresentMember member) => AnnounceAsync(channel);

    // Read and published under the call's gate: two changes racing never leave anyone with the older list last.
    private Task<bool> AnnounceAsync(ChannelId channel) =>
        hub.WriteAsync(channel, write =>
        {
            var participants = CallParticipant.From(presence.Present(channel));
            write.Publish(new CallParticipantsChanged(participants));
            foreach (var participant in participants)
            {
                write.Publish(new ParticipantsListed(participants, participant.UserId), Audience.ToUsers(participant.UserId));
            }
            return Task.FromResult(true);
        });
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

/// <summary>A call ends with the channel it is attached to (a room closing ends its call).</summary>
public sealed class EndCallWithChannel(RealtimeHub hub, PresenceService presence) : IEventObserver<ChannelEnded>
{
    /// <inheritdoc />
    public async Task OnEventAsync(ChannelId channel, ChannelEnded e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Channel.Kind != ChannelKind.Room)
        {
            return;
        }
        var call = ChannelId.Call(e.Channel.Id);
        presence.Forget(call);
        await hub.PublishAsync(call, new CallEnded());
    }
}
