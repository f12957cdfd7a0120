using System.Globalization;

namespace Meurs.Bench.Channels;

/// <summary>The command line, checked against hard bounds so a typo cannot start an unbounded run.</summary>
internal sealed record ChannelOptions(int Subscribers, int Seconds, int Rate, int Writers, int Concurrency, int Users)
{
    public static readonly ChannelOptions Default = new(Subscribers: 200, Seconds: 10, Rate: 10, Writers: 4, Concurrency: 8, Users: 0);

    public const string Usage = """
        usage: bench/channels/run.sh [--subscribers 200] [--seconds 10] [--rate 10] [--writers 4] [--concurrency 8] [--users N]

          --subscribers  sockets on the fan-out channel, Meurs and floor alike, 1..2000 (default 200)
          --seconds      length of every measured phase (each page, the fan-out sending, the writers), 1..120 (default 10)
          --rate         fan-out messages per second from the one sender, 1..1000 (default 10)
          --writers      concurrent writers in the persistence phase, 1..64 (default 4)
          --concurrency  concurrent request loops in the page phase, 1..64 (default 8)
          --users        Meurs users holding the subscriber sockets, 2..2000 (default: one per subscriber); socket i
                         belongs to user i mod U (registration hashes two passwords per user, which is slow)

        Build Meurs.Web first (dotnet build -c Release Meurs.Web); bench/channels/run.sh does both. See bench/channels/README.md.
        """;

    /// <summary>How many Meurs users the run registers (the subscribers' owners; the writers and the sender are among them).</summary>
    public int UserCount => Users == 0 ? Math.Max(Subscribers, Writers) : Users;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are wrong ("" for --help).</summary>
    public static ChannelOptions? Parse(IReadOnlyList<string> args, out string? error)
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
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }
            var text = args[++i];
            (int Min, int Max)? bounds = name switch
            {
                "--subscribers" => (1, 2000),
                "--seconds" => (1, 120),
                "--rate" => (1, 1000),
                "--writers" => (1, 64),
                "--concurrency" => (1, 64),
                "--users" => (2, 2000),
                _ => null,
            };
            if (bounds is not { } b)
            {
                error = $"unknown option {name}";
                return null;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < b.Min || value > b.Max)
            {
                error = $"{name} must be a whole number from {b.Min} to {b.Max}";
                return null;
            }
            options = name switch
            {
                "--subscribers" => options with { Subscribers = value },
                "--seconds" => options with { Seconds = value },
                "--rate" => options with { Rate = value },
                "--writers" => options with { Writers = value },
                "--concurrency" => options with { Concurrency = value },
                _ => options with { Users = value },
            };
        }
        return options;
    }

    /// <summary>The arguments that reproduce this run (all of them, so the line stays true if the defaults change).</summary>
    public string ToArguments() =>
        $"--subscribers {Subscribers} --seconds {Seconds} --rate {Rate} --writers {Writers} --concurrency {Concurrency}"
        + (Users == 0 ? "" : $" --users {Users}");
}
