using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Cli;

/// <summary><c>meurs users …</c> on a real SQLite file, checked through the web app on the same file.</summary>
public sealed class UsersCommandTests(CliDatabase cli) : IClassFixture<CliDatabase>
{
    [Fact]
    public async Task Create_ThenList_ShowsTheAccountEnabledAndNotAdmin()
    {
        await cli.NewUserAsync("first");
        var name = "Ann" + Guid.NewGuid().ToString("N")[..8];

        var created = await cli.RunOkAsync("users", "create", "--username", name, "--password", TestBrowser.DefaultPassword);
        var list = await cli.RunOkAsync("users", "list");

        Assert.Equal($"Created user {name}.", created.Out.Trim());
        Assert.Equal(["USERNAME", "CREATED", "DISABLED", "ADMIN"], list.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var row = Assert.Single(list.Lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.Matches(@"^\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+no\s+no$", row);
    }

    [Fact]
    public async Task Create_AccountCanLogInThroughTheApi()
    {
        var name = await cli.NewUserAsync();
        using var server = cli.NewServer();
        using var api = ApiClient.For(server);

        var login = await api.LogInAsync(name);

        Assert.Equal(HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task Create_PasswordFromStdin()
    {
        var name = "stdin" + Guid.NewGuid().ToString("N")[..8];

        var created = await cli.RunAsync(["users", "create", "-u", name, "-p", "-"], TestBrowser.DefaultPassword + "\n");

        Assert.Equal(0, created.ExitCode);
        using var server = cli.NewServer();
        using var api = ApiClient.For(server);
        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync(name)).Status);
    }

    [Theory]
    [InlineData("short", "Password must be 8–128 characters")]
    [InlineData("aaaaaaaaaaaa", "4 different characters")]
    public async Task Create_BadPassword_FailsWithTheRule(string password, string message)
    {
        var error = await cli.RunFailingAsync("users", "create", "--username", "pw" + Guid.NewGuid().ToString("N")[..8], "--password", password);

        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.StartsWith("meurs: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BadOrTakenName_Fails()
    {
        var name = await cli.NewUserAsync();

        Assert.Contains("Username must be", await cli.RunFailingAsync("users", "create", "--username", "no spaces", "--password", TestBrowser.DefaultPassword), StringComparison.Ordinal);
        Assert.Contains("already taken", await cli.RunFailingAsync("users", "create", "--username", name.ToUpperInvariant(), "--password", TestBrowser.DefaultPassword), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--username", "someone")]
    [InlineData("--password", "correct horse battery")]
    public async Task Create_MissingOption_FailsNamingIt(string given, string value)
    {
        var error = await cli.RunFailingAsync("users", "create", given, value);

        Assert.Contains("is required", error, StringComparison.Ordinal);
        Assert.Contains("meurs users create --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_RefusesLoginAndExistingTokens_EnableRestoresThem()
    {
        var name = await cli.NewUserAsync("dis");
        using var server = cli.NewServer();
        using var api = ApiClient.For(server);
        var token = await api.TokenForAsync(name);

        var disabled = await cli.RunOkAsync("users", "disable", name);

        Assert.Contains("Disabled", disabled.Out, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await api.LogInAsync(name)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/users/me", token)).Status);
        var row = Assert.Single((await cli.RunOkAsync("users", "list")).Lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.Matches(@"UTC\s+yes\s+no$", row);

        await cli.RunOkAsync("users", "enable", name.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync(name)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users/me", token)).Status);
    }

    [Fact]
    public async Task Disable_EndsASignedInBrowserSessionAndItsOpenSocket()
    {
        var name = await cli.NewUserAsync("live");
        // The server's clock, moved past Identity's own 30-minute stamp check and the socket session check.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var server = MeursFactory.With(
            services => services.AddSingleton<TimeProvider>(clock),
            new Dictionary<string, string?> { ["Data:ConnectionString"] = $"Data Source={cli.DatabaseFile}" });
        using var browser = server.NewBrowser();
        var (login, html) = await browser.LogInAsync(name, TestBrowser.DefaultPassword);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
        await using var me = await browser.ConnectAsync("/ws/me");

        await cli.RunOkAsync("users", "disable", name);
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(SocketSessions.SessionEnded, await me.ReceiveCloseAsync());
        var profile = await browser.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.StartsWith("/login", profile.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantAdmin_ListShowsIt_AndAgainIsHarmless()
    {
        await cli.NewUserAsync("first");
        var name = await cli.NewUserAsync("adm");

        var granted = await cli.RunOkAsync("users", "grant-admin", name);
        var again = await cli.RunOkAsync("users", "grant-admin", name);

        Assert.Equal($"{name} is now an administrator.", granted.Out.Trim());
        Assert.Equal($"{name} is already an administrator.", again.Out.Trim());
        var row = Assert.Single((await cli.RunOkAsync("users", "list")).Lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.Matches(@"UTC\s+no\s+yes$", row);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("grant-admin")]
    public async Task UnknownUser_Fails(string verb)
    {
        var error = await cli.RunFailingAsync("users", verb, "nobody" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Contains("No user named", error, StringComparison.Ordinal);
    }
}
