using Meurs.Web.Cli;

namespace Meurs.Tests.Web.Cli;

/// <summary>The command line's own parsing: settings anywhere, verbs, and refusing what it does not know.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Split_TakesSectionSettingsInBothForms_AndLeavesTheRest()
    {
        var (settings, rest) = ConfigurationArguments.Split(
            ["users", "--Data:Path=/srv/m", "list", "--Rooms:HistoryLength", "50", "--urls", "http://127.0.0.1:1", "--username", "a:b"]);

        Assert.Equal(["--Data:Path=/srv/m", "--Rooms:HistoryLength", "50"], settings);
        Assert.Equal(["users", "list", "--urls", "http://127.0.0.1:1", "--username", "a:b"], rest);
    }

    [Theory]
    [InlineData("--Data:Path=x", true)]
    [InlineData("--Data:Path", true)]
    [InlineData("--urls=http://a:1", false)]
    [InlineData("--urls", false)]
    [InlineData("--:x", false)]
    [InlineData("--Data:", false)]
    [InlineData("Data:Path=x", false)]
    public void IsSetting(string arg, bool expected) => Assert.Equal(expected, ConfigurationArguments.IsSetting(arg));

    [Fact]
    public async Task UnknownVerb_FailsInsteadOfServing()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await MeursCli.RunAsync(["usres", "list"], new CliConsole(TextReader.Null, stdout, stderr), CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("unknown command 'usres'", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        using var stdout = new StringWriter();

        var code = await MeursCli.RunAsync(["--help"], new CliConsole(TextReader.Null, stdout, TextWriter.Null), CancellationToken.None);

        Assert.Equal(0, code);
        foreach (var verb in new[] { "serve", "users", "tokens", "rooms", "connect" })
        {
            Assert.Contains(verb, stdout.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Connect_WithoutToken_FailsBeforeTouchingTheNetwork()
    {
        // MEURS_TOKEN may be set where tests run; the process test in ConnectCommandTests covers it without.
        if (Environment.GetEnvironmentVariable(ServerOptions.TokenVariable) is not null)
        {
            return;
        }
        using var stderr = new StringWriter();

        var code = await MeursCli.RunAsync(["connect", "--room", "abcdefg", "--server", "http://127.0.0.1:9"], new CliConsole(TextReader.Null, TextWriter.Null, stderr), CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("No access token: pass --token or set MEURS_TOKEN", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://host", "--server must be an http:// or https:// URL")]
    [InlineData("not a url", "--server must be an http:// or https:// URL")]
    public async Task Connect_BadServer_Fails(string server, string message)
    {
        using var stderr = new StringWriter();

        var code = await MeursCli.RunAsync(["connect", "--room", "abcdefg", "--server", server, "--token", "t"], new CliConsole(TextReader.Null, TextWriter.Null, stderr), CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
    }
}
