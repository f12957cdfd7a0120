using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// How two people stand with each other, read from the database: friends, blocked (either way), sharing a server.
/// The one place other features ask (direct messages ask whether one may write to another; presence asks who hears of a
/// change). Scoped.
/// </summary>
public sealed class Relationships(MeursDbContext db)
{
    /// <summary>True when <paramref name="userId"/> and <paramref name="otherId"/> are friends.</summary>
    public Task<bool> AreFriendsAsync(Guid userId, Guid otherId, CancellationToken cancellationToken) =>
        db.Friendships.AnyAsync(f => f.UserId == userId && f.FriendId == otherId, cancellationToken);

    /// <summary>True when <paramref name="blockerId"/> blocked <paramref name="blockedId"/>.</summary>
    public Task<bool> HasBlockedAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken) =>
        db.UserBlocks.AnyAsync(b => b.BlockerId == blockerId && b.BlockedId == blockedId, cancellationToken);

    /// <summary>True when either of the two blocked the other.</summary>
    public Task<bool> EitherBlockedAsync(Guid userId, Guid otherId, CancellationToken cancellationToken) =>
        db.UserBlocks.AnyAsync(b => (b.BlockerId == userId && b.BlockedId == otherId) || (b.BlockerId == otherId && b.BlockedId == userId), cancellationToken);

    /// <summary>True when the two are both members of at least one server.</summary>
    public Task<bool> ShareAServerAsync(Guid userId, Guid otherId, CancellationToken cancellationToken) =>
        db.ServerMembers.Where(m => m.UserId == userId)
            .Join(db.ServerMembers.Where(m => m.UserId == otherId), m => m.ServerId, o => o.ServerId, (m, _) => m.ServerId)
            .AnyAsync(cancellationToken);

    /// <summary>The ids of <paramref name="userId"/>'s friends.</summary>
    public async Task<IReadOnlyList<Guid>> FriendsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Friendships.Where(f => f.UserId == userId).Select(f => f.FriendId).ToListAsync(cancellationToken);

    /// <summary>The ids of the people <paramref name="userId"/> blocked.</summary>
    public async Task<IReadOnlyList<Guid>> BlockedByAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.UserBlocks.Where(b => b.BlockerId == userId).Select(b => b.BlockedId).ToListAsync(cancellationToken);

    /// <summary>
    /// The ids of everyone in a block with <paramref name="userId"/>, either way (whom they blocked and who blocked them):
    /// the people who must not see what they do as it happens, such as typing.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> BlocksWithAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.UserBlocks.Where(b => b.BlockerId == userId || b.BlockedId == userId)
            .Select(b => b.BlockerId == userId ? b.BlockedId : b.BlockerId).Distinct().ToListAsync(cancellationToken);

    /// <summary>
    /// Everyone who should hear of a change to <paramref name="userId"/>'s presence or profile: their friends and the
    /// members of every server they are in, without themselves.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AcquaintancesOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var friends = db.Friendships.Where(f => f.UserId == userId).Select(f => f.FriendId);
        var servers = db.ServerMembers.Where(m => m.UserId == userId).Select(m => m.ServerId);
        var members = db.ServerMembers.Where(m => servers.Contains(m.ServerId)).Select(m => m.UserId);
        var ids = await friends.Union(members).Distinct().ToListAsync(cancellationToken);
        ids.Remove(userId);
        return ids;
    }
}
