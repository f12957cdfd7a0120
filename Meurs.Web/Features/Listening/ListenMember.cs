using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Listening;

/// <summary>A person who has joined a session (the host from the start). Leaving deletes the row; the host never leaves.</summary>
public sealed class ListenMember
{
    /// <summary>The session.</summary>
    public Guid SessionId { get; init; }

    /// <summary>The member.</summary>
    public Guid UserId { get; init; }

    /// <summary>Their part: host, co-host or guest.</summary>
    public ListenRole Role { get; set; }

    /// <summary>When they joined (UTC).</summary>
    public DateTime JoinedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class ListenMemberConfiguration : IEntityTypeConfiguration<ListenMember>
{
    public void Configure(EntityTypeBuilder<ListenMember> member)
    {
        member.HasKey(m => new { m.SessionId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.HasOne<ListenSession>().WithMany().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<MeursUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
