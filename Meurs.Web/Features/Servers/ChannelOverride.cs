using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// A channel's override for one role (@everyone included): permissions it allows and permissions it denies there, on top
/// of the role's own. A permission in neither is inherited. See <see cref="PermissionResolver"/> for the order.
/// </summary>
public sealed class ChannelOverride
{
    /// <summary>The channel.</summary>
    public Guid ChannelId { get; init; }

    /// <summary>The role (may be @everyone's).</summary>
    public Guid RoleId { get; init; }

    /// <summary>Granted in this channel.</summary>
    public Permissions Allow { get; set; }

    /// <summary>Taken away in this channel.</summary>
    public Permissions Deny { get; set; }
}

internal sealed class ChannelOverrideConfiguration : IEntityTypeConfiguration<ChannelOverride>
{
    public void Configure(EntityTypeBuilder<ChannelOverride> entry)
    {
        entry.HasKey(o => new { o.ChannelId, o.RoleId });
        entry.Property(o => o.Allow).HasConversion<long>();
        entry.Property(o => o.Deny).HasConversion<long>();
        entry.HasIndex(o => o.RoleId);
        entry.HasOne<ServerChannel>().WithMany().HasForeignKey(o => o.ChannelId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<ServerRole>().WithMany().HasForeignKey(o => o.RoleId).OnDelete(DeleteBehavior.Cascade);
    }
}
