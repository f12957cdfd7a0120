using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// <see cref="BlockerId"/> blocked <see cref="BlockedId"/>: the blocked person cannot send them friend requests or
/// direct messages, and their messages in shared channels are collapsed for the blocker. Blocking also ends a friendship
/// and any pending request between the two.
/// </summary>
public sealed class UserBlock
{
    /// <summary>Who blocked.</summary>
    public Guid BlockerId { get; init; }

    /// <summary>Who is blocked.</summary>
    public Guid BlockedId { get; init; }

    /// <summary>When (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class UserBlockConfiguration : IEntityTypeConfiguration<UserBlock>
{
    public void Configure(EntityTypeBuilder<UserBlock> block)
    {
        block.HasKey(b => new { b.BlockerId, b.BlockedId });
        block.HasIndex(b => b.BlockedId);
        block.HasOne<MeursUser>().WithMany().HasForeignKey(b => b.BlockerId).OnDelete(DeleteBehavior.Cascade);
        block.HasOne<MeursUser>().WithMany().HasForeignKey(b => b.BlockedId).OnDelete(DeleteBehavior.Cascade);
    }
}
