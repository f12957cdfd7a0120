using System.Text;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Recognises a file's type from its first bytes ("magic numbers") and checks that it agrees with the extension, so a
/// script renamed to .png is refused. Only these types may be shared; anything else is refused with 415.
/// </summary>
public static class FileSignature
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to see (fewer is fine for short files).</summary>
    public const int HeaderLength = 16;

    // The shareable extensions; what each must start with is below, its MIME type comes from MediaTypes.
    private static readonly string[] Allowed =
        [".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".zip", ".mp3", ".ogg", ".opus", ".flac", ".wav", ".mp4", ".m4a", ".webm", ".txt"];

    /// <summary>The extensions that may be shared, for messages and the file picker's <c>accept</c>.</summary>
    public static IReadOnlyCollection<string> Extensions => Allowed;

    /// <summary>
    /// The MIME type for a file named <paramref name="fileName"/> whose content starts with <paramref name="header"/>,
    /// or null when the extension is not allowed or the content is not what the extension says.
    /// </summary>
    public static string? Detect(string fileName, ReadOnlySpan<byte> header)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return Matches(extension, header) ? MediaTypes.For(extension) : null;
    }

    /// <summary>
    /// The extension (with its dot, lower case) that <paramref name="header"/>'s magic bytes say the file is, whatever
    /// it is called, or null when they match no known signature (text has none). MP4 with the <c>M4A </c> brand is
    /// <c>.m4a</c>; Ogg is <c>.ogg</c> (audio). Used where any file may be sent but how it is shown depends on its type.
    /// </summary>
    public static string? Sniff(ReadOnlySpan<byte> header)
    {
        foreach (var extension in Signed)
        {
            if (Matches(extension, header))
            {
                return extension == ".mp4" && header.Length >= 12 && header[8..12].SequenceEqual("M4A "u8) ? ".m4a" : extension;
            }
        }
        return null;
    }

    // Every extension with a signature of its own, the weakest (MP3's frame sync) last.
    private static readonly string[] Signed = [".png", ".jpg", ".gif", ".webp", ".pdf", ".zip", ".ogg", ".flac", ".wav", ".mp4", ".webm", ".mp3"];

    private static bool Matches(string extension, ReadOnlySpan<byte> header) =>
        extension switch
        {
            ".png" => header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ".jpg" or ".jpeg" => header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
            ".gif" => header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8),
            ".webp" => header.StartsWith("RIFF"u8) && header.Length >= 12 && header[8..12].SequenceEqual("WEBP"u8),
            ".pdf" => header.StartsWith("%PDF-"u8),
            ".zip" => header.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) || header.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06]),
            ".mp3" => header.StartsWith("ID3"u8) || (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0),
            ".ogg" or ".opus" => header.StartsWith("OggS"u8),
            ".flac" => header.StartsWith("fLaC"u8),
            ".wav" => header.StartsWith("RIFF"u8) && header.Length >= 12 && header[8..12].SequenceEqual("WAVE"u8),
            ".mp4" or ".m4a" => header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8),
            ".webm" => header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]),
            ".txt" => IsText(header),
            _ => false,
        };

    // Text has no signature: accept what decodes as UTF-8 without NULs (the check at the end of the stream is the
    // uploader's responsibility; the file is always served as an attachment with nosniff).
    private static bool IsText(ReadOnlySpan<byte> header)
    {
        if (header.Contains((byte)0))
        {
            return false;
        }
        try
        {
            // A multi-byte character may be cut at the end of the header: ignore an incomplete tail.
            var decoder = new UTF8Encoding(false, true).GetDecoder();
            Span<char> chars = stackalloc char[header.Length];
            decoder.Convert(header, chars, flush: false, out _, out _, out _);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// A displayable name: the last path segment of <paramref name="fileName"/>, control characters removed, at most
    /// 255 characters (keeping the extension). Null when nothing is left.
    /// </summary>
    public static string? CleanName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim().Trim('.');
        if (name.Length == 0)
        {
            return null;
        }
        if (name.Length > 255)
        {
            var extension = Path.GetExtension(name);
            // An "extension" of 255 characters or more cannot be kept: plain truncation then.
            name = extension.Length < 255 ? name[..(255 - extension.Length)] + extension : name[..255];
        }
        return name;
    }
}
