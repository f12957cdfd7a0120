using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Messages;

/// <summary>One person's reaction with one emoji to a message; reacting again with the same emoji is the same row.</summary>
public sealed class MessageReaction
{
    /// <summary>Longest emoji, in UTF-16 code units (a family emoji with modifiers takes up to 11 code points).</summary>
    public const int MaxEmojiLength = 32;

    /// <summary>The message.</summary>
    public Guid MessageId { get; init; }

    /// <summary>Who reacted.</summary>
    public Guid UserId { get; init; }

    /// <summary>Their username when they reacted.</summary>
    public required string UserName { get; init; }

    /// <summary>The emoji: one Unicode emoji sequence.</summary>
    public required string Emoji { get; init; }

    /// <summary>When (UTC); counts are ordered by each emoji's first reaction.</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class MessageReactionConfiguration : IEntityTypeConfiguration<MessageReaction>
{
    public void Configure(EntityTypeBuilder<MessageReaction> reaction)
    {
        reaction.HasKey(r => new { r.MessageId, r.UserId, r.Emoji });
        reaction.Property(r => r.Emoji).HasMaxLength(MessageReaction.MaxEmojiLength);
        reaction.Property(r => r.UserName).HasMaxLength(64);
        reaction.HasOne<Accounts.MeursUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
