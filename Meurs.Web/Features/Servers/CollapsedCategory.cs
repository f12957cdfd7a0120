using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>A category one person collapsed; the row's absence means expanded.</summary>
public sealed class CollapsedCategory
{
    /// <summary>The category.</summary>
    public Guid CategoryId { get; init; }

    /// <summary>The person.</summary>
    public Guid UserId { get; init; }
}

internal sealed class CollapsedCategoryConfiguration : IEntityTypeConfiguration<CollapsedCategory>
{
    public void Configure(EntityTypeBuilder<CollapsedCategory> collapsed)
    {
        collapsed.HasKey(c => new { c.CategoryId, c.UserId });
        collapsed.HasOne<ChannelCategory>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Cascade);
        collapsed.HasOne<Accounts.MeursUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
