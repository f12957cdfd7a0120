using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>A role given to a member (never @everyone, which every member holds implicitly).</summary>
public sealed class MemberRole
{
    /// <summary>The server.</summary>
    public Guid ServerId { get; init; }

    /// <summary>The member.</summary>
    public Guid UserId { get; init; }

    /// <summary>The role.</summary>
    public Guid RoleId { get; init; }
}

internal sealed class MemberRoleConfiguration : IEntityTypeConfiguration<MemberRole>
{
    public void Configure(EntityTypeBuilder<MemberRole> assignment)
    {
        assignment.HasKey(a => new { a.ServerId, a.UserId, a.RoleId });
        assignment.HasIndex(a => a.RoleId);
        assignment.HasOne<ServerMember>().WithMany().HasForeignKey(a => new { a.ServerId, a.UserId }).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<ServerRole>().WithMany().HasForeignKey(a => a.RoleId).OnDelete(DeleteBehavior.Cascade);
    }
}
