using System.Globalization;
using System.Text;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Channels;

/// <summary>The Markdown report: the three tables, the command that reproduces them, the machine and its load.</summary>
internal sealed class Report(ChannelOptions options, string meursDll)
{
    public List<PageResult> Pages { get; } = [];

    public List<FanOutResult> FanOuts { get; } = [];

    public WriteResult? Writes { get; set; }

    public List<string> Notes { get; } = [];

    public string LoadBefore { get; set; } = "";

    public string LoadAfter { get; set; } = "";

    public double TotalSeconds { get; set; }

    public bool Complete => Pages.Count >= 2 && FanOuts.Count == 2 && Writes is not null
        && Pages.All(p => p.Failures == 0) && FanOuts.All(f => f.SendFailures == 0 && f.Received == f.Expected)
        && Writes.Refused == 0 && Writes.CountedInChannel == Writes.Committed;

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("## Text channels: page, fan-out, persistence");
        md.AppendLine();
        md.AppendLine("Reproduce (from the repository root):");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine($"bench/channels/run.sh {options.ToArguments()}");
        md.AppendLine($"# = dotnet build -c Release Meurs.Web && dotnet run -c Release --project bench/Meurs.Bench.Channels -- {options.ToArguments()}");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(Invariant($"### (1) Page against fragment: {options.Concurrency} concurrent GET loops on one browser's cookie, {options.Seconds} s each after 2 s of warm-up"));
        md.AppendLine();
        md.AppendLine("| what | path | requests | failures | requests/s | server CPU µs/request | server CPU % | bench CPU % | p50 ms | p99 ms | bytes/response |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var p in Pages)
        {
            md.AppendLine(Invariant($"| {p.Name} | `/{Shorten(p.Path)}` | {p.Requests} | {p.Failures} | {p.RequestsPerSecond:F0} | {p.CpuMicrosecondsPerRequest:F0} | {p.ServerCpuPercent:F0} | {p.BenchCpuPercent:F0} | {p.P50Ms:F2} | {p.P99Ms:F2} | {p.BytesPerResponse} |"));
        }
        md.AppendLine();
        md.AppendLine(Invariant($"### (2) Send-to-visible: {options.Subscribers} subscribers of one channel, one sender at {options.Rate} messages/s for {options.Seconds} s"));
        md.AppendLine();
        md.AppendLine("| server | sockets open | sent | expected deliveries | received | loss % | p50 ms | p99 ms | max ms | POST p50 ms | POST p99 ms | server CPU % | bench CPU % |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var f in FanOuts)
        {
            md.AppendLine(Invariant($"| {f.Server} | {f.Open}/{f.Subscribers} | {f.Sent} | {f.Expected} | {f.Received} | {f.LossPercent:F2} | {f.P50Ms:F2} | {f.P99Ms:F2} | {f.MaxMs:F1} | {f.PostP50Ms:F2} | {f.PostP99Ms:F2} | {f.ServerCpuPercent:F0} | {f.BenchCpuPercent:F0} |"));
        }
        md.AppendLine();
        md.AppendLine("Meurs: `POST /api/channels/{id}/messages` (bearer) → commit → `message.created` JSON on `/api/ws/channels/{id}` (bearer). Floor: the rooms bench's bare Kestrel broadcaster, `POST /broadcast` → the body to every socket; no authentication, no JSON, no database.");
        md.AppendLine();
        if (Writes is { } w)
        {
            md.AppendLine(Invariant($"### (3) Persistence: {w.Writers} concurrent writers (closed loops, one person each) into one channel for {options.Seconds} s"));
            md.AppendLine();
            md.AppendLine("| committed (201) | refused | counted in the channel afterwards (GET) | messages/s | commit p50 ms | commit p99 ms | commit max ms | server CPU µs/message | server CPU % |");
            md.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            md.AppendLine(Invariant($"| {w.Committed} | {w.Refused}{(w.FirstRefusal is null ? "" : $" (first: {w.FirstRefusal})")} | {w.CountedInChannel} | {w.PerSecond:F0} | {w.P50Ms:F2} | {w.P99Ms:F2} | {w.MaxMs:F1} | {w.CpuMicrosecondsPerMessage:F0} | {w.ServerCpuPercent:F0} |"));
            md.AppendLine();
            md.AppendLine("Commit time is the POST round trip: Meurs answers 201 after the message's row is committed (SQLite, WAL, on the data folder's disk). No reference server here: nothing simpler does the same work.");
            md.AppendLine();
        }
        md.AppendLine("### Notes");
        md.AppendLine();
        foreach (var note in Notes)
        {
            md.AppendLine("- " + note);
        }
        md.AppendLine(Invariant($"- Total run time {TotalSeconds:F0} s. Load average (1, 5, 15 min) at the start: {LoadBefore}; at the end: {LoadAfter}. The machine is shared: whatever else runs competes with Meurs, the floor and the load generator (one process) for the same cores."));
        md.AppendLine($"- Machine: {BenchHost.Machine()}. Everything on 127.0.0.1.");
        md.AppendLine($"- Meurs: {Path.GetRelativePath(BenchHost.FindRepositoryRoot(), meursDll)} built {File.GetLastWriteTimeUtc(meursDll):yyyy-MM-dd HH:mm} UTC from {BenchHost.SourceVersion()}; run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        return md.ToString();
    }

    public static string Line(PageResult p) => Invariant(
        $"{p.Name}: {p.Requests} requests ({p.Failures} failed{(p.FirstFailure is null ? "" : ", first " + p.FirstFailure)}), {p.RequestsPerSecond:F0}/s, {p.CpuMicrosecondsPerRequest:F0} µs server CPU each, p50 {p.P50Ms:F2} ms, p99 {p.P99Ms:F2} ms, {p.BytesPerResponse} bytes");

    public static string Line(FanOutResult f) => Invariant(
        $"{f.Server}: sent {f.Sent} ({f.SendFailures} failed), received {f.Received}/{f.Expected} ({f.LossPercent:F2} % lost), p50 {f.P50Ms:F2} ms, p99 {f.P99Ms:F2} ms, max {f.MaxMs:F1} ms, server CPU {f.ServerCpuPercent:F0} %{(f.FirstEnd is null ? "" : $", {f.Ended} sockets ended: {f.FirstEnd}")}");

    public static string Line(WriteResult w) => Invariant(
        $"writes: {w.Committed} committed ({w.Refused} refused{(w.FirstRefusal is null ? "" : ", first " + w.FirstRefusal)}), {w.CountedInChannel} counted, {w.PerSecond:F0}/s, p50 {w.P50Ms:F2} ms, p99 {w.P99Ms:F2} ms, {w.CpuMicrosecondsPerMessage:F0} µs server CPU each");

    // The cursor makes the fragment's path long; its shape is what the reader needs.
    private static string Shorten(string path) => path.Contains("?before=", StringComparison.Ordinal) ? path[..(path.IndexOf("?before=", StringComparison.Ordinal) + 8)] + "<newest id>" : path;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
