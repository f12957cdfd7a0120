using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Messages;

/// <summary>How an attachment is shown: inline image, inline player, or a download card.</summary>
public enum AttachmentKind
{
    /// <summary>A download card.</summary>
    File = 0,

    /// <summary>PNG, JPEG, GIF or WebP: shown inline, with a full-size view.</summary>
    Image = 1,

    /// <summary>An inline audio player.</summary>
    Audio = 2,

    /// <summary>An inline video player.</summary>
    Video = 3,
}

/// <summary>A file attached to a <see cref="Message"/>, stored under the uploads folder with a server-generated name.</summary>
public sealed class MessageAttachment
{
    /// <summary>Id (UUID version 7), in the download URL.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The message.</summary>
    public Guid MessageId { get; init; }

    /// <summary>The file's name as uploaded, cleaned to a plain name.</summary>
    public required string FileName { get; init; }

    /// <summary>The type decided from the file's first bytes (never the uploader's claim).</summary>
    public required string ContentType { get; init; }

    /// <summary>Bytes.</summary>
    public long Size { get; init; }

    /// <summary>How it is shown.</summary>
    public AttachmentKind Kind { get; init; }

    /// <summary>The stored file's name under the uploads folder (server-generated).</summary>
    public required string StoredName { get; init; }

    /// <summary>An image's width in pixels, or null.</summary>
    public int? Width { get; init; }

    /// <summary>An image's height in pixels, or null.</summary>
    public int? Height { get; init; }
}

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> attachment)
    {
        attachment.HasKey(a => a.Id);
        attachment.Property(a => a.FileName).HasMaxLength(255);
        attachment.Property(a => a.ContentType).HasMaxLength(100).IsUnicode(false);
        attachment.Property(a => a.StoredName).HasMaxLength(80).IsUnicode(false);
        attachment.HasIndex(a => a.MessageId);
    }
}
