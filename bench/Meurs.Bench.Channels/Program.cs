using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Channels;

/// <summary>
/// Text-channel benchmark (issue 11): (1) the channel page against the message-list fragment, (2) send-to-visible
/// latency with many subscribers, Meurs against a bare Kestrel broadcaster, (3) persisted messages per second. Meurs is
/// the Release build in a child process on 127.0.0.1 with a fresh SQLite file in a temporary folder. Prints a Markdown
/// report on stdout (progress on stderr); every phase has a time limit, the whole run at most 15 minutes.
/// </summary>
internal static partial class Program
{
    private const int SetupParallelism = 8;
    private const int SeedMessages = 60;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan OverallLimit = TimeSpan.FromMinutes(15);

    public static async Task<int> Main(string[] args)
    {
        if (args is [FloorServer.Flag])
        {
            return await FloorServer.RunAsync(OverallLimit);
        }
        var options = ChannelOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(string.IsNullOrEmpty(error) ? ChannelOptions.Usage : error + "\n" + ChannelOptions.Usage);
            return string.IsNullOrEmpty(error) ? 0 : 2;
        }
        var root = BenchHost.FindRepositoryRoot();
        var meursDll = Path.Combine(root, "Meurs.Web", "bin", "Release", "net10.0", "meurs.dll");
        if (!File.Exists(meursDll))
        {
            await Console.Error.WriteLineAsync($"{meursDll} is missing: run `dotnet build -c Release Meurs.Web` first (bench/channels/run.sh does).");
            return 2;
        }

