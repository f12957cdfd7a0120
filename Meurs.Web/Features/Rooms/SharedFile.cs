using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// A file shared in a room and kept until <see cref="ExpiresAt"/>. Stored under the data folder's <c>uploads/</c> with
/// a server-generated name (<see cref="StoredName"/>); the name people gave it is only ever shown and sent in
/// <c>Content-Disposition</c>, never used as a path.
/// </summary>
public sealed class SharedFile
{
    /// <summary>Time-ordered id; also the download URL's key.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The room it was shared in.</summary>
    public required string RoomId { get; init; }

    /// <summary>Who uploaded it.</summary>
    public Guid UploaderId { get; init; }

    /// <summary>Their username at the time.</summary>
    public required string UploaderName { get; init; }

    /// <summary>The file name as uploaded, cleaned of path parts and control characters (at most 255 characters).</summary>
    public required string FileName { get; init; }

    /// <summary>The MIME type its content was recognised as (see <see cref="FileSignature"/>).</summary>
    public required string ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>The file's name on disk: 32 hex digits, generated here.</summary>
    public string StoredName => Id.ToString("N");

    /// <summary>When it was shared (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When it stops being downloadable and is swept (UTC).</summary>
    public DateTime ExpiresAt { get; init; }

    /// <summary>The download URL (members only).</summary>
    public string DownloadUrl => $"/rooms/{RoomId}/files/{Id:N}";
}

internal sealed class SharedFileConfiguration : IEntityTypeConfiguration<SharedFile>
{
    public void Configure(EntityTypeBuilder<SharedFile> file)
    {
        file.HasKey(f => f.Id);
        file.Ignore(f => f.StoredName);
        file.Ignore(f => f.DownloadUrl);
        file.Property(f => f.RoomId).HasMaxLength(RoomId.Length).IsUnicode(false);
        file.Property(f => f.UploaderName).HasMaxLength(64);
        file.Property(f => f.FileName).HasMaxLength(255);
        file.Property(f => f.ContentType).HasMaxLength(100);
        file.HasIndex(f => f.ExpiresAt);
        file.HasOne<Room>().WithMany().HasForeignKey(f => f.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
