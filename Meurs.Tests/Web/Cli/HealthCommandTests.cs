using System.Net;
using System.Net.Sockets;
using Meurs.Web.Cli;

namespace Meurs.Tests.Web.Cli;

/// <summary><c>meurs health</c>, the container image's HEALTHCHECK: exit 0 for a healthy server, 1 with the reason otherwise.</summary>
public sealed class HealthCommandTests
{
    [Fact]
    public async Task Health_RunningServer_ExitsZero()
    {
        using var server = await WarmServerAsync();

        var (code, stdout, stderr) = await RunAsync("health", "--server", server.BaseAddress.ToString());

        Assert.True(code == 0, stderr);
        Assert.Equal("ok", stdout.Trim());
    }

    [Fact]
    public async Task Health_NothingListening_ExitsOneSayingWhy()
    {
        // A port that was free a moment ago: nothing answers there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, stderr) = await RunAsync("health", "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(1, code);
        Assert.StartsWith("meurs: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AddressThatIsNotMeurs_ExitsOneWithTheStatus()
    {
        using var server = await WarmServerAsync();

        // Below /nothing/ the health path is an unknown address: 404.
        var (code, _, stderr) = await RunAsync("health", "--server", new Uri(server.BaseAddress, "nothing/").ToString());

        Assert.Equal(1, code);
        Assert.Contains("answered 404", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_BadServer_ExitsOne()
    {
        var (code, _, stderr) = await RunAsync("health", "--server", "localhost:8080");

        Assert.Equal(1, code);
        Assert.Contains("--server must be an http:// or https:// URL", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "http://localhost:5000")]
    [InlineData(null, "8080", "http://127.0.0.1:8080")]
    [InlineData(null, "8080;8081", "http://127.0.0.1:8080")]
    [InlineData("http://+:9000", "8080", "http://127.0.0.1:9000")]
    [InlineData("http://*:9000", null, "http://127.0.0.1:9000")]
    [InlineData("http://0.0.0.0:9000/", null, "http://127.0.0.1:9000/")]
    [InlineData("http://[::]:9000", null, "http://127.0.0.1:9000")]
    [InlineData("https://+:9443;http://localhost:9000", null, "http://localhost:9000")]
    [InlineData("http://meurs.lan:9000", null, "http://meurs.lan:9000")]
    public void LocalServer_FromTheServersEnvironment(string? urls, string? ports, string expected)
    {
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = urls, ["ASPNETCORE_HTTP_PORTS"] = ports };

        Assert.Equal(expected, HealthCommand.LocalServer(name => environment.GetValueOrDefault(name)));
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await MeursCli.RunAsync(args, new CliConsole(TextReader.Null, stdout, stderr), CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    // The command waits 5 s; a fresh server's first answer (the health checks and the pipeline compiling) can take
    // longer on a loaded machine, which would read as a silent server: the test asks it once before the command does.
    private static async Task<LiveServer> WarmServerAsync()
    {
        var server = new LiveServer();
        using var warm = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        await warm.GetAsync(new Uri(server.BaseAddress, "health"));
        return server;
    }
}
