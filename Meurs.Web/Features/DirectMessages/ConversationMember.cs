using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// A person in a direct message conversation: they see it, read and write in it, and hear of its messages. Deleted with
/// the conversation's channel or the person's account; leaving a group deletes it.
/// </summary>
public sealed class ConversationMember
{
    /// <summary>The conversation's channel.</summary>
    public Guid ChannelId { get; init; }

    /// <summary>The person.</summary>
    public Guid UserId { get; init; }

    /// <summary>When they joined (UTC).</summary>
    public DateTime JoinedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class ConversationMemberConfiguration : IEntityTypeConfiguration<ConversationMember>
{
    public void Configure(EntityTypeBuilder<ConversationMember> member)
    {
        member.HasKey(m => new { m.ChannelId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.HasOne<ServerChannel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<Accounts.MeursUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
