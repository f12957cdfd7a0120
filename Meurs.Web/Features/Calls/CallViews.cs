using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>The one view of <see cref="CallParticipantsChanged"/>: the <c>#call</c> list (<see cref="RoomCallList"/>); nothing for programs.</summary>
public sealed class CallParticipantsChangedView(FragmentRenderer renderer) : IEventView<CallParticipantsChanged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(CallParticipantsChanged e) =>
    [
        HtmxSwap.Message(
            await renderer.RenderAsync<RoomCallList>(new Dictionary<string, object?> { [nameof(RoomCallList.Participants)] = e.Participants }),
            "#call", "outerHTML"),
    ];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(CallParticipantsChanged e) => [];
}

/// <summary>
/// The one view of <see cref="CallShown"/>: as <see cref="CallParticipantsChanged"/> for pages. A call socket whose
/// person is already in the call (their newer connection replacing the older) gets <c>voice.members</c> then the
/// <c>participants</c> list; one arriving gets nothing here, because it is not in the list yet: its arrival's
/// <see cref="VoiceMembersListed"/> and <see cref="ParticipantsListed"/> follow at once, naming it (the Chat clients
/// expect <c>voice.members</c> first, with themselves in it).
/// </summary>
public sealed class CallShownView(CallParticipantsChangedView pages) : IEventView<CallShown>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(CallShown e) => pages.HtmxAsync(new CallParticipantsChanged(e.Participants));

    /// <inheritdoc />
    public IReadOnlyList<string> Json(CallShown e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Participants.Any(p => p.UserId == e.You) ? [VoiceJson.MembersEnvelope(e.Participants), CallJson.Participants(e.Participants, e.You)] : [];
    }
}

/// <summary>The one view of <see cref="ParticipantsListed"/>: <c>{"type":"participants","you","participants"}</c>.</summary>
public sealed class ParticipantsListedView : IEventView<ParticipantsListed>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(ParticipantsListed e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ParticipantsListed e) => [CallJson.Participants(e.Participants, e.You)];
}

/// <summary>The one view of <see cref="SubscribeOffered"/>: <c>{"type":"subscribe-offer","sdp","tracks"}</c>.</summary>
public sealed class SubscribeOfferedView : IEventView<SubscribeOffered>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(SubscribeOffered e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SubscribeOffered e) => [CallJson.SubscribeOffer(e.Sdp, e.Tracks)];
}

/// <summary>The one view of <see cref="SpeakingChanged"/>: <c>{"type":"speaking","users"}</c>.</summary>
public sealed class SpeakingChangedView : IEventView<SpeakingChanged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(SpeakingChanged e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SpeakingChanged e) => [CallJson.Speaking(e.Users)];
}
