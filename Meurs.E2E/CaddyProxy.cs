using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Meurs.E2E;

/// <summary>
/// Debian's Caddy (<c>/usr/bin/caddy</c>, or <c>MEURS_CADDY</c>) in front of a <see cref="MeursServer"/>, run from the
/// repository's own Caddyfile with <c>tls internal</c> on <c>https://localhost:PORT</c>. Everything Caddy keeps (its
/// local CA, certificates, autosaved config) goes to a temporary HOME/XDG folder; its admin endpoint is off, it binds
/// 127.0.0.1 only, and it does not try to install its CA into the system's trust store.
/// </summary>
public sealed class CaddyProxy : IAsyncDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("meurs-caddy-").FullName;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> log = new();
    private Process? process;

    public CaddyProxy()
    {
        HttpsPort = FreePort();
        PublicAddress = new Uri($"https://localhost:{HttpsPort}/");
    }

    public int HttpsPort { get; }

    /// <summary>What browsers open: <c>https://localhost:PORT/</c>; give it to the app as <c>Proxy__PublicUrl</c>.</summary>
    public Uri PublicAddress { get; }

    /// <summary>What Caddy printed, for failure messages.</summary>
    public string Log => string.Join('\n', log);

    /// <summary>Starts Caddy in front of <paramref name="upstream"/> and waits until the app's /health answers through it.</summary>
    public async Task StartAsync(MeursServer upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var caddy = Environment.GetEnvironmentVariable("MEURS_CADDY") ?? "/usr/bin/caddy";
        if (!File.Exists(caddy))
        {
            throw new FileNotFoundException("Install Debian's caddy first (sudo apt-get install caddy), or set MEURS_CADDY.", caddy);
        }
        var start = new ProcessStartInfo(caddy)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--config", Path.Combine(upstream.RepositoryRoot, "Caddyfile"), "--adapter", "caddyfile" })
        {
            start.ArgumentList.Add(arg);
        }
        // The shipped Caddyfile, configured as its comments describe; the global options are the test's own.
        start.Environment["MEURS_SITE"] = $"localhost:{HttpsPort}";
        start.Environment["MEURS_TLS"] = "internal";
        start.Environment["MEURS_UPSTREAM"] = upstream.BaseAddress.Authority;
        start.Environment["MEURS_CADDY_OPTIONS"] = string.Join('\n',
            "admin off", "skip_install_trust", "default_bind 127.0.0.1", "auto_https disable_redirects", $"http_port {FreePort()}");
        start.Environment["HOME"] = home;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(home, "data");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, "config");
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start caddy");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Caddy's certificate comes from its own CA, which nothing here trusts: this one client skips the check.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"caddy exited with {process.ExitCode}:\n{Log}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(PublicAddress, "health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still issuing its certificate.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"caddy did not serve {PublicAddress}health within 60 s:\n{Log}");
            }
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    // A loopback port free a moment ago (the OS picks it); Caddy binds it right after.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
