using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Joins a session as a guest: by its invite code (any case), or, for a session inside a call, by its id for anyone who
/// may be in that call (<see cref="ListenStanding.InCall"/>). A member joining again is answered as a join. 404 an
/// unknown or ended session, a malformed code, or an id one may not join.
/// </summary>
public sealed class JoinSession(MeursDbContext db, ListenGate gate, ViewSession view)
{
    /// <summary>Joins the open session whose code is <paramref name="code"/>.</summary>
    public async Task<ListenResult<ListenView>> ByCodeAsync(ChannelUser actor, string code, CancellationToken cancellationToken)
    {
        var normalized = SessionCode.Normalize(code);
        var sessionId = normalized is null ? (Guid?)null
            : await db.ListenSessions.Where(s => s.Code == normalized && s.EndedAt == null).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (sessionId is null)
        {
            return ListenRefusal.NotFound("There is no open listening session with that code.");
        }
        return await JoinAsync(actor, sessionId.Value, byCode: true, cancellationToken);
    }

    /// <summary>Joins session <paramref name="sessionId"/>, which plays inside a call <paramref name="actor"/> may be in.</summary>
    public Task<ListenResult<ListenView>> ByIdAsync(ChannelUser actor, Guid sessionId, CancellationToken cancellationToken) =>
        JoinAsync(actor, sessionId, byCode: false, cancellationToken);

    private async Task<ListenResult<ListenView>> JoinAsync(ChannelUser actor, Guid sessionId, bool byCode, CancellationToken cancellationToken)
    {
        var joined = await gate.ChangeAsVisitorAsync<ListenDone>(sessionId, actor, change =>
        {
            var standing = change.Standing!;
            if (standing.IsMember)
            {
                return Task.FromResult<ListenResult<ListenDone>>(ListenDone.Value);
            }
            if (!byCode && !standing.InCall)
            {
                return Task.FromResult<ListenResult<ListenDone>>(ListenRefusal.From(ListenAccess.NotFound));
            }
            change.Db.ListenMembers.Add(new ListenMember { SessionId = sessionId, UserId = actor.Id, Role = ListenRole.Guest, JoinedAt = change.NowUtc });
            change.Log("member.joined", actor.Name);
            change.ListenersChanged();
            return Task.FromResult<ListenResult<ListenDone>>(ListenDone.Value);
        }, cancellationToken);
        return joined.IsOk ? await view.HandleAsync(actor, sessionId, cancellationToken) : joined.Refusal!;
    }
}
