using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Per-person limits on what costs the most (token buckets from System.Threading.RateLimiting): creating servers (default
/// 10 an hour) and uploading icons and banners (default burst 10, then 30 an hour; each is decoded and resized). Over a
/// limit the use case answers <see cref="ServerStatus.TooManyRequests"/> (429) and nothing is stored.
/// </summary>
public sealed class ServerRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> creation;
    private readonly PartitionedRateLimiter<Guid> images;

    /// <summary>Builds the limiters from <see cref="ServersOptions"/>.</summary>
    public ServerRateLimits(IOptions<ServersOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        creation = RateLimits.PerKey<Guid>(Math.Max(1, o.CreationsPerHour), Math.Max(1, o.CreationsPerHour), TimeSpan.FromHours(1));
        images = RateLimits.PerKey<Guid>(Math.Max(1, o.ImageUploadBurst), Math.Max(1, o.ImageUploadsPerHour), TimeSpan.FromHours(1));
    }

    /// <summary>Takes one server creation from <paramref name="userId"/>'s allowance; false when it is used up.</summary>
    public bool TryCreate(Guid userId) => RateLimits.TryAcquire(creation, userId, out _);

    /// <summary>Takes one image upload from <paramref name="userId"/>'s allowance; false when it is used up.</summary>
    public bool TryUploadImage(Guid userId) => RateLimits.TryAcquire(images, userId, out _);

    /// <inheritdoc />
    public void Dispose()
    {
        creation.Dispose();
        images.Dispose();
    }
}
