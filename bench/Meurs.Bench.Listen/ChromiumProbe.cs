namespace Meurs.Bench.Listen;

/// <summary>--chromium: real pages, when this build has the session page (placeholder until it does).</summary>
internal static class ChromiumProbe
{
    public static Task<string> RunAsync(Uri baseAddress, CancellationToken cancellationToken) =>
        Task.FromResult("--chromium: not measured in this version.");
}
