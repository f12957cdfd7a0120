using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// What approving and denying share: finding the request (404 unknown, of another session than the one asked through, or
/// of a session one may not see; 403 a guest), checking it is still pending (409 once decided), recording the decision
/// and publishing <c>request_update</c>. The <see cref="ListenRequest.Status"/> concurrency token makes a decision racing
/// another on a second node fail (409) rather than apply twice.
/// </summary>
public sealed class RequestDecisions(MeursDbContext db, ListenGate gate)
{
    /// <summary>
    /// Decides request <paramref name="requestId"/> for <paramref name="actor"/>: <paramref name="apply"/> runs first
    /// (for an approval, the change itself; a refusal leaves the request pending), then the request becomes
    /// <paramref name="decision"/> with <paramref name="reason"/>.
    /// </summary>
    public async Task<ListenResult<RequestUpdated>> DecideAsync(ChannelUser actor, Guid requestId, Guid? throughSession, ListenRequestStatus decision, string? reason,
        Func<ListenChange, ListenRequest, string, Task<ListenRefusal?>> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(apply);
        if (ListenText.Check(reason, "reason", ListenRequest.MaxReasonLength, required: false) is { } bad)
        {
            return bad;
        }
        var sessionId = await db.ListenRequests.Where(r => r.Id == requestId).Select(r => (Guid?)r.SessionId).FirstOrDefaultAsync(cancellationToken);
        if (sessionId is null || (throughSession is { } through && through != sessionId))
        {
            return NotFound;
        }
        return await gate.ChangeAsync<RequestUpdated>(sessionId.Value, actor, ListenPower.Manage, async change =>
        {
            var request = await change.Db.ListenRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
            if (request.Status != ListenRequestStatus.Pending)
            {
                return ListenRefusal.Conflict($"This request was {ListenJson.Status(request.Status)} already.");
            }
            var title = await TitleAsync(change, request, cancellationToken);
            if (await apply(change, request, title) is { } refusal)
            {
                return refusal;
            }
            request.Status = decision;
            request.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            request.DecidedBy = actor.Id;
            request.DecidedAt = change.NowUtc;
            var requester = await change.Db.Users.Where(u => u.Id == request.RequesterId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "";
            change.Log(decision == ListenRequestStatus.Approved ? "request.approved" : "request.denied",
                $"{ListenJson.Kind(request.Kind)} {title} from {requester}{(request.Reason is { } r ? ": " + r : "")}");
            var update = new RequestUpdated(request, requester, title);
            change.Publish(update);
            return update;
        }, cancellationToken);
    }

    /// <summary>The refusal for a request one may not see.</summary>
    public static ListenRefusal NotFound { get; } = ListenRefusal.NotFound("Request not found");

    private static async Task<string> TitleAsync(ListenChange change, ListenRequest request, CancellationToken cancellationToken)
    {
        var mediaId = request.MediaId ?? await change.Db.QueueItems.Where(i => i.Id == request.ItemId).Select(i => (Guid?)i.MediaId).FirstOrDefaultAsync(cancellationToken);
        return mediaId is { } id ? await QueueEdits.TitleAsync(change, id, cancellationToken) : ListenPlaylist.MissingTitle;
    }
}
