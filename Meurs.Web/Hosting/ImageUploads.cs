using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace Meurs.Web;

/// <summary>
/// The one pipeline for pictures people upload to be shown by the app (server icons and banners, avatars): the type is
/// recognised by its magic bytes (<see cref="FileSignature.Sniff"/>: PNG, JPEG, GIF, WebP; never the name or the declared
/// type), the size is read before decoding and bounded, then ImageSharp decodes, resizes (<see cref="ImageFit"/>; a GIF
/// keeps every frame) and re-encodes it in its own format, which also drops whatever else the file carried. ImageSharp
/// 2.1 cannot decode an animated WebP: one is kept byte for byte when it is already small enough, with its metadata
/// chunks removed. Stored files are named <c>{32 lower-case hex}.{extension}</c> and served by <see cref="Serve"/>.
/// </summary>
public static class ImageUploads
{
    /// <summary>The sentence for a file that is not one of the accepted image types.</summary>
    public const string NotAnImage = "Upload a PNG, JPEG, GIF or WebP image.";

    /// <summary>The sentence for an image that could not be decoded.</summary>
    public const string Unreadable = "The image could not be read.";

    /// <summary>The image's extension (png, jpg, gif, webp) from its first bytes, or null when it is none of those.</summary>
    public static string? Detect(ReadOnlySpan<byte> header) =>
        FileSignature.Sniff(header) switch
        {
            ".png" => "png",
            ".jpg" => "jpg",
            ".gif" => "gif",
            ".webp" => "webp",
            _ => null,
        };

    /// <summary>The content type of an image extension (png, jpg, gif, webp), or null for another.</summary>
    public static string? ContentTypeOfExtension(string extension) =>
        extension switch
        {
            "png" => "image/png",
            "jpg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            _ => null,
        };

