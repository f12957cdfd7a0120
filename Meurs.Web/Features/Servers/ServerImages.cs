using Meurs.Web.Data;
using Microsoft.Extensions.Options;

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
/// <see cref="Rooms.ShareFile.UploadsPath"/>), with server-generated names <c>{32 hex}.{png|jpg|gif|webp}</c>. An upload
/// goes through the app's one image pipeline (<see cref="ImageUploads"/>: magic bytes, decoding within
/// <see cref="ServersOptions.MaxImageSourcePixels"/>, shrunk to fit its kind's box, animation kept, re-encoded). Singleton.
/// </summary>
public sealed class ServerImages(IOptions<DataOptions> data, IWebHostEnvironment environment, IOptions<ServersOptions> options)
{
    /// <summary>The folder images are stored in.</summary>
    public string FolderPath => Path.Combine(data.Value.ResolvePath(environment.ContentRootPath), "uploads", "servers");

    /// <summary>The largest upload, in bytes.</summary>
    public long MaxBytes => options.Value.MaxImageBytes;

    /// <summary>The content type of a stored file name, or null when the name is not one this class makes.</summary>
    public static string? ContentTypeOf(string fileName) => ImageUploads.ContentTypeOf(fileName);

    /// <summary>The path of stored file <paramref name="fileName"/>, or null when it is not a name this class makes.</summary>
    public string? PathOf(string fileName) => ContentTypeOf(fileName) is null ? null : Path.Combine(FolderPath, fileName);

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
        var (maxWidth, maxHeight) = kind == ServerImageKind.Icon ? (512, 512) : (1920, 1080);
        var (image, error) = ImageUploads.Process(bytes, maxWidth, maxHeight, ImageFit.Within, options.Value.MaxImageSourcePixels);
        if (image is null)
        {
            return (null, error);
        }
        Directory.CreateDirectory(FolderPath);
        var fileName = $"{Guid.NewGuid():N}.{image.Extension}";
        await File.WriteAllBytesAsync(Path.Combine(FolderPath, fileName), image.Bytes, cancellationToken);
        return (fileName, null);
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
