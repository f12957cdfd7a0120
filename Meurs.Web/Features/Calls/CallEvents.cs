using System.Net.WebSockets;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>Who is in the call now and what they send: for the pages of the channel the call is attached to (the <c>#call</c> list).</summary>
/// <param name="Participants">In joining order.</param>
public sealed record CallParticipantsChanged(IReadOnlyList<CallParticipant> Participants) : RealtimeEvent;

/// <summary>The participant list as one participant gets it on the call socket, with <paramref name="You"/> saying who they are.</summary>
/// <param name="Participants">In joining order.</param>
/// <param name="You">The receiving participant's user id.</param>
public sealed record ParticipantsListed(IReadOnlyList<CallParticipant> Participants, Guid You) : RealtimeEvent;

/// <summary>What a connection arriving on a call's channel sees: who is in it (a page gets the <c>#call</c> list; a call socket the list with itself named).</summary>
/// <param name="Participants">In joining order.</param>
/// <param name="You">The receiver's user id.</param>
public sealed record CallShown(IReadOnlyList<CallParticipant> Participants, Guid You) : RealtimeEvent;

/// <summary>Our offer for one participant's subscribe connection, and whose track each live mid carries.</summary>
/// <param name="Sdp">The offer (RFC 8866, JSEP).</param>
/// <param name="Tracks">The live mids.</param>
public sealed record SubscribeOffered(string Sdp, IReadOnlyList<CallJson.TrackInfo> Tracks) : RealtimeEvent;

/// <summary>The set of people speaking changed (from the SFU's audio levels, RFC 6464).</summary>
/// <param name="Users">Their user ids.</param>
public sealed record SpeakingChanged(IReadOnlyList<Guid> Users) : RealtimeEvent;

/// <summary>The call ended because the channel it was attached to ended; every call socket is closed normally.</summary>
public sealed record CallEnded : RealtimeEvent
{
    /// <inheritdoc />
    public override WebSocketCloseStatus? CloseAfter => WebSocketCloseStatus.NormalClosure;
}
