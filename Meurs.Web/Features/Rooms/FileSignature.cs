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

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif", [".webp"] = "image/webp",
        [".pdf"] = "application/pdf", [".zip"] = "application/zip",
        [".mp3"] = "audio/mpeg", [".ogg"] = "audio/ogg", [".opus"] = "audio/ogg", [".flac"] = "audio/flac", [".wav"] = "audio/wav",
        [".mp4"] = "video/mp4", [".m4a"] = "audio/mp4", [".webm"] = "video/webm", [".txt"] = "text/plain",
    };

    /// <summary>The extensions that may be shared, for messages and the file picker's <c>accept</c>.</summary>
    public static IReadOnlyCollection<string> Extensions => ByExtension.Keys;

    /// <summary>
    /// The MIME type for a file named <paramref name="fileName"/> whose content starts with <paramref name="header"/>,
    /// or null when the extension is not allowed or the content is not what the extension says.
    /// </summary>
    public static string? Detect(string fileName, ReadOnlySpan<byte> header)
    {
        if (!ByExtension.TryGetValue(Path.GetExtension(fileName), out var expected))
        {
            return null;
        }
        var matches = expected switch
        {
            "image/png" => header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            "image/jpeg" => header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
            "image/gif" => header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8),
            "image/webp" => header.StartsWith("RIFF"u8) && header.Length >= 12 && header[8..12].SequenceEqual("WEBP"u8),
            "application/pdf" => header.StartsWith("%PDF-"u8),
            "application/zip" => header.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) || header.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06]),
            "audio/mpeg" => header.StartsWith("ID3"u8) || (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0),
            "audio/ogg" => header.StartsWith("OggS"u8),
            "audio/flac" => header.StartsWith("fLaC"u8),
            "audio/wav" => header.StartsWith("RIFF"u8) && header.Length >= 12 && header[8..12].SequenceEqual("WAVE"u8),
            "video/mp4" or "audio/mp4" => header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8),
            "video/webm" => header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]),
            "text/plain" => IsText(header),
            _ => false,
        };
        return matches ? expected : null;
    }

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