        using var overall = new CancellationTokenSource(OverallLimit);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            overall.Cancel();
        };
        var report = new Report(options, meursDll) { LoadBefore = BenchHost.LoadAverage() };
        var started = Stopwatch.GetTimestamp();
        var data = Directory.CreateTempSubdirectory("meurs-bench-channels-");
        try
        {
            await RunAsync(options, root, meursDll, data.FullName, report, overall.Token);
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested)
        {
            report.Notes.Add($"The run was cancelled (Ctrl+C or the {OverallLimit.TotalMinutes:F0}-minute limit); the figures are the phases that finished.");
        }
        finally
        {
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
        report.LoadAfter = BenchHost.LoadAverage();
        report.TotalSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(report.Markdown());
        return report.Complete ? 0 : 1;
    }

    private static async Task RunAsync(ChannelOptions options, string root, string meursDll, string data, Report report, CancellationToken ct)
    {
        var users = options.UserCount;
        var environment = BenchHost.MeursEnvironment(data);
        var socketsPerUser = (options.Subscribers + users - 1) / users;
        if (socketsPerUser > 20)
        {
            environment["Realtime__MaxSocketsPerUser"] = socketsPerUser.ToString(CultureInfo.InvariantCulture);
        }
        await using var meurs = await ServerProcess.StartAsync("meurs", meursDll, ["--urls", "http://127.0.0.1:0"], environment, root, StartLimit);
        Progress($"Meurs listening on {meurs.BaseAddress} (pid {meurs.Pid}), data in {data}");

        // Setup, not measured: people, a server, three text channels, members, the page's messages.
        using var accounts = new MeursApi(meurs.BaseAddress, SetupParallelism);
        var (tokens, registration) = await accounts.RegisterAndLogInAsync(users, SetupParallelism, ct);
        Progress($"setup: {users} users registered and logged in in {registration.TotalSeconds:F1} s");
        using var api = new ChannelsApi(meurs.BaseAddress, Math.Max(64, options.Writers + options.Rate));
        var server = await api.CreateServerAsync(tokens[0], "bench", ct);
        var pageChannel = await api.CreateTextChannelAsync(tokens[0], server, "page", ct);
        var fanOutChannel = await api.CreateTextChannelAsync(tokens[0], server, "fan-out", ct);
        var writesChannel = await api.CreateTextChannelAsync(tokens[0], server, "writes", ct);
        await Parallel.ForAsync(1, users, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = ct },
            async (i, c) => await api.JoinAsync(tokens[i], server, c));
        var newest = "";
        for (var i = 0; i < SeedMessages; i++)
        {
            newest = await api.SendMessageAsync(tokens[i % users], pageChannel, SeedText(i), ct);
        }
        report.Notes.Add(Invariant($"Setup (not measured): {users} users registered and logged in through /api/auth ({registration.TotalSeconds:F1} s), one open server, three text channels, {users - 1} joins, {SeedMessages} markdown messages from {Math.Min(users, SeedMessages)} authors in the page channel."));

        await MeasurePagesAsync(meurs, api, server, pageChannel, newest, options, report, ct);

        Progress($"fan-out: {options.Subscribers} subscribers, {options.Rate} messages/s for {options.Seconds} s");
        report.FanOuts.Add(await FanOut.RunAsync("Meurs", meurs, new Uri($"ws://{meurs.BaseAddress.Authority}/api/ws/channels/{fanOutChannel}"), tokens, expectsGreeting: true,
            (content, c) => api.TrySendMessageAsync(tokens[0], fanOutChannel, content, c), HttpStatusCode.Created, options, Progress, ct));
        Progress(Report.Line(report.FanOuts[^1]));
        report.FanOuts.Add(await FloorFanOutAsync(root, options, ct));
        Progress(Report.Line(report.FanOuts[^1]));

        Progress($"writes: {options.Writers} writers for {options.Seconds} s");
        report.Writes = await Writers.RunAsync(api, meurs, writesChannel, tokens, options, ct);
        Progress(Report.Line(report.Writes));
        if (meurs.Warnings > 0)
        {
            report.Notes.Add($"Meurs logged {meurs.Warnings} warnings or errors: {string.Join(" ", meurs.FirstWarnings)}");
        }
    }

    /// <summary>
    /// (1): the fragment the channel page loads older messages with, the channel page itself when this build has it,
    /// and /communities (a full page of the same layout without messages) so the fragment has a page to be set against.
    /// </summary>
    private static async Task MeasurePagesAsync(ServerProcess meurs, ChannelsApi api, string server, string channel, string newest, ChannelOptions options, Report report, CancellationToken ct)
    {
        using var browser = await ChannelsApi.SignInBrowserAsync(api.BaseAddress, MeursApi.UserName(0), options.Concurrency, ct);
        var fragment = $"channels/{channel}/messages?before={newest}";
        var html = await browser.GetStringAsync(fragment, ct);
        var shown = SeedId().Matches(html).Select(m => m.Groups[1].Value).Distinct().Count();
        if (shown != 50)
        {
            throw new InvalidOperationException($"the fragment shows {shown} of the seeded messages, not 50");
        }
        var pagePath = $"servers/{server}/channels/{channel}";
        using var probe = await browser.GetAsync(pagePath, ct);
        var targets = new List<(string Name, string Path)> { ("message-list fragment (50 messages)", fragment) };
        if (probe.StatusCode == HttpStatusCode.OK)
        {
            var pageShown = SeedId().Matches(await probe.Content.ReadAsStringAsync(ct)).Select(m => m.Groups[1].Value).Distinct().Count();
            targets.Add(($"channel page ({pageShown} messages)", pagePath));
        }
        else
        {
            report.Notes.Add($"GET /{pagePath} answered {(int)probe.StatusCode} on this build: the channel page is not there yet, so (1) sets the fragment against /communities, the full page (same layout, head, navigation, server list) without messages.");
        }
        targets.Add(("full page /communities (layout, no messages)", "communities"));
        foreach (var (name, path) in targets)
        {
            Progress($"pages: {name}, {options.Concurrency} loops for {options.Seconds} s");
            report.Pages.Add(await PageLoad.RunAsync(name, browser, path, meurs, options.Concurrency, TimeSpan.FromSeconds(options.Seconds), ct));
            Progress(Report.Line(report.Pages[^1]));
        }
    }

    /// <summary>The reference for (2): the rooms bench's floor broadcaster, its POST /broadcast standing for Meurs' POST of a message.</summary>
    private static async Task<FanOutResult> FloorFanOutAsync(string root, ChannelOptions options, CancellationToken ct)
    {
        var benchDll = Assembly.GetExecutingAssembly().Location;
        await using var floor = await ServerProcess.StartAsync("floor", benchDll, [FloorServer.Flag], new Dictionary<string, string>(), root, StartLimit);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = floor.BaseAddress };
        async Task<HttpStatusCode> SendAsync(string content, CancellationToken c)
        {
            using var response = await http.PostAsync("broadcast", new StringContent(content), c);
            return response.StatusCode;
        }
        return await FanOut.RunAsync("floor", floor, new Uri($"ws://{floor.BaseAddress.Authority}/ws"), tokens: null, expectsGreeting: false,
            SendAsync, HttpStatusCode.NoContent, options, Progress, ct);
    }

    /// <summary>A chat line of ordinary length with the markdown a channel renders (bold, code, a link).</summary>
    private static string SeedText(int i) =>
        Invariant($"bench-seed {i}: a message with **bold** words, some `inline code`, a [link](https://example.org/{i}) and enough ordinary text to be the length of a chat line.");

    private static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"bench-seed (\d+):")]
    private static partial Regex SeedId();
}
