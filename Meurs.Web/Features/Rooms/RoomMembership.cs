using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Someone who has joined a room (opened its socket or called the join API) at least once. Membership is what lets a
/// person download the room's shared files; a room id alone is an invitation, not a membership.
/// </summary>
public sealed class RoomMembership
{
    /// <summary>The room.</summary>
    public required string RoomId { get; init; }

    /// <summary>The member.</summary>
    public Guid UserId { get; init; }

    /// <summary>When they first joined (UTC).</summary>
    public DateTime JoinedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class RoomMembershipConfiguration : IEntityTypeConfiguration<RoomMembership>
{
    public void Configure(EntityTypeBuilder<RoomMembership> membership)
    {
        membership.HasKey(m => new { m.RoomId, m.UserId });
        membership.Property(m => m.RoomId).HasMaxLength(RoomId.Length).IsUnicode(false);
        membership.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        membership.HasOne<Accounts.MeursUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
