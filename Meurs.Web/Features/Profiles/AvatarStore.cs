using System.Security.Cryptography;
using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// Avatars under the data folder's <c>uploads/avatars</c>, through the app's one image pipeline
/// (<see cref="ImageUploads"/>, cropped to a <see cref="ProfilesOptions.AvatarSize"/> square, animation kept). A stored
/// file is named after its content (the first 128 bits of its SHA-256, hex, and its extension), so a new upload has a
/// new name and <c>/avatars/{name}</c> can be cached for good; two people with the same picture share the file, so it
/// is deleted only when nobody uses it (<see cref="DeleteIfUnusedAsync"/>). Singleton.
/// </summary>
public sealed class AvatarStore(IOptions<DataOptions> data, IWebHostEnvironment environment, IOptions<ProfilesOptions> options)
{
    /// <summary>The folder avatars are stored in.</summary>
    public string FolderPath => Path.Combine(data.Value.ResolvePath(environment.ContentRootPath), "uploads", "avatars");

    /// <summary>The largest upload, in bytes (<see cref="ProfilesOptions.MaxAvatarBytes"/>).</summary>
    public long MaxBytes => options.Value.MaxAvatarBytes;

    /// <summary>The sentence for an upload over <see cref="MaxBytes"/>.</summary>
    public string TooLargeSentence => $"An avatar is at most {SizeText(MaxBytes)}.";

    /// <summary>The URL of stored avatar <paramref name="fileName"/>, or null for none.</summary>
    public static string? UrlOf(string? fileName) => fileName is null ? null : "/avatars/" + fileName;

    /// <summary>
    /// Checks, crops, resizes and stores <paramref name="bytes"/>; returns the stored file name, or the status
    /// (<see cref="ProfileStatus.TooLarge"/> or <see cref="ProfileStatus.BadInput"/>) and a sentence.
    /// </summary>
    public async Task<ProfileResult<ProcessedAvatar>> StoreAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            return new ProfileRefusal(ProfileStatus.TooLarge, TooLargeSentence);
        }
        var size = options.Value.AvatarSize;
        var (image, error) = ImageUploads.Process(bytes, size, size, ImageFit.Square, options.Value.MaxAvatarSourcePixels);
        if (image is null)
        {
            return new ProfileRefusal(ProfileStatus.BadInput, error!);
        }
        var fileName = Convert.ToHexStringLower(SHA256.HashData(image.Bytes))[..32] + "." + image.Extension;
        Directory.CreateDirectory(FolderPath);
        var path = Path.Combine(FolderPath, fileName);
        if (!File.Exists(path))
        {
            // Written aside and moved, so a reader never sees half a file under the final name.
            var partial = path + "." + Guid.NewGuid().ToString("N") + ".part";
            await File.WriteAllBytesAsync(partial, image.Bytes, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        return new ProcessedAvatar(fileName, image);
    }

    /// <summary>Deletes stored avatar <paramref name="fileName"/> unless an account still uses it (null is nothing).</summary>
    public async Task DeleteIfUnusedAsync(MeursDbContext db, string? fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (fileName is null || ImageUploads.ContentTypeOf(fileName) is null || await db.Users.AnyAsync(u => u.Avatar == fileName, cancellationToken))
        {
            return;
        }
        var path = Path.Combine(FolderPath, fileName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary><paramref name="bytes"/> for people: "8 MiB", "1.5 MiB", "512 KiB".</summary>
    public static string SizeText(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " KiB";
}
