using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// One person's own state of one channel: muted (no unread badge, no mention alert), how far they have read, and how
/// many mentions of them arrived since. A row exists once any of it was set.
/// </summary>
public sealed class ChannelMemberState
{
    /// <summary>The channel.</summary>
    public Guid ChannelId { get; init; }

    /// <summary>The person.</summary>
    public Guid UserId { get; init; }

    /// <summary>True when they muted the channel. Muting twice is muting.</summary>
    public bool Muted { get; set; }

    /// <summary>The newest message they have seen (ids are time-ordered), or null for none.</summary>
    public Guid? LastReadMessageId { get; set; }

    /// <summary>Messages that mention them (directly, by role or @everyone) after <see cref="LastReadMessageId"/>.</summary>
    public int MentionCount { get; set; }
}

internal sealed class ChannelMemberStateConfiguration : IEntityTypeConfiguration<ChannelMemberState>
{
    public void Configure(EntityTypeBuilder<ChannelMemberState> state)
    {
        state.HasKey(s => new { s.ChannelId, s.UserId });
        state.HasIndex(s => s.UserId);
        state.HasOne<ServerChannel>().WithMany().HasForeignKey(s => s.ChannelId).OnDelete(DeleteBehavior.Cascade);
        state.HasOne<Accounts.MeursUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
