using System.CommandLine;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Meurs.Web.Cli;

/// <summary>
/// <c>meurs health [--server URL]</c>: asks a running server's <c>GET /health</c> and exits 0 when it answers 200 with
/// <c>{"status":"ok"}</c>, 1 (with the reason on stderr) otherwise. The container image's HEALTHCHECK runs it, because
/// the ASP.NET runtime image has neither curl nor wget. Without <c>--server</c> it asks this machine, on the port the
/// server would listen on: the first of <c>ASPNETCORE_URLS</c>, else of <c>ASPNETCORE_HTTP_PORTS</c>, else 5000.
/// </summary>
internal static partial class HealthCommand
{
    /// <summary>How long the whole check may take before it counts as a failure.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The <c>health</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var server = ServerOptions.Server(null);
        server.Description = "The server's base URL. Default: this machine, on the port from ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS (else 5000).";
        var command = new Command("health", "Check that a running server is healthy (GET /health); exit 0 when it is, 1 with the reason otherwise.") { server };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var address = ServerOptions.ParseServer(parse.GetValue(server) ?? LocalServer(Environment.GetEnvironmentVariable));
            await CheckAsync(address, cancellationToken);
            await context.Console.Out.WriteLineAsync("ok");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Where a server started with the environment <paramref name="environment"/> listens, as seen from the same machine:
    /// a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) becomes 127.0.0.1; an http address is preferred.
    /// </summary>
    public static string LocalServer(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var urls = Split(environment("ASPNETCORE_URLS"));
        if (urls.Count > 0)
        {
            var url = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls[0];
            return WildcardHost().Replace(url, "${scheme}127.0.0.1", 1);
        }
        var ports = Split(environment("ASPNETCORE_HTTP_PORTS"));
        return ports.Count > 0 ? $"http://127.0.0.1:{ports[0]}" : ServerOptions.DefaultServer;
    }

    [GeneratedRegex(@"^(?<scheme>[a-zA-Z]+://)(\+|\*|0\.0\.0\.0|\[::\])(?=[:/]|$)")]
    private static partial Regex WildcardHost();

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static async Task CheckAsync(Uri server, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var url = new Uri(server, "health");
        try
        {
            using var response = await client.GetAsync(url, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK || Status(body) != "ok")
            {
                throw new CliException($"{url} answered {(int)response.StatusCode}: {(body.Length > 200 ? body[..200] : body)}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{url} did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }

    private static string? Status(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String ? status.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
