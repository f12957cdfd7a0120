using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;

namespace Meurs.Tests.Web.Cli;

/// <summary><c>meurs tokens create</c>: the secret it prints works against the server on the same database.</summary>
public sealed class TokensCommandTests(CliDatabase cli) : IClassFixture<CliDatabase>
{
    [Fact]
    public async Task Create_PrintsOnlyASecretThatAuthenticatesAsTheUser()
    {
        var name = await cli.NewUserAsync("tok");

        var created = await cli.RunOkAsync("tokens", "create", "--user", name.ToUpperInvariant(), "--name", "laptop CLI", "--days", "7");

        var secret = Assert.Single(created.Lines);
        Assert.True(AccessTokenSecret.IsWellFormed(secret), secret);
        Assert.Contains("not shown again", created.Error, StringComparison.Ordinal);
        using var server = cli.NewServer();
        using var api = ApiClient.For(server);
        var me = await api.GetAsync("/api/users/me", secret);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(name, me.Text("username"));
    }

    [Theory]
    [InlineData("--days", "0", "1 to 365 days")]
    [InlineData("--days", "366", "1 to 365 days")]
    [InlineData("--name", "   ", "Give the token a name")]
    public async Task Create_BrokenRule_Fails(string option, string value, string message)
    {
        var name = await cli.NewUserAsync("tok");
        string[] args = ["tokens", "create", "--user", name, "--name", "n", "--days", "3"];
        args[Array.IndexOf(args, option) + 1] = value;

        Assert.Contains(message, await cli.RunFailingAsync(args), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownUser_OrMissingName_Fails()
    {
        Assert.Contains("No user named 'ghost'", await cli.RunFailingAsync("tokens", "create", "--user", "ghost", "--name", "x"), StringComparison.Ordinal);
        Assert.Contains("'--name' is required", await cli.RunFailingAsync("tokens", "create", "--user", "ghost"), StringComparison.Ordinal);
        Assert.Contains("days", await cli.RunFailingAsync("tokens", "create", "--user", "ghost", "--name", "x", "--days", "soon"), StringComparison.Ordinal);
    }
}
