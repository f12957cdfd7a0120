using System.Net;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Servers;

/// <summary>Creating servers and uploading their images are limited per person (<c>Servers:*</c> settings): past the allowance, 429 and nothing stored.</summary>
public sealed class ServerRateLimitTests
{
    [Fact]
    public async Task CreatingServers_PastTheHourlyAllowance_429_NothingCreated_OthersUnaffected()
    {
        using var factory = MeursFactory.With(settings: new Dictionary<string, string?> { ["Servers:CreationsPerHour"] = "2" });
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await scene.Api.PostJsonAsync("/api/servers/", new { title = $"s{i}" }, alice.Token)).Status);
        }
        var refused = await scene.Api.PostJsonAsync("/api/servers/", new { title = "one too many" }, alice.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("created many servers", refused.Json!.Value.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await factory.WithDbAsync(db => Task.FromResult(db.Servers.Count(s => s.OwnerId == alice.Id))));
        Assert.Equal(HttpStatusCode.Created, (await scene.Api.PostJsonAsync("/api/servers/", new { title = "bob's" }, bob.Token)).Status);
    }

    [Fact]
    public async Task UploadingImages_PastTheBurst_429_TheServerKeepsItsIcon()
    {
        using var factory = MeursFactory.With(settings: new Dictionary<string, string?> { ["Images:UploadBurst"] = "1", ["Images:UploadsPerHour"] = "1" });
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        var first = await scene.Api.SendAsync(HttpMethod.Post, $"/api/servers/{id}/image", alice.Token, ServerScene.FilePart(TestImages.Png(64, 64)));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var icon = first.Json!.Value.GetProperty("image_url").GetString();
        var second = await scene.Api.SendAsync(HttpMethod.Post, $"/api/servers/{id}/image", alice.Token, ServerScene.FilePart(TestImages.Png(32, 32)));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        var now = await scene.Api.GetAsync($"/api/servers/{id}", alice.Token);
        Assert.Equal(icon, now.Json!.Value.GetProperty("image_url").GetString());
    }
}
