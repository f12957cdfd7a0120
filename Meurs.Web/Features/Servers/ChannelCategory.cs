using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>A group of a server's channels, collapsible per person. Deleting one leaves its channels without a category.</summary>
public sealed class ChannelCategory
{
    /// <summary>Longest name, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Id (UUID version 7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The server.</summary>
    public Guid ServerId { get; init; }

    /// <summary>1–<see cref="MaxNameLength"/> characters.</summary>
    public required string Name { get; set; }

    /// <summary>Order among the server's categories: 0, 1, 2, … from the top.</summary>
    public int Position { get; set; }
}

internal sealed class ChannelCategoryConfiguration : IEntityTypeConfiguration<ChannelCategory>
{
    public void Configure(EntityTypeBuilder<ChannelCategory> category)
    {
        category.HasKey(c => c.Id);
        category.Property(c => c.Name).HasMaxLength(ChannelCategory.MaxNameLength);
        category.HasIndex(c => c.ServerId);
        category.HasOne<Server>().WithMany().HasForeignKey(c => c.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}