    /// <summary>The content type of a stored file name (<c>{32 hex}.{png|jpg|gif|webp}</c>), or null when the name is not one of those.</summary>
    public static string? ContentTypeOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || !fileName[..32].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        return ContentTypeOfExtension(fileName[(dot + 1)..]);
    }

    /// <summary>
    /// Checks, resizes and re-encodes <paramref name="bytes"/> into a <paramref name="width"/>×<paramref name="height"/>
    /// box (<paramref name="fit"/>); a source wider or taller than <paramref name="maxSourcePixels"/> is refused before
    /// decoding. Returns the image, or null and a sentence (not an accepted type, too many pixels, undecodable).
    /// </summary>
    public static (ProcessedImage? Image, string? Error) Process(byte[] bytes, int width, int height, ImageFit fit, int maxSourcePixels)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (Detect(bytes) is not { } extension)
        {
            return (null, NotAnImage);
        }
        if (extension == "webp" && AnimatedWebp.Canvas(bytes) is { } canvas)
        {
            return KeepAnimatedWebp(bytes, canvas, width, height, fit);
        }
        try
        {
            var info = Image.Identify(bytes);
            if (info is null || info.Width > maxSourcePixels || info.Height > maxSourcePixels)
            {
                return (null, info is null ? Unreadable : $"An image is at most {maxSourcePixels}×{maxSourcePixels} pixels.");
            }
            using var image = Image.Load(bytes);
            // Mutate applies to every frame, so an animated GIF stays animated.
            if (fit == ImageFit.Square)
            {
                var side = Math.Min(width, Math.Min(image.Width, image.Height));
                if (image.Width != side || image.Height != side)
                {
                    image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Crop, Position = AnchorPositionMode.Center, Size = new Size(side, side) }));
                }
            }
            else if (image.Width > width || image.Height > height)
            {
                image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(width, height) }));
            }
            IImageEncoder encoder = extension switch
            {
                "png" => new PngEncoder(),
                "jpg" => new JpegEncoder { Quality = 90 },
                "gif" => new GifEncoder(),
                _ => new WebpEncoder(),
            };
            using var output = new MemoryStream();
            image.Save(output, encoder);
            return (new ProcessedImage(output.ToArray(), extension, image.Width, image.Height, image.Frames.Count), null);
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or ImageFormatException or NotSupportedException)
        {
            return (null, Unreadable);
        }
    }

    // An animated WebP cannot be decoded here: it is kept as sent when its canvas already fits the box (and, for a
    // square box, is square), without its EXIF and XMP chunks; otherwise the uploader is told what would fit.
    private static (ProcessedImage? Image, string? Error) KeepAnimatedWebp(byte[] bytes, (int Width, int Height) canvas, int width, int height, ImageFit fit)
    {
        var fits = canvas.Width <= width && canvas.Height <= height && (fit != ImageFit.Square || canvas.Width == canvas.Height);
        if (!fits)
        {
            return (null, fit == ImageFit.Square
                ? $"An animated WebP is kept as it is, so it must be square and at most {width}×{width} pixels; an animated GIF of any size is resized."
                : $"An animated WebP is kept as it is, so it must be at most {width}×{height} pixels; an animated GIF of any size is resized.");
        }
        return AnimatedWebp.WithoutMetadata(bytes) is { } clean
            ? (new ProcessedImage(clean.Bytes, "webp", canvas.Width, canvas.Height, clean.Frames), null)
            : (null, Unreadable);
    }

    /// <summary>
    /// Answers a stored image from <paramref name="folder"/>: private (signed-in people only), cached for a year as
    /// immutable (names are never reused), <c>nosniff</c> with its image type, and a sandbox Content-Security-Policy on
    /// the endpoint (<see cref="Hosting.EndpointContentSecurityPolicy.Sandbox"/>, added by the caller). 404 for a
    /// malformed or unknown name.
    /// </summary>
    public static IResult Serve(HttpContext http, string folder, string fileName)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(fileName);
        var contentType = ContentTypeOf(fileName);
        var path = Path.Combine(folder, fileName);
        if (contentType is null || !File.Exists(path))
        {
            return Results.Problem("Image not found", statusCode: StatusCodes.Status404NotFound);
        }
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(path, contentType);
    }

    /// <summary>The RIFF chunks of an extended WebP file (VP8X), just enough to keep an animation safely.</summary>
    private static class AnimatedWebp
    {
        /// <summary>The canvas size when <paramref name="bytes"/> is an extended WebP with the animation flag, else null.</summary>
        public static (int Width, int Height)? Canvas(ReadOnlySpan<byte> bytes)
        {
            // RIFF size WEBP, then the first chunk: "VP8X" size(4) flags(1) reserved(3) width-1(3) height-1(3).
            if (bytes.Length < 30 || !bytes[12..16].SequenceEqual("VP8X"u8) || (bytes[20] & 0x02) == 0)
            {
                return null;
            }
            var w = 1 + (bytes[24] | bytes[25] << 8 | bytes[26] << 16);
            var h = 1 + (bytes[27] | bytes[28] << 8 | bytes[29] << 16);
            return (w, h);
        }

        /// <summary>The file without its EXIF and XMP chunks (flags cleared), and its frame count; null when the chunks do not add up.</summary>
        public static (byte[] Bytes, int Frames)? WithoutMetadata(byte[] bytes)
        {
            using var output = new MemoryStream(bytes.Length);
            output.Write(bytes, 0, 12);
            var frames = 0;
            var at = 12;
            while (at < bytes.Length)
            {
                if (at + 8 > bytes.Length)
                {
                    return null;
                }
                var fourCc = bytes.AsSpan(at, 4);
                var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4, 4));
                var total = 8L + size + (size & 1);
                if (at + 8L + size > bytes.Length)
                {
                    return null;
                }
                total = Math.Min(total, bytes.Length - at);
                if (fourCc.SequenceEqual("ANMF"u8))
                {
                    frames++;
                }
                if (!fourCc.SequenceEqual("EXIF"u8) && !fourCc.SequenceEqual("XMP "u8))
                {
                    output.Write(bytes, at, (int)total);
                }
                at += (int)total;
            }
            if (frames == 0)
            {
                return null;
            }
            var result = output.ToArray();
            result[20] &= unchecked((byte)~(0x08 | 0x04)); // VP8X flags: EXIF (bit 3) and XMP (bit 2) no longer present
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4, 4), (uint)(result.Length - 8));
            return (result, frames);
        }
    }
}
