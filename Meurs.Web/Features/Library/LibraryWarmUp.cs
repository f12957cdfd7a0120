using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Library;

/// <summary>Scans the library once when the server starts, so the first visitor does not wait for it.</summary>
internal sealed class LibraryWarmUp(MediaLibrary library, IOptions<LibraryOptions> options, ILogger<LibraryWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScanOnStart)
        {
            return;
        }
        try
        {
            await library.RefreshAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the scan finished: the next request scans.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            logger.LogWarning(e, "The first library scan failed; the next request tries again");
        }
    }
}
