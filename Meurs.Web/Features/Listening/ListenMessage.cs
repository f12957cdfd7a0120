using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Listening;

/// <summary>A chat message beside a session's music, rendered as room and channel messages are (markdown, safely).</summary>
public sealed class ListenMessage
{
    /// <summary>The longest message, in characters.</summary>
    public const int MaxLength = 2000;

    /// <summary>The message id, time-ordered (paged by it).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The session.</summary>
    public Guid SessionId { get; init; }

    /// <summary>The author.</summary>
    public Guid AuthorId { get; init; }

    /// <summary>The text (markdown), 1 to <see cref="MaxLength"/> characters, valid Unicode.</summary>
    public required string Content { get; init; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class ListenMessageConfiguration : IEntityTypeConfiguration<ListenMessage>
{
    public void Configure(EntityTypeBuilder<ListenMessage> message)
    {
        message.HasKey(m => m.Id);
        message.Property(m => m.Content).HasMaxLength(ListenMessage.MaxLength);
        message.HasIndex(m => new { m.SessionId, m.Id });
        message.HasOne<ListenSession>().WithMany().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<MeursUser>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
