using System.CommandLine;

namespace Meurs.Web.Cli;

/// <summary>The options of commands that talk to a running server: <c>--server</c> and <c>--token</c> (or <c>MEURS_TOKEN</c>).</summary>
internal static class ServerOptions
{
    /// <summary>The environment variable read when <c>--token</c> is not given; it keeps the secret out of the process list and shell history.</summary>
    public const string TokenVariable = "MEURS_TOKEN";

    /// <summary>The server a client talks to when none is given: where <c>meurs serve</c> listens by default.</summary>
    public const string DefaultServer = "http://localhost:5000";

    /// <summary><c>--server URL</c>, defaulting to <paramref name="fallback"/> (null: no default).</summary>
    public static Option<string?> Server(string? fallback) => new("--server", "-s")
    {
        Description = "The Meurs server's base URL (http:// or https://)" + (fallback is null ? "." : $". Default {fallback}."),
        HelpName = "URL",
        DefaultValueFactory = _ => fallback,
    };

    /// <summary><c>--token TOKEN</c>.</summary>
    public static Option<string?> Token() => new("--token", "-t")
    {
        Description = $"A personal access token (meurs tokens create, or the profile page). Default: ${TokenVariable}.",
        HelpName = "TOKEN",
    };

    /// <summary>
    /// The server's base URL from <paramref name="value"/>, normalised to end with '/' so API paths resolve below any
    /// path prefix a reverse proxy adds; a <see cref="CliException"/> when it is not an absolute http(s) URL.
    /// </summary>
    public static Uri ParseServer(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--server must be an http:// or https:// URL, not '{value}'.");
        }
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>The token from <paramref name="value"/> or else <see cref="TokenVariable"/>; a <see cref="CliException"/> when neither has one.</summary>
    public static string ResolveToken(string? value)
    {
        var token = string.IsNullOrWhiteSpace(value) ? Environment.GetEnvironmentVariable(TokenVariable) : value;
        return string.IsNullOrWhiteSpace(token)
            ? throw new CliException($"No access token: pass --token or set {TokenVariable}. Make one with 'meurs tokens create' or on your profile page.")
            : token.Trim();
    }
}
