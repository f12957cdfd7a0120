namespace Meurs.E2E.Xss;

/// <summary>
/// The checked-in XSS corpus (payloads.txt beside this file, copied to the test output): one payload per line, used
/// verbatim; lines starting with "# " are headings. See the file's header for what a payload does when it runs.
/// </summary>
public static class XssCorpus
{
    public static IReadOnlyList<string> Payloads { get; } = Load();

    private static List<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Xss", "payloads.txt");
        var payloads = File.ReadAllLines(path, System.Text.Encoding.UTF8)
            .Where(line => line.Length > 0 && !line.StartsWith("# ", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return payloads;
    }

    /// <summary>
    /// The payloads joined by newlines into texts of at most <paramref name="maxChars"/> characters, so one chat message
    /// carries many of them (CI time); every payload is in exactly one batch.
    /// </summary>
    public static List<string> Batches(int maxChars)
    {
        var batches = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var payload in Payloads)
        {
            if (current.Length > 0 && current.Length + 1 + payload.Length > maxChars)
            {
                batches.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0)
            {
                current.Append('\n');
            }
            current.Append(payload);
        }
        if (current.Length > 0)
        {
            batches.Add(current.ToString());
        }
        return batches;
    }

    /// <summary>
    /// What the server keeps of a file name (as <c>FileSignature.CleanName</c> documents it: the part after the last
    /// slash or backslash, control characters removed, blanks and dots trimmed), or null when nothing is left or the
    /// name is longer than the 255 characters kept without truncation.
    /// </summary>
    public static string? CleanFileName(string name)
    {
        var plain = name.Replace('\\', '/');
        plain = plain[(plain.LastIndexOf('/') + 1)..];
        plain = new string([.. plain.Where(c => !char.IsControl(c))]).Trim().Trim('.');
        return plain.Length is 0 or > 255 ? null : plain;
    }
}
