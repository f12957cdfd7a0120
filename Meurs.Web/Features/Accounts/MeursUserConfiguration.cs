using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Accounts;

/// <summary>The profile columns' limits, on top of what Identity configures.</summary>
internal sealed class MeursUserConfiguration : IEntityTypeConfiguration<MeursUser>
{
    public void Configure(EntityTypeBuilder<MeursUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(MeursUser.MaxDisplayNameLength);
        user.Property(u => u.About).HasMaxLength(MeursUser.MaxAboutLength);
        user.Property(u => u.CustomStatus).HasMaxLength(MeursUser.MaxCustomStatusLength);
        user.Property(u => u.Avatar).HasMaxLength(80);
    }
}
