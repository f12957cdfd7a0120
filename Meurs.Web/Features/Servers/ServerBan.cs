using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>A person banned from a server: they were removed, and may not join again (by id or by invite) until unbanned.</summary>
public sealed class ServerBan
{
    /// <summary>Longest reason, in characters.</summary>
    public const int MaxReasonLength = 512;

    /// <summary>The server.</summary>
    public Guid ServerId { get; init; }

    /// <summary>Who is banned.</summary>
    public Guid UserId { get; init; }

    /// <summary>Who banned them.</summary>
    public Guid BannedBy { get; init; }

    /// <summary>Why, as typed by who banned them; empty when not given.</summary>
    public string Reason { get; init; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class ServerBanConfiguration : IEntityTypeConfiguration<ServerBan>
{
    public void Configure(EntityTypeBuilder<ServerBan> ban)
    {
        ban.HasKey(b => new { b.ServerId, b.UserId });
        ban.Property(b => b.Reason).HasMaxLength(ServerBan.MaxReasonLength);
        ban.HasOne<Server>().WithMany().HasForeignKey(b => b.ServerId).OnDelete(DeleteBehavior.Cascade);
        ban.HasOne<Accounts.MeursUser>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
