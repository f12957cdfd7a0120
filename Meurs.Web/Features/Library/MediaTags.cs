using System.Security.Cryptography;

namespace Meurs.Web.Features.Library;

/// <summary>What the library knows about a file from its contents: tags, duration and cover.</summary>
/// <param name="Title">Title tag, or null.</param>
/// <param name="Artist">First performer, else first album artist, or null.</param>
/// <param name="Album">Album tag, or null.</param>
/// <param name="TrackNumber">Track number (1-based), or null.</param>
/// <param name="Year">Year, or null.</param>
/// <param name="Duration">Play time, or null when neither TagLib# nor <see cref="MediaDuration"/> could tell.</param>
/// <param name="CoverTag">Entity tag of the front cover (see <see cref="LibraryEntry.CoverTag"/>), or null.</param>
public sealed record MediaTags(string? Title, string? Artist, string? Album, int? TrackNumber, int? Year, TimeSpan? Duration, string? CoverTag)
{
    /// <summary>Longest title, artist or album kept; longer tags are cut (they are display text, not keys).</summary>
    public const int MaxTextLength = 300;

    /// <summary>Covers larger than this are ignored (a tag can hold megabytes; a cover needs a few hundred KiB).</summary>
    public const int MaxCoverBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Reads the tags of the file at <paramref name="path"/> with TagLib#; the duration from <see cref="MediaDuration"/>
    /// for MP3 and for WebM/Matroska that TagLib# times as 0. A file TagLib# cannot parse still gets whatever
    /// <see cref="MediaDuration"/> reads, and no tags. Never throws for file content or I/O errors.
    /// </summary>
    public static MediaTags Read(string path)
    {
        var extension = System.IO.Path.GetExtension(path);
        var isMp3 = extension.Equals(".mp3", StringComparison.OrdinalIgnoreCase);
        var isMatroska = extension.Equals(".webm", StringComparison.OrdinalIgnoreCase) || extension.Equals(".mkv", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var file = TagLib.File.Create(path);
            var tag = file.Tag;
            var duration = file.Properties?.Duration is { Ticks: > 0 } d ? d : (TimeSpan?)null;
            if (isMp3 || (isMatroska && duration is null))
            {
                duration = MediaDuration.TryRead(path) ?? duration;
            }
            return new MediaTags(
                Text(tag.Title),
                Text(tag.FirstPerformer) ?? Text(tag.FirstAlbumArtist),
                Text(tag.Album),
                tag.Track is > 0 and < 10_000 ? (int)tag.Track : null,
                tag.Year is > 0 and < 10_000 ? (int)tag.Year : null,
                duration,
                CoverOf(tag) is { } cover ? TagOf(cover.Data) : null);
        }
        catch (Exception e) when (e is TagLib.CorruptFileException or TagLib.UnsupportedFormatException or IOException
            or UnauthorizedAccessException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
            or OverflowException or NullReferenceException)
        {
            // TagLib# reports broken files with several exception types; the file still plays, untagged.
            return new MediaTags(null, null, null, null, null, MediaDuration.TryRead(path), null);
        }
    }

    /// <summary>
    /// The bytes and MIME type of the front cover of the file at <paramref name="path"/> (the front cover, else the first
    /// picture), or null when it has none that is a JPEG, PNG, GIF or WebP image (judged by its bytes, not its tag).
    /// </summary>
    public static (byte[] Bytes, string ContentType)? ReadCover(string path)
    {
        try
        {
            using var file = TagLib.File.Create(path);
            return CoverOf(file.Tag) is { } cover && ImageType(cover.Data.Data) is { } type ? (cover.Data.Data, type) : null;
        }
        catch (Exception e) when (e is TagLib.CorruptFileException or TagLib.UnsupportedFormatException or IOException
            or UnauthorizedAccessException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
            or OverflowException or NullReferenceException)
        {
            return null;
        }
    }

    /// <summary>The entity tag of picture bytes: 16 hex digits of their SHA-256.</summary>
    internal static string TagOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    private static string? TagOf(TagLib.ByteVector data) => TagOf(data.Data);

    private static TagLib.IPicture? CoverOf(TagLib.Tag tag)
    {
        var pictures = tag.Pictures ?? [];
        var cover = pictures.FirstOrDefault(p => p.Type == TagLib.PictureType.FrontCover) ?? pictures.FirstOrDefault();
        return cover?.Data is { Count: > 0 and <= MaxCoverBytes } && ImageType(cover.Data.Data) is not null ? cover : null;
    }

    // Magic bytes, so a tag that claims "image/png" for something else is never served as an image.
    private static string? ImageType(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8) ? "image/gif"
        : b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    private static string? Text(string? value)
    {
        var text = value?.Replace('\0', ' ').Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length > MaxTextLength ? text[..MaxTextLength] : text;
    }
}
