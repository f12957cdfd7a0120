using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Meurs.Media.Dtls;

namespace Meurs.Bench.Sfu;

/// <summary>
/// Debian's janus (1.1.2) as the reference SFU: the native binary with a configuration written to a temporary folder
/// (only the videoroom plugin and the HTTP transport loaded, HTTP on 127.0.0.1, ICE-Lite on the loopback interface
/// only, no STUN or TURN), driven through the videoroom's HTTP API with the same bots: a publisher offers, Janus
/// answers; a subscriber joins with all the feeds in one multistream handle, Janus offers, the bot answers.
/// </summary>
/// <remarks>
/// ICE-Lite makes Janus take the same ICE role as Meurs (answering checks, never sending any), so the bots run the
/// same ICE code against both. Janus' own defaults otherwise (debug level 4, as packaged).
/// </remarks>
internal static partial class JanusSfu
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan EventLimit = TimeSpan.FromSeconds(30);

    /// <summary>Writes a configuration folder under <paramref name="folder"/> and starts janus on it.</summary>
    public static async Task<ServerProcess> StartAsync(string janus, string libraries, DirectoryInfo folder)
    {
        var port = FreeTcpPort();
        var address = HostAddress();
        var conf = folder.CreateSubdirectory("conf").FullName;
        var plugins = folder.CreateSubdirectory("plugins").FullName;
        var transports = folder.CreateSubdirectory("transports").FullName;
        var empty = folder.CreateSubdirectory("empty").FullName;
        File.CreateSymbolicLink(Path.Combine(plugins, "libjanus_videoroom.so"), Path.Combine(libraries, "plugins", "libjanus_videoroom.so"));
        File.CreateSymbolicLink(Path.Combine(transports, "libjanus_http.so"), Path.Combine(libraries, "transports", "libjanus_http.so"));
        await File.WriteAllTextAsync(Path.Combine(conf, "janus.jcfg"), $$"""
            general: {
                configs_folder = "{{conf}}"
                plugins_folder = "{{plugins}}"
                transports_folder = "{{transports}}"
                events_folder = "{{empty}}"
                loggers_folder = "{{empty}}"
                debug_level = {{System.Environment.GetEnvironmentVariable("BENCH_JANUS_DEBUG") ?? "4"}}
                server_name = "meurs-bench"
                session_timeout = 120
            }
            certificates: {
            }
            media: {
                rtp_port_range = "20000-40000"
            }
            nat: {
                nice_debug = false
                ice_lite = true
                ice_enforce_list = "{{address}}"
                ignore_mdns = true
            }
            plugins: {
            }
            transports: {
            }
            events: {
                broadcast = false
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(conf, "janus.transport.http.jcfg"), $$"""
            general: {
                json = "compact"
                base_path = "/janus"
                http = true
                port = {{port}}
                ip = "127.0.0.1"
                https = false
            }
            admin: {
                admin_http = false
                admin_https = false
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(conf, "janus.plugin.videoroom.jcfg"), "general: {\n}\n");
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        return await ServerProcess.StartAsync("janus", janus, ["-F", conf, "-C", Path.Combine(conf, "janus.jcfg"), "--disable-colors", "--interface=127.0.0.1", .. (System.Environment.GetEnvironmentVariable("BENCH_JANUS_DEBUG") is null ? Array.Empty<string>() : ["-l"])],
            new Dictionary<string, string>(), folder.FullName, StartLimit, ReadyLine(), baseAddress);
    }

    /// <summary>Creates a room, publishes every publisher's offer, then subscribes every subscriber to all the feeds.</summary>
    public static async Task<Participants> ConnectAsync(ServerProcess server, ScenarioSpec spec, DtlsCertificate certificate, CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(HostAddress());
        var janus = new JanusClient(server.BaseAddress);
        var participants = new Participants();
        participants.Signalling.Add(janus);
        try
        {
            await janus.CreateSessionAsync(cancellationToken);
            var admin = await janus.AttachAsync(cancellationToken);
            var room = Random.Shared.NextInt64(1, 1L << 40);
            await janus.RequestAsync(admin, new JsonObject
            {
                ["request"] = "create",
                ["room"] = room,
                ["publishers"] = spec.Publishers + 10,
                ["bitrate"] = 0,
                ["fir_freq"] = 0,
                ["audiocodec"] = "opus",
                ["videocodec"] = "vp8",
                ["notify_joining"] = false,
            }, cancellationToken);

            var feeds = new List<long>();
            for (var p = 0; p < spec.Publishers; p++)
            {
                var bot = new RtcBot($"pub{p}", certificate, address);
                var ssrc = (uint)(0x10000000 + p);
                participants.Publishers.Add(new Publisher(bot, spec.Kind, ssrc, p));
                var handle = await janus.AttachAsync(cancellationToken);
                var joined = await janus.MessageAsync(handle,
                    new JsonObject { ["request"] = "joinandconfigure", ["room"] = room, ["ptype"] = "publisher", ["display"] = bot.Name },
                    new JsonObject { ["type"] = "offer", ["sdp"] = BotSdp.PublishOffer(bot, spec.Kind, ssrc) },
                    e => e["jsep"] is not null, EventLimit, cancellationToken);
                feeds.Add(joined["plugindata"]!["data"]!["id"]!.GetValue<long>());
                await janus.TrickleCompletedAsync(handle, cancellationToken);
                var answerText = joined["jsep"]!["sdp"]!.GetValue<string>();
                if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
                {
                    Console.Error.WriteLine("janus publish answer:\n" + answerText);
                }
                var answer = BotSdp.Parse(answerText);
                var (candidate, ufrag, password, fingerprint, role) = BotSdp.Remote(answer, isOffer: false);
                bot.Start(candidate, ufrag, password, fingerprint, role);
            }

            // Janus offers a feed to subscribers only once its publisher's PeerConnection is up ("No such feed" before).
            await participants.WaitConnectedAsync(EventLimit, cancellationToken);
            for (var i = 0; i < spec.Subscribers; i++)
            {
                var bot = new RtcBot($"sub{i}", certificate, address);
                var reception = new Reception(spec.Publishers);
                bot.RtpReceived = reception.OnRtp;
                participants.Subscribers.Add(new Subscriber(bot, reception));
            }
            await Parallel.ForAsync(0, spec.Subscribers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var bot = participants.Subscribers[i].Bot;
                var handle = await janus.AttachAsync(ct);
                var streams = new JsonArray(feeds.Select(f => (JsonNode)new JsonObject { ["feed"] = f }).ToArray());
                JsonNode? attached = null;
                for (var attempt = 0; attached is null; attempt++)
                {
                    try
                    {
                        attached = await janus.MessageAsync(handle,
                            new JsonObject { ["request"] = "join", ["room"] = room, ["ptype"] = "subscriber", ["streams"] = streams.DeepClone() },
                            null, e => e["jsep"] is not null, EventLimit, ct);
                    }
                    catch (InvalidOperationException ex) when (attempt < 50 && ex.Message.Contains("No such feed", StringComparison.Ordinal))
                    {
                        await Task.Delay(100, ct);
                    }
                }
                var offer = BotSdp.Parse(attached["jsep"]!["sdp"]!.GetValue<string>());
                await janus.MessageAsync(handle,
                    new JsonObject { ["request"] = "start" },
                    new JsonObject { ["type"] = "answer", ["sdp"] = BotSdp.SubscribeAnswer(bot, offer) },
                    e => e["plugindata"]?["data"]?["started"] is not null, EventLimit, ct);
                await janus.TrickleCompletedAsync(handle, ct);
                var (candidate, ufrag, password, fingerprint, role) = BotSdp.Remote(offer, isOffer: true);
                bot.Start(candidate, ufrag, password, fingerprint, role);
            });
            return participants;
        }
        catch
        {
            await participants.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The address Janus gathers its one candidate on. Janus 1.1.2 skips loopback interfaces when it gathers
    /// (src/ice.c, janus_ice_setup_local: "Skip loopback interfaces"), so 127.0.0.1 cannot be its candidate; the
    /// machine's own first IPv4 address is the nearest thing: the kernel delivers packets to a local address over the
    /// loopback device, so nothing leaves the machine.
    /// </summary>
    public static string HostAddress() =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up && i.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))?.ToString()
        ?? throw new InvalidOperationException("no non-loopback IPv4 address for Janus to gather on (Janus 1.1.2 never gathers on loopback)");

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The HTTP transport's last start-up line.</summary>
    [GeneratedRegex(@"JANUS REST \(HTTP/HTTPS\) transport plugin initialized")]
    private static partial Regex ReadyLine();

    public static string Version(string janus)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(janus, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = System.Diagnostics.Process.Start(start);
            var text = process?.StandardOutput.ReadToEnd() ?? "";
            process?.WaitForExit(5000);
            return text.Split('\n').FirstOrDefault(l => l.Contains("Janus", StringComparison.OrdinalIgnoreCase))?.Trim() ?? "janus (version unknown)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "janus (not found)";
        }
    }
}
