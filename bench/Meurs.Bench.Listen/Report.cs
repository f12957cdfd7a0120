using System.Globalization;
using System.Text;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Listen;

/// <summary>The Markdown report: one table per round (three groups side by side), notes, the machine, the command.</summary>
internal sealed class Report(ListenOptions options)
{
    public List<Round> Rounds { get; } = [];

    public List<string> Notes { get; } = [];

    public string LoadBefore { get; set; } = "";

    public string LoadAfter { get; set; } = "";

    public string Source { get; set; } = "";

    public double TotalSeconds { get; set; }

    public static string Line(GroupFigures g) => Invariant(
        $"  {g.Name}: steady p50 {g.SteadyP50:F1} p95 {g.SteadyP95:F1} max {g.SteadyMax:F1} ms; start converge p50 {Q(g.StartConverge, 0.5)} ms; seeks converge p50 {Q(g.SeekConverge, 0.5)} max {Q(g.SeekConverge, 1)} ms ({g.SeekNotConverged}/{g.SeekWindows} not converged)");

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"## Results, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({Source})"));
        md.AppendLine();
        md.AppendLine("Reproduce (from the repository root):");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(options.CommandLine());
        md.AppendLine("```");
        md.AppendLine();
        foreach (var round in Rounds)
        {
            md.AppendLine(Invariant($"#### {round.Clients} listeners per session ({round.Clients * round.Groups.Length} sockets in all, three sessions side by side)"));
            md.AppendLine();
            md.AppendLine(Invariant($"Sync error |heard − expected| in ms; steady = {options.Seconds} s after a {options.Warmup} s convergence window; converged = under {Analysis.ConvergedMs:F0} ms to the end of the window."));
            md.AppendLine();
            md.AppendLine("| listeners | steady p50 | steady p95 | steady max | worst listener's p95 | seeks / listener-min (steady) | rate changes / listener-min (steady) | start: converged after p50 / max ms | start: not converged | start window p95 | after a seek: converged after p50 / max ms | seeks not converged | after a seek (2 s on) p95 | clock estimate error p50 / max ms | protocol errors |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var g in round.Groups)
            {
                var clock = g.ClockErrors.Length == 0 ? "(no estimate)" : $"{F(Analysis.Quantile(g.ClockErrors, 0.5))} / {F(Analysis.Quantile(g.ClockErrors, 1))}";
                md.AppendLine(Invariant(
                    $"| {g.Name} | {F(g.SteadyP50)} | {F(g.SteadyP95)} | {F(g.SteadyMax)} | {F(g.WorstClientP95)} | {F(g.SeeksPerClientMinute)} | {F(g.RateChangesPerClientMinute)} | {Q(g.StartConverge, 0.5)} / {Q(g.StartConverge, 1)} | {g.StartNotConverged}/{g.Clients} | {F(g.StartP95)} | {Q(g.SeekConverge, 0.5)} / {Q(g.SeekConverge, 1)} | {g.SeekNotConverged}/{g.SeekWindows} | {F(g.AfterSeekP95)} | {clock} | {g.ProtocolErrors} |"));
            }
            md.AppendLine();
            md.AppendLine($"Listeners' clock offsets / element clock errors: {round.Listeners}.");
            md.AppendLine();
            foreach (var g in round.Groups.Where(g => g.FirstError is not null))
            {
                md.AppendLine(Invariant($"- {g.Name}: first protocol error: `{g.FirstError}`"));
            }
        }
        md.AppendLine("#### Notes");
        md.AppendLine();
        foreach (var note in Notes)
        {
            md.AppendLine("- " + note);
        }
        md.AppendLine(Invariant($"- Listeners: clock offsets uniform in ±{options.MaxOffsetMs} ms (seed {options.Seed}; listener i has the same offset, element clock error and latencies in every group, but the exact-clocks group has offset 0), seeks taking {MediaModel.MinSeekLatencyMs:F0}..{MediaModel.MaxSeekLatencyMs:F0} ms, element clocks off by ±0.1..0.5 %, 20-40 ms rate latency, ±{MediaModel.ReadNoiseMs / 2:F1} ms currentTime noise, timer every {ModelClient.TickMs:F0} ± {ModelClient.TickJitterMs:F0} ms; heard positions sampled every {Program.SampleMs} ms."));
        md.AppendLine(Invariant($"- Total run time {TotalSeconds:F0} s. Load average (1, 5, 15 min) at the start: {LoadBefore}; at the end: {LoadAfter}. The machine is shared: whatever else runs competes with Meurs and the bench (one process) for the same cores."));
        md.AppendLine($"- Machine: {BenchHost.Machine()}. Everything on 127.0.0.1.");
        return md.ToString();
    }

    private static string F(double value) => double.IsNaN(value) ? "–" : value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Q(double[] values, double p) => values.Length == 0 ? "–" : Analysis.Quantile(values, p).ToString("F0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
