using System.Globalization;

namespace Meurs.Bench.Battery;

/// <summary>Reads <c>--name value</c> pairs into integers, with defaults; anything else is an error.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, int> values;

    private Options(Dictionary<string, int> values) => this.values = values;

    public int this[string name] => values[name];

    public static Options? Parse(string[] args, IReadOnlyDictionary<string, int> defaults, out string? error)
    {
        var values = new Dictionary<string, int>(defaults);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !values.ContainsKey(name) || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                error = $"bad argument '{args[i]}': expected one of {string.Join(", ", defaults.Keys.Select(k => "--" + k + " N"))} (N > 0)";
                return null;
            }
            values[name] = value;
            i++;
        }
        error = null;
        return new Options(values);
    }
}
