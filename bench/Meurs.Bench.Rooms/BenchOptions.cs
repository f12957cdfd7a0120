using System.Globalization;

namespace Meurs.Bench.Rooms;

/// <summary>The command line, checked against hard bounds so a typo cannot start an unbounded run.</summary>
internal sealed record BenchOptions(IReadOnlyList<int> Clients, int Rate, int Seconds, int Senders, int SocketsPerUser = 1, int JoinWave = 50)
{
    public const int MaxClients = 5000;
    public const int MaxRate = 5000;
    public const int MaxSeconds = 120;
    public const int MaxSenders = 100;
    public const int MaxSocketsPerUser = 100;

    public static readonly BenchOptions Default = new([100, 1000], 20, 10, 10);

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Meurs.Bench.Rooms -- [--clients 100,1000] [--rate 20] [--seconds 10] [--senders 10]

          --clients   comma-separated room sizes N, each 1..5000 (default 100,1000)
          --rate      chat messages per second, all senders together, 1..5000 (default 20)
          --seconds   how long the senders send, 1..120 (default 10)
          --senders   how many of the N clients send, 1..100 (default 10; fewer when N is smaller)
          --join-wave how many sockets open at once, 1..5000 (default 50); the next wave starts when the
                      previous one has its history and the frames its joins caused have drained. Use N for a join storm
          --sockets-per-user
                      Meurs only: the N sockets belong to N/k users, k sockets each, like k tabs (default 1). Only to
                      reach large N where registering N users is too slow; joins are then cheaper than with N people

        Build Meurs.Web first (dotnet build -c Release Meurs.Web); bench/rooms/run.sh does both.
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
                case "--sockets-per-user":
                    if (!TryBounded(value, 1, MaxSocketsPerUser, out var perUser))
                    {
                        error = $"--sockets-per-user must be 1..{MaxSocketsPerUser}";
                        return null;
                    }
                    options = options with { SocketsPerUser = perUser };
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
        + (SocketsPerUser == 1 ? "" : $" --sockets-per-user {SocketsPerUser}");

    /// <summary>How many Meurs users the <paramref name="sockets"/> sockets belong to.</summary>
    public int UsersFor(int sockets) => (sockets + SocketsPerUser - 1) / SocketsPerUser;

    private static bool TryBounded(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
