using System.Globalization;

namespace Meurs.Web.Cli;

/// <summary>Plain-text output helpers: aligned columns for people, one row per line for <c>grep</c> and <c>awk</c>.</summary>
internal static class TextTable
{
    /// <summary>Writes <paramref name="header"/> and <paramref name="rows"/> as left-aligned columns separated by two spaces.</summary>
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            var cells = row.Select((cell, column) => column == row.Count - 1 ? cell : cell.PadRight(widths[column]));
            await output.WriteLineAsync(string.Join("  ", cells).TrimEnd());
        }
    }

    /// <summary>A UTC time as <c>2025-06-01 14:03 UTC</c>: minutes are enough for an operator, and the zone is explicit.</summary>
    public static string Utc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
