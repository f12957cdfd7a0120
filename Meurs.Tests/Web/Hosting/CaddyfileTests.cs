using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;

namespace Meurs.Tests.Web.Hosting;

/// <summary>The shipped Caddyfile agrees with the app's own limits (its behaviour is tested end to end in Meurs.E2E).</summary>
public sealed partial class CaddyfileTests
{
    [Fact]
    public void RequestBodyLimit_FitsTheLargestSharedFilePlusItsForm()
    {
        var caddyfile = File.ReadAllText(Path.Combine(MeursFactory.RepoRoot, "Caddyfile"));
        var match = MaxBodyRegex().Match(caddyfile);
        Assert.True(match.Success, "no request_body max_size {$MEURS_MAX_BODY:<n>MiB} in the Caddyfile");
        var limit = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024;
        var largestFile = new RoomsOptions().MaxSharedFileBytes;

        // Room for the multipart boundary, headers and antiforgery field, but not a second file's worth.
        Assert.InRange(limit - largestFile, 16 * 1024, 4 * 1024 * 1024);
    }

    [GeneratedRegex(@"max_size \{\$MEURS_MAX_BODY:(\d+)MiB\}")]
    private static partial Regex MaxBodyRegex();
}
