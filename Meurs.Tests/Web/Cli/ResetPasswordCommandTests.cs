using System.Net;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Cli;

/// <summary>
/// <c>meurs users reset-password</c>: a random password printed once (or one read from stdin), the old one stops
/// working, a signed-in browser's session ends; bad input changes nothing.
/// </summary>
public sealed partial class ResetPasswordCommandTests(CliDatabase cli) : IClassFixture<CliDatabase>
{
    [Fact]
    public async Task ResetPassword_Random_PrintedOnce_NewOneLogsIn_OldOneNot()
    {
        var name = await cli.NewUserAsync("reset");

        var reset = await cli.RunOkAsync("users", "reset-password", name);

        var match = PrintedPassword().Match(reset.Out);
        Assert.True(match.Success, reset.ToString());
        Assert.Contains("shown only this once", reset.Out, StringComparison.Ordinal);
        using var server = cli.NewServer();
        using var api = ApiClient.For(server);
        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync(name, match.Groups[1].Value)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.LogInAsync(name, TestBrowser.DefaultPassword)).Status);
    }

    [Fact]
    public async Task ResetPassword_FromStdin_IsNotPrinted()
    {
        var name = await cli.NewUserAsync("stdin");
        const string chosen = "a chosen new passphrase";

        var reset = await cli.RunAsync(["users", "reset-password", name.ToUpperInvariant(), "--stdin"], chosen + "\n");

        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.DoesNotContain(chosen, reset.Out, StringComparison.Ordinal);
        using var server = cli.NewServer();
        using var api = ApiClient.For(server);
        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync(name, chosen)).Status);
    }

    [Theory]
    [InlineData("short", "Password must be 8–128 characters")]
    [InlineData("aaaaaaaaaaaa", "4 different characters")]
    public async Task ResetPassword_BadPasswordFromStdin_FailsAndTheOldOneStillWorks(string password, string reason)
    {
        var name = await cli.NewUserAsync("bad");

        var reset = await cli.RunAsync(["users", "reset-password", name, "--stdin"], password + "\n");

        Assert.NotEqual(0, reset.ExitCode);
        Assert.Contains(reason, reset.Error, StringComparison.Ordinal);
        using var server = cli.NewServer();
        using var api = ApiClient.For(server);
        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync(name, TestBrowser.DefaultPassword)).Status);
    }

    [Fact]
    public async Task ResetPassword_UnknownUser_Fails()
    {
        var error = await cli.RunFailingAsync("users", "reset-password", "nobody" + Guid.NewGuid().ToString("N")[..8]);

        Assert.StartsWith("meurs: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_EndsASignedInBrowserSessionAndItsOpenSocket()
    {
        var name = await cli.NewUserAsync("live");
        // The server's clock, moved past the socket session check.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var server = MeursFactory.With(
            services => services.AddSingleton<TimeProvider>(clock),
            new Dictionary<string, string?> { ["Data:ConnectionString"] = $"Data Source={cli.DatabaseFile}" });
        using var browser = server.NewBrowser();
        var (login, html) = await browser.LogInAsync(name, TestBrowser.DefaultPassword);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
        await using var me = await browser.ConnectAsync("/ws/me");

        await cli.RunOkAsync("users", "reset-password", name);
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(SocketSessions.SessionEnded, await me.ReceiveCloseAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/profile")).StatusCode);
    }

    [GeneratedRegex(@"New password for \S+: (\S{20})\n")]
    private static partial Regex PrintedPassword();
}
