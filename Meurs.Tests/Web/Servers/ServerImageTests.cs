using System.Net;
using Meurs.Tests.Web.Support;
using SixLabors.ImageSharp;
using static Meurs.Tests.Web.Servers.ServerScene;

namespace Meurs.Tests.Web.Servers;

/// <summary>Server icons and banners: checked by their bytes, shrunk to fit, GIFs kept animated, served with caching and nosniff.</summary>
public sealed class ServerImageTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static byte[] Png(int width, int height) => TestImages.Png(width, height);

    private static byte[] AnimatedGif(int width, int height) => TestImages.AnimatedGif(width, height);

    private static async Task<ApiResponse> UploadAsync(ServerScene scene, Guid serverId, string kind, byte[] bytes, string token, string fileName = "image.png") =>
        await scene.Api.SendAsync(HttpMethod.Post, $"/api/servers/{serverId}/{kind}", token, FilePart(bytes, fileName));

    [Fact]
    public async Task Icon_LargePng_IsShrunkTo512_AndServedWithCachingAndNosniff()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        var server = Expect(await UploadAsync(scene, id, "image", Png(1024, 768), alice.Token), HttpStatusCode.OK);

        var url = Str(server, "image_url");
        Assert.Matches("^/server-images/[0-9a-f]{32}\\.png$", url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", alice.Token);
        using var response = await scene.Api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var stored = Image.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((512, 384), (stored.Width, stored.Height));
    }

    [Fact]
    public async Task Banner_AnimatedGif_StaysAnimated_AndAReplacedImageIsDeleted()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var first = Str(Expect(await UploadAsync(scene, id, "banner", Png(100, 50), alice.Token), HttpStatusCode.OK), "banner_url");

        var server = Expect(await UploadAsync(scene, id, "banner", AnimatedGif(2400, 600), alice.Token, "anim.gif"), HttpStatusCode.OK);

        var url = Str(server, "banner_url");
        Assert.EndsWith(".gif", url, StringComparison.Ordinal);
        var path = Path.Combine(factory.DataPath, "uploads", "servers", url["/server-images/".Length..]);
        using (var stored = Image.Load(path))
        {
            Assert.Equal(2, stored.Frames.Count);
            Assert.Equal((1920, 480), (stored.Width, stored.Height));
        }
        Assert.False(File.Exists(Path.Combine(factory.DataPath, "uploads", "servers", first["/server-images/".Length..])));
    }

    [Fact]
    public async Task NotAnImage_400_MissingPart_400_NotMultipart_415_NonManager_403()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);

        Problem(await UploadAsync(scene, id, "image", "<script>alert(1)</script>"u8.ToArray(), alice.Token, "evil.png"), HttpStatusCode.BadRequest);
        Problem(await UploadAsync(scene, id, "image", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], alice.Token), HttpStatusCode.BadRequest);
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        Problem(await scene.Api.SendAsync(HttpMethod.Post, $"/api/servers/{id}/image", alice.Token, empty), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/image", alice.Token, new { file = "x" }), HttpStatusCode.UnsupportedMediaType);
        Problem(await UploadAsync(scene, id, "image", Png(10, 10), bob.Token), HttpStatusCode.Forbidden);
        Assert.Null(await factory.WithDbAsync(async db => (await db.Servers.FindAsync(id))!.IconFile));
    }

    [Fact]
    public async Task OverTheConfiguredLimit_413()
    {
        await using var small = MeursFactory.With(settings: new Dictionary<string, string?> { ["Servers:MaxImageBytes"] = "2000" });
        using var scene = new ServerScene(small);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var noisy = new byte[5000];
        Random.Shared.NextBytes(noisy);
        noisy[0] = 0x89;

        Problem(await UploadAsync(scene, id, "image", noisy, alice.Token), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UnknownImage_404()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();

        foreach (var name in new[] { $"{Guid.NewGuid():N}.png", "..%2Fmeurs.db", "x.png", $"{Guid.NewGuid():N}.svg" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/server-images/" + name);
            request.Headers.Authorization = new("Bearer", alice.Token);
            using var response = await scene.Api.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
