using System.Diagnostics;
using System.Globalization;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Listen;

/// <summary>
/// Listening-session sync benchmark (issue 12). Meurs is the Release build in a child process on 127.0.0.1 with a fresh
/// data folder and a library of the repository's samples plus one long tone. Per round (one per --clients value) three
/// sessions run side by side, each with N model listeners on real sockets: Meurs' player (the page's own scripts in
/// Jint), the original player's algorithm with the same clock offsets, and the original algorithm on exact clocks. The
/// host plays, the listeners converge, a steady window is measured, then the host seeks a few times. Prints a Markdown
/// report on stdout (progress on stderr) ending with the command that reproduces it.
/// </summary>
internal static class Program
{
    /// <summary>How often every listener's heard position is sampled.</summary>
    public const int SampleMs = 50;

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan OverallLimit = TimeSpan.FromMinutes(20);

    // Seek targets relative to the expected position at the time of the seek, in turn.
    private static readonly long[] SeekDeltasMs = [30_000, -20_000, 45_000, -25_000, 15_000, -35_000];

    public static async Task<int> Main(string[] args)
    {
        var options = ListenOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(string.IsNullOrEmpty(error) ? ListenOptions.Usage : error + "\n" + ListenOptions.Usage);
            return string.IsNullOrEmpty(error) ? 0 : 2;
        }
        var root = BenchHost.FindRepositoryRoot();
        var meursDll = Path.Combine(root, "Meurs.Web", "bin", "Release", "net10.0", "meurs.dll");
        if (!File.Exists(meursDll))
        {
            await Console.Error.WriteLineAsync($"{meursDll} is missing: run `dotnet build -c Release Meurs.Web` first (bench/listen/run.sh does).");
            return 2;
        }
        using var overall = new CancellationTokenSource(OverallLimit);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            overall.Cancel();
        };
        var report = new Report(options) { LoadBefore = BenchHost.LoadAverage(), Source = BenchHost.SourceVersion() };
        var started = Stopwatch.GetTimestamp();
        var data = Directory.CreateTempSubdirectory("meurs-bench-listen-");
        try
        {
            await RunAsync(options, root, meursDll, data.FullName, report, overall.Token);
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested)
        {
            report.Notes.Add($"The run was cancelled (Ctrl+C or the {OverallLimit.TotalMinutes:F0}-minute limit); the figures are the rounds that finished.");
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
        return report.Rounds.Count == options.Clients.Length ? 0 : 1;
    }

    private static async Task RunAsync(ListenOptions options, string root, string meursDll, string data, Report report, CancellationToken ct)
    {
        var library = Path.Combine(data, "library");
        BenchLibrary.Create(root, library);
        var environment = BenchHost.MeursEnvironment(Path.Combine(data, "data"));
        environment["Library__Path"] = library;
        await using var meurs = await ServerProcess.StartAsync("meurs", meursDll, ["--urls", "http://127.0.0.1:0"], environment, root, StartLimit);
        Progress($"Meurs listening on {meurs.BaseAddress} (pid {meurs.Pid}), data in {data}");

        var maxClients = options.Clients.Max();
        var users = Groups.Length * (1 + maxClients) + (options.Chromium ? 1 + MaxPages : 0);
        using var accounts = new MeursApi(meurs.BaseAddress, 8);
        var (tokens, registration) = await accounts.RegisterAndLogInAsync(users, 8, ct);
        Progress($"setup: {users} users registered and logged in in {registration.TotalSeconds:F1} s");
        using var api = new ListenApi(meurs.BaseAddress);
        var (longTrack, samples) = await WaitForLibraryAsync(api, tokens[0], ct);
        report.Notes.Add(Invariant($"Setup (not measured): {users} users registered and logged in through /api/auth ({registration.TotalSeconds:F1} s); the library is the repository's media/music samples plus a {BenchLibrary.LongTrackSeconds} s tone written by the bench (WAV), listed through GET /api/library ({samples.Length} sample tracks)."));
        var scripts = (Sync: File.ReadAllText(Path.Combine(root, "wwwroot", "js", "listen-sync.js")), Player: File.ReadAllText(Path.Combine(root, "wwwroot", "js", "listen-player.js")));

        foreach (var count in options.Clients)
        {
            Progress($"round: {count} listeners per session, {Groups.Length} sessions side by side");
            report.Rounds.Add(await RoundAsync(api, tokens, maxClients, count, longTrack, samples, scripts, options, ct));
            foreach (var g in report.Rounds[^1].Groups)
            {
                Progress(Report.Line(g));
            }
        }
        report.Notes.AddRange(RoundNotes);
        if (meurs.Warnings > 0)
        {
            report.Notes.Add($"Meurs logged {meurs.Warnings} warnings or errors: {string.Join(" ", meurs.FirstWarnings)}");
        }
    }

    /// <summary>Most Chromium pages per round (--chromium): each is a whole browser renderer on a 2-core machine.</summary>
    public const int MaxPages = 4;

    private static readonly List<string> RoundNotes = [];

    /// <summary>The three kinds of listener, one session each per round.</summary>
    private static readonly (string Name, bool Player, bool ExactClock)[] Groups =
    [
        ("Meurs player (listen-sync.js)", true, false),
        ("original algorithm, same clocks", false, false),
        ("original algorithm, exact clocks", false, true),
    ];

    private static async Task<Round> RoundAsync(ListenApi api, string[] tokens, int maxClients, int count, LibraryTrack longTrack, LibraryTrack[] samples,
        (string Sync, string Player) scripts, ListenOptions options, CancellationToken ct)
    {
        // Client i of every group has the same clock error, latencies and (but for exact clocks) offset. One generator
        // for all, drawn in order: listener i is the same in every round and every run of a seed (consecutive seeds of
        // System.Random give correlated first draws, and HashCode.Combine is seeded per process).
        var draw = new Random(options.Seed);
        var setups = Enumerable.Range(0, count).Select(_ =>
        {
            var offset = (draw.NextDouble() * 2 - 1) * options.MaxOffsetMs;
            var skew = (draw.Next(2) == 0 ? -1 : 1) * (0.001 + draw.NextDouble() * 0.004);
            var rateLatency = 20 + draw.NextDouble() * 20;
            return new ClientSetup(offset, skew, rateLatency, draw.Next());
        }).ToArray();

        var sessions = new List<(string Name, SessionInfo Session, string Host, Timeline Timeline, List<ClientTrace> Traces)>();
        for (var g = 0; g < Groups.Length; g++)
        {
            var hostToken = tokens[g * (1 + maxClients)];
            var session = await api.StartSessionAsync(hostToken, longTrack.Id, ct);
            foreach (var sample in samples.Take(3))
            {
                await api.AddAsync(hostToken, session.Id, sample.Id, ct);
            }
            var timeline = new Timeline();
            var traces = new List<ClientTrace>();
            for (var i = 0; i < count; i++)
            {
                var token = tokens[g * (1 + maxClients) + 1 + i];
                await api.JoinAsync(token, session.Code, ct);
                var setup = Groups[g].ExactClock ? setups[i] with { OffsetMs = 0 } : setups[i];
                ModelClient client = Groups[g].Player ? new PlayerClient(setup, timeline, scripts.Sync, scripts.Player) : new ReferenceClient(setup, timeline);
                await client.ConnectAsync(api.SocketUri(session.Id), token, ct);
                traces.Add(new ClientTrace(client));
            }
            sessions.Add((Groups[g].Name, session, hostToken, timeline, traces));
        }
        ChromiumPages? pages = null;
        ObserverClient? observer = null;
        if (options.Chromium)
        {
            var first = Groups.Length * (1 + maxClients);
            var hostToken = tokens[first];
            var session = await api.StartSessionAsync(hostToken, longTrack.Id, ct);
            var timeline = new Timeline();
            var pageCount = Math.Min(count, MaxPages);
            for (var i = 0; i < pageCount; i++)
            {
                await api.JoinAsync(tokens[first + 1 + i], session.Code, ct);
            }
            observer = new ObserverClient(timeline);
            await observer.ConnectAsync(api.SocketUri(session.Id), hostToken, ct);
            try
            {
                pages = await ChromiumPages.OpenAsync(api.BaseAddress, Enumerable.Range(first + 1, pageCount).Select(MeursApi.UserName), session.Id);
                sessions.Add(($"Chromium pages (/listen/{{id}}, #player-audio)", session, hostToken, timeline, [.. pages.Traces]));
            }
            catch (Exception ex) when (ex is PageMissingException or Microsoft.Playwright.PlaywrightException)
            {
                RoundNotes.Add($"--chromium ({count} listeners): {ex.Message.Split('\n')[0]}");
                await observer.DisposeAsync();
                observer = null;
                await api.EndAsync(hostToken, session.Id, CancellationToken.None);
            }
        }
        try
        {
            // Clocks estimated (a burst of five exchanges) and the track loaded before play.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(() => SampleAsync([.. sessions.SelectMany(s => s.Traces).Where(t => t.Client is not null)], sampling.Token), CancellationToken.None);
            var pageSampler = pages?.SampleAsync(sampling.Token) ?? Task.CompletedTask;

            var playAt = TrueClock.NowMs();
            var played = await Task.WhenAll(sessions.Select(s => api.PlaybackAsync(s.Host, s.Session.Id, "play", null, ct)));
            for (var g = 0; g < sessions.Count; g++)
            {
                sessions[g].Timeline.Add(played[g]);
            }
            var steadyEnd = playAt + (options.Warmup + options.Seconds) * 1000.0;
            Progress(Invariant($"  playing; convergence window {options.Warmup} s, then {options.Seconds} s steady"));
            var seekAts = new double[options.Seeks];
            for (var k = 0; k < options.Seeks; k++)
            {
                await TrueClock.WaitUntilAsync(steadyEnd + 500 + k * options.SeekEvery * 1000.0, ct);
                var delta = SeekDeltasMs[k % SeekDeltasMs.Length];
                seekAts[k] = TrueClock.NowMs();
                var states = await Task.WhenAll(sessions.Select(s =>
                {
                    var now = Timeline.At(s.Timeline.Ordered(), TrueClock.NowMs());
                    var target = (long)Math.Max(0, (now?.ExpectedAt(TrueClock.NowMs()) ?? 0) + delta);
                    return api.PlaybackAsync(s.Host, s.Session.Id, "seek", target, ct);
                }));
                for (var g = 0; g < sessions.Count; g++)
                {
                    sessions[g].Timeline.Add(states[g]);
                }
                Progress(Invariant($"  seek {k + 1}/{options.Seeks} ({delta / 1000:+0;-0} s)"));
            }
            await TrueClock.WaitUntilAsync(options.Seeks > 0 ? seekAts[^1] + options.SeekEvery * 1000.0 : steadyEnd + 500, ct);
            await sampling.CancelAsync();
            await sampler;
            await pageSampler;
            if (pages is not null)
            {
                foreach (var line in await pages.DescribeAsync())
                {
                    Progress("  page: " + line);
                }
            }
            var listeners = string.Join(", ", setups.Select(x => Invariant($"{x.OffsetMs / 1000:+0.00;-0.00} s / {x.Skew * 100:+0.00;-0.00} %")));
            return new Round(count, [.. sessions.Select(s => Analysis.Figures(s.Name, s.Traces, s.Timeline, playAt, seekAts, options))], listeners);
        }
        finally
        {
            foreach (var s in sessions)
            {
                foreach (var t in s.Traces)
                {
                    if (t.Client is not null)
                    {
                        await t.Client.DisposeAsync();
                    }
                }
                await api.EndAsync(s.Host, s.Session.Id, CancellationToken.None);
            }
            if (pages is not null)
            {
                await pages.DisposeAsync();
            }
            if (observer is not null)
            {
                await observer.DisposeAsync();
            }
        }
    }

    // Every SampleMs: what each listener hears now. The position is exact for the instant read (MediaModel), so the
    // sampler's own lateness on a loaded machine only moves the sampling instants, not the figures.
    private static async Task SampleAsync(ClientTrace[] traces, CancellationToken ct)
    {
        var next = TrueClock.NowMs();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var trace in traces)
                {
                    trace.Samples.Add(trace.Client!.Media.Audible());
                }
                next += SampleMs;
                await TrueClock.WaitUntilAsync(next, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    private static async Task<(LibraryTrack Long, LibraryTrack[] Samples)> WaitForLibraryAsync(ListenApi api, string token, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 120;
        while (true)
        {
            var items = await api.LibraryAsync(token, ct);
            var longTrack = items.FirstOrDefault(i => i.Title.Contains(BenchLibrary.LongTrackTitle, StringComparison.Ordinal) && i.DurationMs is > 0);
            if (longTrack is not null)
            {
                return (longTrack, [.. items.Where(i => i.Kind == "audio" && i.Id != longTrack.Id && i.DurationMs is > 0)]);
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException("the bench's long track did not appear in GET /api/library within 2 minutes");
            }
            await Task.Delay(500, ct);
        }
    }

    public static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One round: <see cref="Clients"/> listeners per session, the figures of each group.</summary>
/// <param name="Listeners">Each listener's clock offset and element clock error, for the report.</param>
internal sealed record Round(int Clients, GroupFigures[] Groups, string Listeners);
