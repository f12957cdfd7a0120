using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Per-person limit on creating servers (default 10 an hour; a token bucket from System.Threading.RateLimiting). Over it
/// the use case answers <see cref="ServerStatus.TooManyRequests"/> (429) and nothing is stored. Icons and banners count
/// against the app's one picture allowance, <see cref="ImageUploadLimits"/>.
/// </summary>
public sealed class ServerRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> creation;

    /// <summary>Builds the limiters from <see cref="ServersOptions"/>.</summary>
    public ServerRateLimits(IOptions<ServersOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        creation = RateLimits.PerKey<Guid>(Math.Max(1, o.CreationsPerHour), Math.Max(1, o.CreationsPerHour), TimeSpan.FromHours(1));
    }

    /// <summary>Takes one server creation from <paramref name="userId"/>'s allowance; false when it is used up.</summary>
    public bool TryCreate(Guid userId) => RateLimits.TryAcquire(creation, userId, out _);

    /// <inheritdoc />
    public void Dispose() => creation.Dispose();
}
