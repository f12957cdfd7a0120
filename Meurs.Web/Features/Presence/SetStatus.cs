using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Presence;

/// <summary>
/// Saves the status a person chose (online, idle, do not disturb, invisible) and applies it at once to what they show.
/// The choice outlives their connections: it is what they show next time they connect. Scoped.
/// </summary>
public sealed class SetStatus(MeursDbContext db, UserPresence presence)
{
    /// <summary>Sets <paramref name="userId"/>'s chosen status; false when there is no such account.</summary>
    public async Task<bool> HandleAsync(Guid userId, PresenceStatus status, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status));
        }
        var changed = await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, status), cancellationToken);
        if (changed == 0)
        {
            return false;
        }
        await presence.ChoseAsync(userId, status);
        return true;
    }
}
