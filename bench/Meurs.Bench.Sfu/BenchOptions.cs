using System.Globalization;

namespace Meurs.Bench.Sfu;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
internal sealed record BenchOptions(
    IReadOnlyList<int> Subscribers,
    int AudioPublishers,
    TimeSpan WarmUp,
    TimeSpan Measured,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Sfus,
    string Janus,
    string JanusLibraries)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Meurs.Bench.Sfu -- [options]
          --subscribers 10,50,100   subscriber counts N (default 10,50,100)
          --audio-publishers 10     audio publishers in the audio scenario (default 10)
          --kinds video,audio       scenarios: video (1 publisher → N), audio (P publishers → N) (default both)
          --sfu meurs,janus         which SFUs to run (default both)
          --seconds 10              measured seconds per scenario (default 10)
          --warmup 8                seconds of load before measuring (default 8; longer until every subscriber gets every stream)
          --janus /usr/bin/janus    the janus binary (default /usr/bin/janus)
          --janus-libs /usr/lib/x86_64-linux-gnu/janus   its plugins and transports (default: Debian's)
        """;

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var options = new BenchOptions([10, 50, 100], 10, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10), ["video", "audio"], ["meurs", "janus"],
            "/usr/bin/janus", "/usr/lib/x86_64-linux-gnu/janus");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--help" or "-h":
                    return null;
                case "--subscribers" when value is not null && TryInts(value, out var counts):
                    options = options with { Subscribers = counts };
                    break;
                case "--audio-publishers" when int.TryParse(value, CultureInfo.InvariantCulture, out var publishers) && publishers is > 0 and < 60:
                    options = options with { AudioPublishers = publishers };
                    break;
                case "--kinds" when value is not null && value.Split(',').All(k => k is "video" or "audio"):
                    options = options with { Kinds = value.Split(',') };
                    break;
                case "--sfu" when value is not null && value.Split(',').All(k => k is "meurs" or "janus"):
                    options = options with { Sfus = value.Split(',') };
                    break;
                case "--seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    options = options with { Measured = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--warmup" when double.TryParse(value, CultureInfo.InvariantCulture, out var warmup) && warmup >= 0:
                    options = options with { WarmUp = TimeSpan.FromSeconds(warmup) };
                    break;
                case "--janus" when value is not null:
                    options = options with { Janus = value };
                    break;
                case "--janus-libs" when value is not null:
                    options = options with { JanusLibraries = value };
                    break;
                default:
                    error = $"Unknown or invalid option: {args[i]} {value}";
                    return null;
            }
            i++;
        }
        return options;
    }

    /// <summary>The command line that reproduces this run.</summary>
    public string CommandLine() => string.Create(CultureInfo.InvariantCulture,
        $"dotnet run -c Release --project bench/Meurs.Bench.Sfu -- --subscribers {string.Join(',', Subscribers)} --audio-publishers {AudioPublishers} --kinds {string.Join(',', Kinds)} --sfu {string.Join(',', Sfus)} --seconds {Measured.TotalSeconds} --warmup {WarmUp.TotalSeconds}");

    private static bool TryInts(string text, out int[] values)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] is < 1 or > 1000)
            {
                return false;
            }
        }
        return values.Length > 0;
    }
}
