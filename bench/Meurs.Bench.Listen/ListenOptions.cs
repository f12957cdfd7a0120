using System.Globalization;

namespace Meurs.Bench.Listen;

/// <summary>The command line, checked against hard bounds so a typo cannot start an unbounded run.</summary>
internal sealed record ListenOptions(int[] Clients, int Seconds, int Warmup, int Seeks, int SeekEvery, int MaxOffsetMs, int Seed, bool Chromium)
{
    public static readonly ListenOptions Default = new([2, 10], Seconds: 60, Warmup: 10, Seeks: 4, SeekEvery: 10, MaxOffsetMs: 5000, Seed: 12, Chromium: false);

    public const string Usage = """
        usage: bench/listen/run.sh [--clients 2,10] [--seconds 60] [--warmup 10] [--seeks 4] [--seek-every 10]
                                   [--max-offset-ms 5000] [--seed 12] [--chromium]

          --clients        listeners per session, one round per value, each 1..50 (default 2,10); every round runs three
                           sessions side by side with that many listeners each: Meurs' player, the original algorithm on
                           the same clocks, the original algorithm on exact clocks
          --seconds        steady playback measured after the convergence window, 1..300 (default 60)
          --warmup         convergence window after play, reported separately, 2..60 (default 10)
          --seeks          host seeks after the steady window, 0..20 (default 4)
          --seek-every     seconds between seeks (each seek's convergence is measured up to the next), 3..60 (default 10)
          --max-offset-ms  client clocks are off the machine's by a uniform ±this, 0..60000 (default 5000)
          --seed           seeds every client's offset, clock error and latencies (default 12)
          --chromium       also real Chromium pages on /listen/{id}, when this build has the page

        Build Meurs.Web first (dotnet build -c Release Meurs.Web); bench/listen/run.sh does both. See bench/listen/README.md.
        """;

    /// <summary>How long one round takes once the sessions are set up, in seconds.</summary>
    public int RoundSeconds => Warmup + Seconds + Seeks * SeekEvery;

    /// <summary>The command line that reproduces this run.</summary>
    public string CommandLine() => string.Create(CultureInfo.InvariantCulture,
        $"bench/listen/run.sh --clients {string.Join(',', Clients)} --seconds {Seconds} --warmup {Warmup} --seeks {Seeks} --seek-every {SeekEvery} --max-offset-ms {MaxOffsetMs} --seed {Seed}{(Chromium ? " --chromium" : "")}");

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are wrong ("" for --help).</summary>
    public static ListenOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = Default;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = "";
                return null;
            }
            if (name == "--chromium")
            {
                options = options with { Chromium = true };
                continue;
            }
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }
            var text = args[++i];
            if (name == "--clients")
            {
                var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var counts = new List<int>();
                foreach (var part in parts)
                {
                    if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 50)
                    {
                        error = "--clients takes numbers 1..50 separated by commas";
                        return null;
                    }
                    counts.Add(n);
                }
                if (counts.Count is 0 or > 5)
                {
                    error = "--clients takes one to five numbers";
                    return null;
                }
                options = options with { Clients = [.. counts] };
                continue;
            }
            (int Min, int Max)? bounds = name switch
            {
                "--seconds" => (1, 300),
                "--warmup" => (2, 60),
                "--seeks" => (0, 20),
                "--seek-every" => (3, 60),
                "--max-offset-ms" => (0, 60000),
                "--seed" => (0, int.MaxValue),
                _ => null,
            };
            if (bounds is not { } b)
            {
                error = $"unknown option {name}";
                return null;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < b.Min || value > b.Max)
            {
                error = $"{name} must be a whole number in {b.Min}..{b.Max}";
                return null;
            }
            options = name switch
            {
                "--seconds" => options with { Seconds = value },
                "--warmup" => options with { Warmup = value },
                "--seeks" => options with { Seeks = value },
                "--seek-every" => options with { SeekEvery = value },
                "--max-offset-ms" => options with { MaxOffsetMs = value },
                _ => options with { Seed = value },
            };
        }
        return options;
    }
}
