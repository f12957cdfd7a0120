namespace Meurs.Fuzz;

/// <summary>Replay runs a harness on saved inputs in process, so a crash afl found can be read and minimised.</summary>
internal static class Replay
{
    /// <summary>Run replays every file under <paramref name="paths"/> and prints each finding; 1 when there was one.</summary>
    public static int Run(FuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p])
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith("README.txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var findings = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                findings++;
                Console.WriteLine($"{file}: {ex.GetType().Name}: {ex.Message}");
                Console.WriteLine(ex.StackTrace);
            }
        }
        Console.WriteLine($"{target.Name}: {files.Count} inputs, {findings} findings");
        return findings == 0 ? 0 : 1;
    }
}
