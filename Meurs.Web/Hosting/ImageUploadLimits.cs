using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Meurs.Web;

/// <summary>Settings of the per-person allowance of pictures decoded by <see cref="ImageUploads"/> (section <c>Images</c>).</summary>
public sealed class ImageUploadOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Images";

    /// <summary>Pictures (avatars, server icons and banners together) one person may upload at once before the hourly rate applies. Default 10.</summary>
    public int UploadBurst { get; set; } = 10;

    /// <summary>Pictures one person may upload in an hour after the burst. Default 30.</summary>
    public int UploadsPerHour { get; set; } = 30;
}

/// <summary>
/// One allowance per person for every picture the app decodes and resizes for them (<see cref="ImageUploads"/>: an
/// avatar, a server's icon or banner), since decoding is the costly part whichever feature asks: a token bucket of
/// <see cref="ImageUploadOptions.UploadBurst"/>, refilled to <see cref="ImageUploadOptions.UploadsPerHour"/> an hour.
/// Over it, the use case answers 429 and stores nothing. Singleton.
/// </summary>
public sealed class ImageUploadLimits : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> uploads;

    /// <summary>Builds the limiter from <see cref="ImageUploadOptions"/>.</summary>
    public ImageUploadLimits(IOptions<ImageUploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        uploads = RateLimits.PerKey<Guid>(Math.Max(1, o.UploadBurst), Math.Max(1, o.UploadsPerHour), TimeSpan.FromHours(1));
    }

    /// <summary>The sentence for someone past their allowance.</summary>
    public const string TooMany = "You have uploaded many images lately; try again later.";

    /// <summary>Takes one upload from <paramref name="userId"/>'s allowance; false when it is used up.</summary>
    public bool TryUpload(Guid userId) => RateLimits.TryAcquire(uploads, userId, out _);

    /// <inheritdoc />
    public void Dispose() => uploads.Dispose();
}
