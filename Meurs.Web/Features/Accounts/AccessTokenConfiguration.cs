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
    }
}
