using Meurs.Web.Data;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace Meurs.Web.Features.Servers;

/// <summary>Which of a server's images.</summary>
public enum ServerImageKind
{
    /// <summary>The icon in the server list: at most 512×512.</summary>
    Icon,

    /// <summary>The banner above the channel list: at most 1920×1080.</summary>
    Banner,
}

/// <summary>
/// Stores servers' icons and banners under the data folder's <c>uploads/servers</c> (beside the rooms' shared files,
/// <see cref="Rooms.ShareFile.UploadsPath"/>), with server-generated names <c>{32 hex}.{png|jpg|gif|webp}</c>. An upload is
/// recognised by its magic bytes (PNG, JPEG, GIF, WebP; never by its name or declared type), decoded with ImageSharp
/// within <see cref="ServersOptions.MaxImageSourcePixels"/>, shrunk to fit its kind's box (a GIF keeps its animation) and
/// re-encoded, which also drops whatever else the file carried. Singleton.
/// </summary>
public sealed class ServerImages(IOptions<DataOptions> data, IWebHostEnvironment environment, IOptions<ServersOptions> options)
{
    /// <summary>The folder images are stored in.</summary>
    public string FolderPath => Path.Combine(data.Value.ResolvePath(environment.ContentRootPath), "uploads", "servers");

    /// <summary>The largest upload, in bytes.</summary>
    public long MaxBytes => options.Value.MaxImageBytes;

    /// <summary>The content type of a stored file name, or null when the name is not one this class makes.</summary>
    public static string? ContentTypeOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || !fileName[..32].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        return fileName[(dot + 1)..] switch
        {
            "png" => "image/png",
            "jpg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            _ => null,
        };
    }

    /// <summary>The path of stored file <paramref name="fileName"/>, or null when it is not a name this class makes.</summary>
    public string? PathOf(string fileName) => ContentTypeOf(fileName) is null ? null : Path.Combine(FolderPath, fileName);

    /// <summary>The image's extension (png, jpg, gif, webp) from its first bytes, or null when it is none of those.</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png";
        }
        if (header.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return "jpg";
        }
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return "gif";
        }
        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return "webp";
        }
        return null;
    }

    /// <summary>
    /// Checks, resizes and stores <paramref name="bytes"/> as a <paramref name="kind"/>; returns the stored file name, or
    /// null and a sentence (not an image of an accepted type, too large, or undecodable).
    /// </summary>
    public async Task<(string? FileName, string? Error)> StoreAsync(byte[] bytes, ServerImageKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            return (null, $"An image is at most {MaxBytes / (1024 * 1024)} MiB.");
        }
        if (Detect(bytes) is not { } extension)
        {
            return (null, "Upload a PNG, JPEG, GIF or WebP image.");
        }
        try
        {
            var info = Image.Identify(bytes);
            var limit = options.Value.MaxImageSourcePixels;
            if (info is null || info.Width > limit || info.Height > limit)
            {
                return (null, info is null ? "The image could not be read." : $"An image is at most {limit}×{limit} pixels.");
            }
            using var image = Image.Load(bytes);
            var (maxWidth, maxHeight) = kind == ServerImageKind.Icon ? (512, 512) : (1920, 1080);
            if (image.Width > maxWidth || image.Height > maxHeight)
            {
                // Mutate applies to every frame, so an animated GIF stays animated.
                image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(maxWidth, maxHeight) }));
            }
            IImageEncoder encoder = extension switch
            {
                "png" => new PngEncoder(),
                "jpg" => new JpegEncoder { Quality = 90 },
                "gif" => new GifEncoder(),
                _ => new WebpEncoder(),
            };
            Directory.CreateDirectory(FolderPath);
            var fileName = $"{Guid.NewGuid():N}.{extension}";
            await image.SaveAsync(Path.Combine(FolderPath, fileName), encoder, cancellationToken);
            return (fileName, null);
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or ImageFormatException or NotSupportedException)
        {
            return (null, "The image could not be read.");
        }
    }

    /// <summary>Deletes stored file <paramref name="fileName"/> if there is one (null is nothing).</summary>
    public void Delete(string? fileName)
    {
        if (fileName is not null && PathOf(fileName) is { } path && File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
