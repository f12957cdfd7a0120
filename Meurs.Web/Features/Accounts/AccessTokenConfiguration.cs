using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Accounts;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.ToTable("AccessTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Name).HasMaxLength(AccessToken.NameMaxLength);
        token.Property(t => t.TokenHash).HasMaxLength(AccessTokenSecret.HashLength).IsUnicode(false);
        // Every request with a bearer token looks its hash up.
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);

        // SQLite hands DateTime back with Kind Unspecified; these are all UTC, and JSON must say so (a trailing Z).
        token.Property(t => t.CreatedAt).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        token.Property(t => t.ExpiresAt).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        token.Property(t => t.LastUsedAt).HasConversion(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        token.Property(t => t.RevokedAt).HasConversion(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
    }
}
