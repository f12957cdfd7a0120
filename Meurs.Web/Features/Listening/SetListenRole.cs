using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Promotes a guest to co-host or demotes a co-host to guest (<see cref="ListenPowers.ChangesRole"/>): for the host and
/// co-hosts; nobody becomes host and the host's role never changes (400); 404 someone who is not a member.
/// </summary>
public sealed class SetListenRole(ListenGate gate)
{
    /// <summary>Gives member <paramref name="userId"/> <paramref name="role"/>; returns it.</summary>
    public Task<ListenResult<ListenRole>> HandleAsync(ChannelUser actor, Guid sessionId, Guid userId, ListenRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return gate.ChangeAsync<ListenRole>(sessionId, actor, ListenPower.Manage, async change =>
        {
            var member = await change.Db.ListenMembers.FirstOrDefaultAsync(m => m.SessionId == sessionId && m.UserId == userId, cancellationToken);
            if (member is null)
            {
                return ListenRefusal.NotFound("That person is not in this session.");
            }
            if (!ListenPowers.ChangesRole(change.Role, member.Role, role))
            {
                return ListenRefusal.BadInput(member.Role == ListenRole.Host ? "The host's role cannot change." : "A session has one host; make them a co-host instead.");
            }
            if (member.Role != role)
            {
                member.Role = role;
                var name = await change.Db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
                change.Log("role.changed", $"{name} is now {ListenJson.Role(role)}");
                change.ListenersChanged();
            }
            return role;
        }, cancellationToken);
    }
}
