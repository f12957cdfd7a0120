using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>Denies a guest's pending request, with an optional reason (at most 200 characters); nothing else changes. As <see cref="ApproveRequest"/> for who and when.</summary>
public sealed class DenyRequest(RequestDecisions decisions)
{
    /// <summary>Denies <paramref name="requestId"/> (through <paramref name="throughSession"/>'s socket when given).</summary>
    public Task<ListenResult<RequestUpdated>> HandleAsync(ChannelUser actor, Guid requestId, Guid? throughSession, string? reason, CancellationToken cancellationToken) =>
        decisions.DecideAsync(actor, requestId, throughSession, ListenRequestStatus.Denied, reason, (_, _, _) => Task.FromResult<ListenRefusal?>(null), cancellationToken);
}
