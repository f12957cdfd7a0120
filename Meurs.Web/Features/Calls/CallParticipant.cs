namespace Meurs.Web.Features.Calls;

/// <summary>One person in a call: one connection of theirs (a second one replaces the first) and its media state.</summary>
/// <param name="UserId">Their account id.</param>
/// <param name="UserName">Their username.</param>
/// <param name="ConnectionId">The <see cref="Realtime.SocketConnection.Id"/> that is in the call for them.</param>
/// <param name="State">What they send and receive.</param>
/// <param name="JoinedAt">When they joined (UTC); the call lists people in this order.</param>
public sealed record CallParticipant(Guid UserId, string UserName, Guid ConnectionId, CallMediaState State, DateTime JoinedAt);
