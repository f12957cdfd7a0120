namespace Meurs.Web.Features.Calls;

/// <summary>One person in a call, as the call's presence (<see cref="Realtime.PresenceService"/>) keeps them.</summary>
/// <param name="UserId">Their account id.</param>
/// <param name="UserName">Their username.</param>
/// <param name="State">What they send and receive.</param>
/// <param name="JoinedAt">When they joined (UTC); the call lists people in this order.</param>
public sealed record CallParticipant(Guid UserId, string UserName, CallMediaState State, DateTime JoinedAt)
{
    /// <summary>The participants of a call from its presence, in joining order.</summary>
    public static IReadOnlyList<CallParticipant> From(IEnumerable<Realtime.PresentMember> present) =>
        [.. present.Select(p => new CallParticipant(p.UserId, p.UserName, p.State is CallMediaState s ? s : default, p.Since))];
}
