using System.Globalization;
using System.Text;

namespace Meurs.Bench.Rooms;

/// <summary>The Markdown report: the figures, Meurs against the floor, the command, the machine.</summary>
internal static class Report
{
    public static string Markdown(BenchOptions options, IReadOnlyList<RunResult> results, IReadOnlyList<string> notes, string meursDll)
    {
        var md = new StringBuilder();
        md.AppendLine("## Room fan-out: Meurs against a bare Kestrel broadcaster");
        md.AppendLine();
        md.AppendLine(Invariant($"{options.Rate} chat messages/s in total from {options.Senders} senders for {options.Seconds} s into one room of N clients; every client receives every message. Clients join in waves of {options.JoinWave}."));
        md.AppendLine();
        md.AppendLine("| server | N | open | join s | sent | expected | received | loss % | deliveries/s | p50 ms | p99 ms | max ms | RSS before MiB | RSS after MiB | KiB/conn | server CPU % |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            md.AppendLine(Invariant(
                $"| {r.Server} | {r.Clients}{(r.Users is { } u && u != r.Clients ? $" ({u} users)" : "")} | {r.OpenAtLoad} | {r.JoinSeconds:F1}{(r.Settled ? "" : " (unsettled)")} | {r.Sent} | {r.Expected:N0} | {r.Received:N0} | {r.LossPercent:F2} | {r.DeliveriesPerSecond:N0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {r.RssBeforeKiB / 1024.0:F0} | {r.RssAfterKiB / 1024.0:F0} | {r.KiBPerConnection:F1} | {r.ServerCpuPercent:F0} |"));
        }
        md.AppendLine();
        var pairs = results.Where(r => r.Server == "Meurs")
            .Select(m => (Meurs: m, Floor: results.FirstOrDefault(f => f.Server == "floor" && f.Clients == m.Clients)))
            .Where(p => p.Floor is not null)
            .ToList();
        if (pairs.Count > 0)
        {
            md.AppendLine("| N | p50 Meurs/floor | p99 Meurs/floor | deliveries/s Meurs/floor | KiB/conn Meurs/floor |");
            md.AppendLine("|--:|--:|--:|--:|--:|");
            foreach (var (m, f) in pairs)
            {
                md.AppendLine(Invariant($"| {m.Clients} | {Ratio(m.P50Ms, f!.P50Ms)} | {Ratio(m.P99Ms, f.P99Ms)} | {Ratio(m.DeliveriesPerSecond, f.DeliveriesPerSecond)} | {Ratio(m.KiBPerConnection, f.KiBPerConnection)} |"));
            }
            md.AppendLine();
        }
        md.AppendLine("- **join s**: first handshake to the last frame of the joining phase (history, join notices, member lists), including 0.2 s of silence awaited after each wave; the load starts after a further second of silence and a short unmeasured warm-up.");
        md.AppendLine("- **expected** = sent × N; **loss %** counts deliveries that never arrived (closed or lagging sockets included). **deliveries/s** = received ÷ (first send's due time → last chat received).");
        md.AppendLine("- **latency**: send to receive of each chat frame, one clock (`Stopwatch`), same process. **KiB/conn** = (server RSS after the N joined − before) ÷ N. **server CPU %** over the load and drain (100 % = one core).");
        md.AppendLine();
        foreach (var r in results)
        {
            if (r.ConnectFailures > 0 || r.ClosedDuringRun > 0 || r.ErrorFrames > 0 || r.SendFailures > 0 || !r.Settled)
            {
                md.AppendLine(Invariant($"- {r.Server} N={r.Clients}: {r.ConnectFailures} handshakes failed{(r.FirstConnectFailure is null ? "" : $" ({r.FirstConnectFailure})")}, {r.ClosedDuringRun} sockets ended early{(r.CloseReasons is null ? "" : $" ({r.CloseReasons})")}, {r.SendFailures} sends failed, {r.ErrorFrames} error frames{(r.FirstError is null ? "" : $" (first: `{r.FirstError}`)")}."));
            }
            md.AppendLine(Invariant($"- {r.Server} N={r.Clients}: a handshake took {r.HandshakeP50Ms:F0} ms (median; max {r.HandshakeMaxMs:F0}), handshake start to history {r.HistoryP50Ms:F0} ms (max {r.HistoryMaxMs:F0}); joining sent {r.JoinFrames:N0} frames and cost {r.JoinServerCpuSeconds:F1} s of server CPU ({1000 * r.JoinServerCpuSeconds / r.Clients:F1} ms per join) and {r.JoinBenchCpuSeconds:F1} s in the clients. Load: {(r.Received == 0 ? 0 : r.LoadServerCpuSeconds * 1e6 / r.Received):F1} µs of server CPU per delivery; the clients used {r.BenchCpuPercent:F0} % CPU; senders started at most {r.MaxSendLagMs:F1} ms late; {r.Duplicates} duplicate deliveries."));
        }
        foreach (var note in notes)
        {
            md.AppendLine($"- {note}");
        }
        md.AppendLine();
        md.AppendLine("Reproduce (from the repository root):");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine($"bench/rooms/run.sh {options.ToArguments()}");
        md.AppendLine($"# = dotnet build -c Release Meurs.Web && dotnet run -c Release --project bench/Meurs.Bench.Rooms -- {options.ToArguments()}");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine($"Machine: {BenchHost.Machine()}. The servers and the clients (one bench process) run on this same machine and share its cores, over 127.0.0.1.");
        md.AppendLine();
        md.AppendLine($"Meurs: {Path.GetRelativePath(BenchHost.FindRepositoryRoot(), meursDll)} built {File.GetLastWriteTimeUtc(meursDll):yyyy-MM-dd HH:mm} UTC from {BenchHost.SourceVersion()}.");
        return md.ToString();
    }

    /// <summary>One result as a progress line.</summary>
    public static string Line(RunResult r) => Invariant(
        $"{r.Server} N={r.Clients}: sent {r.Sent}, received {r.Received:N0}/{r.Expected:N0} ({r.LossPercent:F2} % lost), {r.DeliveriesPerSecond:N0} deliveries/s, p50 {r.P50Ms:F2} ms, p99 {r.P99Ms:F2} ms, max {r.MaxMs:F1} ms, {r.KiBPerConnection:F1} KiB/conn, server CPU {r.ServerCpuPercent:F0} %");

    private static string Ratio(double a, double b) => b > 0 && !double.IsNaN(a) ? (a / b).ToString("F2", CultureInfo.InvariantCulture) + "×" : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
