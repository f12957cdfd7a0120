using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// A pending friend request from <see cref="FromId"/> to <see cref="ToId"/>. Accepting turns it into two
/// <see cref="Friendship"/> rows; declining or cancelling deletes it, so asking again later is allowed (the Chat system
/// refused it for good after a decline). At most one per ordered pair; a reverse request while one is pending is refused
/// by the use case rather than stored.
/// </summary>
public sealed class FriendRequest
{
    /// <summary>Time-ordered id (UUID version 7), used in <c>/api/friends/requests/{id}/…</c>.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Who asked.</summary>
    public Guid FromId { get; init; }

    /// <summary>Who is asked.</summary>
    public Guid ToId { get; init; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class FriendRequestConfiguration : IEntityTypeConfiguration<FriendRequest>
{
    public void Configure(EntityTypeBuilder<FriendRequest> request)
    {
        request.HasKey(r => r.Id);
        request.HasIndex(r => new { r.FromId, r.ToId }).IsUnique();
        request.HasIndex(r => r.ToId);
        request.HasOne<MeursUser>().WithMany().HasForeignKey(r => r.FromId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<MeursUser>().WithMany().HasForeignKey(r => r.ToId).OnDelete(DeleteBehavior.Cascade);
    }
}
