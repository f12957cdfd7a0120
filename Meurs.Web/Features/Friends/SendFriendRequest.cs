using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Sends a friend request by username (case-insensitive). 400 an empty, too long or invalid name, or oneself; 404 no one
/// by that name; 403 when either blocked the other (one sentence whichever way, see <see cref="FriendRefusal.Blocked"/>);
/// 409 already friends, the same request pending, or theirs to the sender pending (accept theirs instead). Asking again
/// after a decline is allowed. Concurrent identical requests meet the unique index on the pair: one is stored, the other
/// gets 409. Tells the addressee (<c>friend_request.received</c>) and the sender's own tabs. Scoped.
/// </summary>
public sealed class SendFriendRequest(MeursDbContext db, Relationships relationships, ILookupNormalizer normalizer, FriendsNotifier notifier)
{
    /// <summary>Sends <paramref name="actorId"/>'s request to the person called <paramref name="username"/>.</summary>
    public async Task<FriendResult<FriendRequestInfo>> HandleAsync(Guid actorId, string? username, CancellationToken cancellationToken)
    {
        var name = username?.Trim() ?? "";
        if (name.Length == 0)
        {
            return FriendRefusal.BadInput("Enter the username of the person to add.");
        }
        if (name.Length > AccountRules.UsernameMaxLength)
        {
            return FriendRefusal.BadInput($"A username is at most {AccountRules.UsernameMaxLength} characters.");
        }
        if (!FriendText.IsValidUnicode(name))
        {
            return FriendRefusal.BadInput("The username has invalid Unicode (an unpaired surrogate).");
        }
        var normalized = normalizer.NormalizeName(name);
        var target = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new FriendPerson(u.Id, u.UserName ?? "", u.DisplayName)).FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return FriendRefusal.NotFound($"No one is called {name}. Check the username (not the display name).");
        }
        if (target.Id == actorId)
        {
            return FriendRefusal.BadInput("You cannot send a friend request to yourself.");
        }
        if (await relationships.EitherBlockedAsync(actorId, target.Id, cancellationToken))
        {
            return FriendRefusal.Blocked;
        }
        if (await relationships.AreFriendsAsync(actorId, target.Id, cancellationToken))
        {
            return FriendRefusal.Conflict($"You are already friends with {target.Name}.");
        }
        var pending = await db.FriendRequests.AsNoTracking()
            .Where(r => (r.FromId == actorId && r.ToId == target.Id) || (r.FromId == target.Id && r.ToId == actorId))
            .Select(r => r.FromId).ToListAsync(cancellationToken);
        if (pending.Contains(actorId))
        {
            return Duplicate(target);
        }
        if (pending.Contains(target.Id))
        {
            return FriendRefusal.Conflict($"{target.Name} already sent you a friend request: accept theirs instead.");
        }
        var request = new FriendRequest { FromId = actorId, ToId = target.Id };
        db.FriendRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same request sent at the same moment: the unique index on the pair kept the first one.
            db.ChangeTracker.Clear();
            return Duplicate(target);
        }
        var sender = await FriendPeople.FindAsync(db, actorId, cancellationToken);
        var info = new FriendRequestInfo(request.Id, sender, target, request.CreatedAt);
        await notifier.TellAsync(target.Id, snapshot => new FriendRequestReceived(info, snapshot));
        await notifier.TellAsync(actorId, snapshot => new FriendsChanged(snapshot));
        return info;
    }

    private static FriendRefusal Duplicate(FriendPerson target) =>
        FriendRefusal.Conflict($"You already sent {target.Name} a friend request.");
}
