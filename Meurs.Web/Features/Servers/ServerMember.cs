using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>A person who has joined a server. Leaving, a kick or a ban deletes the row (and their role assignments).</summary>
public sealed class ServerMember
{
    /// <summary>The server.</summary>
    public Guid ServerId { get; init; }

    /// <summary>The member.</summary>
    public Guid UserId { get; init; }

    /// <summary>When they joined (UTC).</summary>
    public DateTime JoinedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class ServerMemberConfiguration : IEntityTypeConfiguration<ServerMember>
{
    public void Configure(EntityTypeBuilder<ServerMember> member)
    {
        member.HasKey(m => new { m.ServerId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.HasOne<Server>().WithMany().HasForeignKey(m => m.ServerId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<MeursUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
