using System.Globalization;

namespace Meurs.Bench.Rooms;

/// <summary>The command line, checked against hard bounds so a typo cannot start an unbounded run.</summary>
internal sealed record BenchOptions(IReadOnlyList<int> Clients, int Rate, int Seconds, int Senders, int MaxUsers = 0, int JoinWave = 50)
{
    public const int MaxClients = 5000;
    public const int MaxRate = 5000;
    public const int MaxSeconds = 120;
    public const int MaxSenders = 100;

    public static readonly BenchOptions Default = new([100, 1000], 20, 10, 10);

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Meurs.Bench.Rooms -- [--clients 100,1000] [--rate 20] [--seconds 10] [--senders 10]

          --clients   comma-separated room sizes N, each 1..5000 (default 100,1000)
          --rate      chat messages per second, all senders together, 1..5000 (default 20)
          --seconds   how long the senders send, 1..120 (default 10)
          --senders   how many of the N clients send, 1..100 (default 10; fewer when N is smaller)
          --join-wave how many sockets open at once, 1..5000 (default 50); the next wave starts when the
                      previous one has its history and the frames its joins caused have drained. Use N for a join storm
          --max-users Meurs only: register at most U users (default: N). When N > U, socket i belongs to user
                      i mod U: U people arrive, then open extra tabs. For large N where registering N users (PBKDF2
                      password hashing) takes too long. The chat fan-out, which is per socket, is the same; joining is
                      cheaper than with N people (extra tabs write nothing and announce nothing)

        Build Meurs.Web first (dotnet build -c Release Meurs.Web); bench/rooms/run.sh does both. See bench/Meurs.Bench.Rooms/README.md.
        """;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are wrong.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
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
            var value = args[++i];
            switch (name)
            {
                case "--clients":
                    var sizes = new List<int>();
                    foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!TryBounded(part, 1, MaxClients, out var n))
                        {
                            error = $"--clients: '{part}' is not a number from 1 to {MaxClients}";
                            return null;
                        }
                        sizes.Add(n);
                    }
                    if (sizes.Count is 0 or > 10)
                    {
                        error = "--clients takes 1 to 10 sizes";
                        return null;
                    }
                    options = options with { Clients = sizes };
                    break;
                case "--rate":
                    if (!TryBounded(value, 1, MaxRate, out var rate))
                    {
                        error = $"--rate must be 1..{MaxRate}";
                        return null;
                    }
                    options = options with { Rate = rate };
                    break;
                case "--seconds":
                    if (!TryBounded(value, 1, MaxSeconds, out var seconds))
                    {
                        error = $"--seconds must be 1..{MaxSeconds}";
                        return null;
                    }
                    options = options with { Seconds = seconds };
                    break;
                case "--senders":
                    if (!TryBounded(value, 1, MaxSenders, out var senders))
                    {
                        error = $"--senders must be 1..{MaxSenders}";
                        return null;
                    }
                    options = options with { Senders = senders };
                    break;
                case "--join-wave":
                    if (!TryBounded(value, 1, MaxClients, out var wave))
                    {
                        error = $"--join-wave must be 1..{MaxClients}";
                        return null;
                    }
                    options = options with { JoinWave = wave };
                    break;
                case "--max-users":
                    if (!TryBounded(value, 1, MaxClients, out var maxUsers))
                    {
                        error = $"--max-users must be 1..{MaxClients}";
                        return null;
                    }
                    options = options with { MaxUsers = maxUsers };
                    break;
                default:
                    error = $"unknown option {name}";
                    return null;
            }
        }
        return options;
    }

    /// <summary>The arguments that reproduce this run.</summary>
    public string ToArguments() =>
        $"--clients {string.Join(',', Clients)} --rate {Rate} --seconds {Seconds}"
        + (Senders == Default.Senders ? "" : $" --senders {Senders}")
        + (JoinWave == Default.JoinWave ? "" : $" --join-wave {JoinWave}")
        + (MaxUsers == 0 ? "" : $" --max-users {MaxUsers}");

    /// <summary>How many sockets each Meurs user holds in a room of <paramref name="sockets"/>: 1 unless --max-users caps the users.</summary>
    public int SocketsPerUser(int sockets) => MaxUsers == 0 ? 1 : (sockets + MaxUsers - 1) / MaxUsers;

    private static bool TryBounded(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
