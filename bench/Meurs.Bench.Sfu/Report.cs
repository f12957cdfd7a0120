using System.Globalization;
using System.Text;

namespace Meurs.Bench.Sfu;

/// <summary>The Markdown report: one table of figures per scenario kind, then Meurs ÷ Janus ratios, then notes.</summary>
internal static class Report
{
    public static string Markdown(BenchOptions options, IReadOnlyList<Result> results, IEnumerable<string> notes, string janusVersion)
    {
        var text = new StringBuilder();
        Line(text, $"## SFU load: Meurs and {janusVersion} (videoroom) on loopback");
        text.AppendLine();
        Line(text, $"`{options.CommandLine()}`, Meurs at {Program.SourceVersion()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        Line(text, $"Machine: {Program.Machine()}.");
        text.AppendLine();
        foreach (var kind in results.Select(r => r.Spec.Kind).Distinct())
        {
            var rows = results.Where(r => r.Spec.Kind == kind).ToList();
            Line(text, $"### {(kind == "video" ? "Video: 1 publisher (90 packets/s, ≈0.9 Mbit/s)" : $"Audio: {rows[0].Spec.Publishers} publishers (50 packets/s each)")} → N subscribers");
            text.AppendLine();
            text.AppendLine("| SFU | N | sent | expected | received | loss % | fwd pkts/s | SFU CPU µs/pkt | above idle µs/pkt | SFU CPU % | SFU idle CPU % | bot CPU % | p50 ms | p99 ms | max ms | SRTP |");
            text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            foreach (var r in rows)
            {
                Line(text, $"| {r.Sfu} | {r.Spec.Subscribers} | {r.Sent:N0} | {r.Expected:N0} | {r.Received:N0} | {r.LossPercent:F2} | {r.ForwardedPerSecond:N0} | {r.SfuCpuMicrosecondsPerPacket:F1} | {r.SfuCpuAboveIdleMicrosecondsPerPacket:F1} | {r.SfuCpuPercent:F0} | {r.IdleSfuCpuPercent:F1} | {r.BotCpuPercent:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {r.Srtp} |");
            }
            var pairs = rows.Where(r => r.Sfu == "Meurs")
                .Select(m => (Meurs: m, Janus: rows.FirstOrDefault(j => j.Sfu == "Janus" && j.Spec == m.Spec)))
                .Where(p => p.Janus is not null).ToList();
            if (pairs.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("| N | CPU µs/pkt Meurs/Janus | above idle Meurs/Janus | fwd pkts/s Meurs/Janus | p50 Meurs/Janus | p99 Meurs/Janus | loss % Meurs vs Janus |");
                text.AppendLine("|--:|--:|--:|--:|--:|--:|--:|");
                foreach (var (m, j) in pairs)
                {
                    Line(text, $"| {m.Spec.Subscribers} | {m.SfuCpuMicrosecondsPerPacket / j!.SfuCpuMicrosecondsPerPacket:F2}× | {m.SfuCpuAboveIdleMicrosecondsPerPacket / j.SfuCpuAboveIdleMicrosecondsPerPacket:F2}× | {m.ForwardedPerSecond / j.ForwardedPerSecond:F2}× | {m.P50Ms / j.P50Ms:F2}× | {m.P99Ms / j.P99Ms:F2}× | {m.LossPercent:F2} vs {j.LossPercent:F2} |");
                }
            }
            text.AppendLine();
        }
        foreach (var r in results.Where(r => r.Note is not null))
        {
            Line(text, $"- {r.Sfu} {r.Spec.Label}: {r.Note}");
        }
        foreach (var note in notes)
        {
            Line(text, $"- {note}");
        }
        return text.ToString();
    }

    public static string Summary(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Sfu} {r.Spec.Label}: {r.Received:N0}/{r.Expected:N0} received ({r.LossPercent:F2} % loss), {r.ForwardedPerSecond:N0} pkts/s, SFU {r.SfuCpuMicrosecondsPerPacket:F1} µs/pkt ({r.SfuCpuPercent:F0} % CPU), bot {r.BotCpuPercent:F0} % CPU, p50 {r.P50Ms:F2} ms, p99 {r.P99Ms:F2} ms, ready after {r.ReadySeconds:F1} s");

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
