using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// An invite to a server: a random code (<see cref="CodeLength"/> characters of <see cref="CodeAlphabet"/>), valid until
/// <see cref="ExpiresAt"/> and for at most <see cref="MaxUses"/> joins when those are set, until revoked (deleted).
/// </summary>
public sealed class ServerInvite
{
    /// <summary>Characters of a code.</summary>
    public const int CodeLength = 8;

    /// <summary>The code's alphabet: letters and digits without the look-alikes 0, O, 1, I and l, so a code can be read out.</summary>
    public const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>The code, the key.</summary>
    public required string Code { get; init; }

    /// <summary>The server it admits to.</summary>
    public Guid ServerId { get; init; }

    /// <summary>Who made it.</summary>
    public Guid CreatorId { get; init; }

    /// <summary>When it was made (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    /// <summary>When it stops working (UTC), or null for never.</summary>
    public DateTime? ExpiresAt { get; init; }

    /// <summary>How many joins it allows, or null for any number.</summary>
    public int? MaxUses { get; init; }

    /// <summary>How many people have joined with it.</summary>
    public int Uses { get; set; }

    /// <summary>True while it may still be used at <paramref name="now"/>.</summary>
    public bool IsUsable(DateTime now) => (ExpiresAt is null || ExpiresAt > now) && (MaxUses is null || Uses < MaxUses);
}

internal sealed class ServerInviteConfiguration : IEntityTypeConfiguration<ServerInvite>
{
    public void Configure(EntityTypeBuilder<ServerInvite> invite)
    {
        invite.HasKey(i => i.Code);
        invite.Property(i => i.Code).HasMaxLength(ServerInvite.CodeLength).IsUnicode(false);
        invite.HasIndex(i => i.ServerId);
        invite.HasOne<Server>().WithMany().HasForeignKey(i => i.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}
