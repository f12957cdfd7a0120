namespace Meurs.Web.Cli;

/// <summary>
/// Separates configuration overrides from the command line, so every verb reads the same settings as the web app.
/// An argument is a setting when its key (after <c>--</c>, before any <c>=</c>) names a section with a colon:
/// <c>--Data:Path=/srv/meurs</c> or <c>--Data:Path /srv/meurs</c>. These go to the configuration exactly as
/// ASP.NET Core's command-line provider reads them; everything else is left for System.CommandLine to parse.
/// </summary>
public static class ConfigurationArguments
{
    /// <summary>
    /// Splits <paramref name="args"/> into configuration overrides (in order, in the form the configuration provider
    /// reads) and the remaining arguments (in order). A setting without <c>=</c> takes the next argument as its value.
    /// </summary>
    public static (IReadOnlyList<string> Settings, IReadOnlyList<string> Others) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsSetting(arg))
            {
                rest.Add(arg);
                continue;
            }
            settings.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
            {
                settings.Add(args[++i]);
            }
        }
        return (settings, rest);
    }

    /// <summary>True for <c>--Section:Key</c> or <c>--Section:Key=value</c>.</summary>
    public static bool IsSetting(string arg)
    {
        ArgumentNullException.ThrowIfNull(arg);
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? arg.AsSpan(2) : arg.AsSpan(2, equals - 2);
        var colon = key.IndexOf(':');
        return colon > 0 && colon < key.Length - 1;
    }
}
