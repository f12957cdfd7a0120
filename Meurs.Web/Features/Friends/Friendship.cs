using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// One side of a friendship: <see cref="UserId"/> counts <see cref="FriendId"/> as a friend. A friendship is always
/// stored as both rows, written and removed together, so "my friends" is one indexed read for either person.
/// </summary>
public sealed class Friendship
{
    /// <summary>The person whose friend list this row is in.</summary>
    public Guid UserId { get; init; }

    /// <summary>Their friend.</summary>
    public Guid FriendId { get; init; }

    /// <summary>When the request was accepted (UTC).</summary>
    public DateTime Since { get; init; } = DateTime.UtcNow;
}

internal sealed class FriendshipConfiguration : IEntityTypeConfiguration<Friendship>
{
    public void Configure(EntityTypeBuilder<Friendship> friendship)
    {
        friendship.HasKey(f => new { f.UserId, f.FriendId });
        friendship.HasIndex(f => f.FriendId);
        friendship.HasOne<MeursUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        friendship.HasOne<MeursUser>().WithMany().HasForeignKey(f => f.FriendId).OnDelete(DeleteBehavior.Cascade);
    }
}
