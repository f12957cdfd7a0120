using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A message in a text channel (a server's, or a direct message conversation's): markdown text, an optional reply, attachments, reactions and mentions.
/// Paged by <see cref="Id"/> (UUID version 7: time-ordered), numbered per channel by <see cref="Seq"/> for the fabric.
/// </summary>
public sealed class Message
{
    /// <summary>Longest text, in characters (Discord's limit).</summary>
    public const int MaxContentLength = 2000;

    /// <summary>Time-ordered id (UUID version 7): the paging cursor and the element id (<c>m-{id}</c>).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The channel.</summary>
    public Guid ChannelId { get; init; }

    /// <summary>Per-channel sequence number of the fabric event that created it.</summary>
    public long Seq { get; init; }

    /// <summary>The author; null once their account was deleted (shown as a deleted user).</summary>
    public Guid? AuthorId { get; set; }

    /// <summary>The author's username when it was sent.</summary>
    public required string AuthorName { get; set; }

    /// <summary>The markdown text, up to <see cref="MaxContentLength"/> characters; may be empty when there are attachments.</summary>
    public required string Content { get; set; }

    /// <summary>The message this one replies to, or null; it may have been deleted since.</summary>
    public Guid? ReplyToId { get; init; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    /// <summary>When it was last edited (UTC), or null: shown as "edited".</summary>
    public DateTime? EditedAt { get; set; }

    /// <summary>When it was pinned (UTC), or null when it is not.</summary>
    public DateTime? PinnedAt { get; set; }

    /// <summary>True when it mentions @everyone and its author could notify everyone.</summary>
    public bool MentionsEveryone { get; set; }

    /// <summary>Its files, in the order attached.</summary>
    public List<MessageAttachment> Attachments { get; init; } = [];

    /// <summary>Its reactions, one row per person and emoji.</summary>
    public List<MessageReaction> Reactions { get; init; } = [];

    /// <summary>Who and which roles it mentions (parsed again on edit).</summary>
    public List<MessageMention> Mentions { get; init; } = [];
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.HasKey(m => m.Id);
        message.Property(m => m.AuthorName).HasMaxLength(64);
        message.Property(m => m.Content).HasMaxLength(Message.MaxContentLength);
        message.HasIndex(m => new { m.ChannelId, m.Id });
        message.HasIndex(m => new { m.ChannelId, m.Seq });
        message.HasOne<Servers.ServerChannel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<Accounts.MeursUser>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.SetNull);
        message.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        message.HasMany(m => m.Reactions).WithOne().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        message.HasMany(m => m.Mentions).WithOne().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
