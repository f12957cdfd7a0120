using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Library;

/// <summary>
/// One indexed file of the library (table <c>LibraryEntries</c>). A rescan compares <see cref="Size"/> and
/// <see cref="ModifiedAtMs"/> with the file system and reads the tags again only when either changed.
/// </summary>
public sealed class LibraryEntry
{
    /// <summary>Stable id (UUIDv7), kept while the file stays at the same path, even when its tags change.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Path relative to the library folder with '/' separators, e.g. <c>music/Tones/a440-sine.ogg</c>; unique.</summary>
    public required string Path { get; init; }

    /// <summary>Audio or video.</summary>
    public MediaKind Kind { get; set; }

    /// <summary>The MIME type the file is streamed with.</summary>
    public required string ContentType { get; set; }

    /// <summary>File size in bytes when it was read.</summary>
    public long Size { get; set; }

    /// <summary>Last write time of the file when it was read, Unix milliseconds UTC.</summary>
    public long ModifiedAtMs { get; set; }

    /// <summary>The title tag, or a title made from the file name when the file has none.</summary>
    public required string Title { get; set; }

    /// <summary>The first performer (artist) tag, or null.</summary>
    public string? Artist { get; set; }

    /// <summary>The album tag, or null.</summary>
    public string? Album { get; set; }

    /// <summary>Track number on the album (1-based), or null when untagged.</summary>
    public int? TrackNumber { get; set; }

    /// <summary>Release year, or null when untagged.</summary>
    public int? Year { get; set; }

    /// <summary>Play time in milliseconds, or null when it could not be read.</summary>
    public long? DurationMs { get; set; }

    /// <summary>
    /// The embedded front cover's entity tag (16 hex digits of its SHA-256, RFC 9110 §8.8.3), or null when the file has
    /// no usable picture. Lets a cover request be answered with 304 without opening the file.
    /// </summary>
    public string? CoverTag { get; set; }
}

internal sealed class LibraryEntryConfiguration : IEntityTypeConfiguration<LibraryEntry>
{
    public void Configure(EntityTypeBuilder<LibraryEntry> entry)
    {
        entry.ToTable("LibraryEntries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Path).HasMaxLength(1024);
        entry.HasIndex(e => e.Path).IsUnique();
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(8);
        entry.Property(e => e.ContentType).HasMaxLength(64);
        entry.Property(e => e.Title).HasMaxLength(MediaTags.MaxTextLength);
        entry.Property(e => e.Artist).HasMaxLength(MediaTags.MaxTextLength);
        entry.Property(e => e.Album).HasMaxLength(MediaTags.MaxTextLength);
        entry.Property(e => e.CoverTag).HasMaxLength(16).IsUnicode(false);
    }
}
