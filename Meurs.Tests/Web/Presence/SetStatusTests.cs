using System.Net;
using System.Net.Http.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;

namespace Meurs.Tests.Web.Presence;

/// <summary>Choosing a status through the API and the header's form: what is accepted, and bad input changing nothing.</summary>
public sealed class SetStatusTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Theory]
    [InlineData("""{"status":"away"}""")]
    [InlineData("""{"status":"offline"}""")]
    [InlineData("""{"status":1}""")]
    [InlineData("""{"status":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"status":"\ud800"}""")]
    [InlineData("""["online"]""")]
    [InlineData("""not json""")]
    public async Task SetStatus_BadInput_Is400AndChangesNothing(string body)
    {
        using var api = ApiClient.For(factory);
        var (userName, token) = await api.NewAccountWithTokenAsync("alice");

        var response = await api.SendAsync(HttpMethod.Put, "/api/users/me/status", token, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Message.StatusCode);
        Assert.Equal(PresenceStatus.Online, await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Status)));
    }

    [Fact]
    public async Task SetStatus_Anonymous_Is401()
    {
        using var api = ApiClient.For(factory);
        var response = await api.SendAsync(HttpMethod.Put, "/api/users/me/status", null, JsonContent.Create(new { status = "dnd" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Message.StatusCode);
    }

    [Fact]
    public async Task StatusForm_SavesTheChoice_AndTheHeaderShowsIt()
    {
        using var browser = await factory.SignedUpAsync();
        var (_, before) = await browser.GetHtmlAsync("/");
        Assert.Contains("status-picker", before, StringComparison.Ordinal);

        var (response, _) = await browser.PostFormAsync("/me/status", [new("status", "dnd")], "/");
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, response.StatusCode.ToString());
        var (_, after) = await browser.GetHtmlAsync("/");

        Assert.Contains("""aria-pressed="true">""", after.Split("value=\"dnd\"")[1].Split("</button>")[0] is var b ? ">" + b : "", StringComparison.Ordinal);
        Assert.Equal(PresenceStatus.DoNotDisturb, await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == browser.UserName).Status)));
        var (bad, _) = await browser.PostFormAsync("/me/status", [new("status", "asleep")], "/");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(PresenceStatus.DoNotDisturb, await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == browser.UserName).Status)));
    }
}
