using System.Net;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using SixLabors.ImageSharp;
using static Meurs.Tests.Web.Profiles.ProfileScene;

namespace Meurs.Tests.Web.Profiles;

/// <summary>
/// Avatars: judged by their bytes (not the name or the declared type), at most <c>Profiles:MaxAvatarBytes</c>, cropped
/// to a 256 px square with a GIF's animation kept, stored under a content-hash name and served with long immutable
/// caching, <c>nosniff</c> and a sandbox policy; a replaced avatar's file goes unless someone else uses the same picture.
/// </summary>
public sealed class AvatarTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Upload_LargePng_IsCroppedTo256Square_AndServedWithCachingHeaders()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var me = Expect(await scene.UploadAsync(alice.Token, TestImages.Png(1024, 768)), HttpStatusCode.OK);

        var url = Str(me, "avatar")!;
        Assert.Matches("^/avatars/[0-9a-f]{32}\\.png$", url);
        Assert.Equal(url, Str(me, "avatar_url"));
        using var response = await scene.GetRawAsync(url, alice.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var caching = response.Headers.CacheControl!;
        Assert.Equal((true, true, TimeSpan.FromDays(365)), (caching.Private, caching.Extensions.Any(e => e.Name == "immutable"), caching.MaxAge!.Value));
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var stored = Image.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((256, 256), (stored.Width, stored.Height));
    }

    [Fact]
    public async Task Upload_AnimatedGif_StaysAnimatedAfterTheResize()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var me = Expect(await scene.UploadAsync(alice.Token, TestImages.AnimatedGif(600, 400), "anim.gif", "image/gif"), HttpStatusCode.OK);

        var url = Str(me, "avatar")!;
        Assert.EndsWith(".gif", url, StringComparison.Ordinal);
        using var stored = Image.Load(scene.AvatarPath(url));
        Assert.Equal(2, stored.Frames.Count);
        Assert.Equal((256, 256), (stored.Width, stored.Height));
    }

    [Fact]
    public async Task Upload_AnimatedWebp_IsKeptAnimated_WithoutItsMetadata()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var me = Expect(await scene.UploadAsync(alice.Token, TestWebp.Animated(64, 64, frames: 3), "anim.webp", "image/webp"), HttpStatusCode.OK);

        var url = Str(me, "avatar")!;
        Assert.EndsWith(".webp", url, StringComparison.Ordinal);
        var stored = await File.ReadAllBytesAsync(scene.AvatarPath(url));
        Assert.Equal(3, TestWebp.Count(stored, "ANMF"));
        Assert.Equal(0, TestWebp.Count(stored, "EXIF"));
        Assert.Equal(0, stored[20] & 0x08);
        Assert.Equal(stored.Length - 8, BitConverter.ToInt32(stored, 4));
    }

    [Theory]
    [InlineData(300, 300)]
    [InlineData(64, 48)]
    public async Task Upload_AnimatedWebp_TooLargeOrNotSquare_400SayingWhatFits(int width, int height)
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var response = await scene.UploadAsync(alice.Token, TestWebp.Animated(width, height), "anim.webp", "image/webp");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("square and at most 256×256", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_SmallImage_IsNotEnlarged_ButMadeSquare()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var me = Expect(await scene.UploadAsync(alice.Token, TestImages.Png(100, 60)), HttpStatusCode.OK);

        using var stored = Image.Load(scene.AvatarPath(Str(me, "avatar")!));
        Assert.Equal((60, 60), (stored.Width, stored.Height));
    }

    [Fact]
    public async Task Upload_TypeComesFromTheBytes_NotTheDeclaredType()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var me = Expect(await scene.UploadAsync(alice.Token, TestImages.AnimatedGif(50, 50), "picture.png", "image/png"), HttpStatusCode.OK);

        Assert.EndsWith(".gif", Str(me, "avatar"), StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> NotImages() => new()
    {
        { "a text file renamed .png", Encoding.UTF8.GetBytes("just some text, not a picture"), "PNG, JPEG, GIF or WebP" },
        { "a script renamed .png", Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "PNG, JPEG, GIF or WebP" },
        { "a PDF", Encoding.UTF8.GetBytes("%PDF-1.4 something"), "PNG, JPEG, GIF or WebP" },
        { "a PNG signature with nothing after it", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0], "could not be read" },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public async Task Upload_NotAnImage_400_AndTheAvatarStays(string what, byte[] bytes, string reason)
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        var before = Str(Expect(await scene.UploadAsync(alice.Token, TestImages.Png(64, 64)), HttpStatusCode.OK), "avatar");

        var response = await scene.UploadAsync(alice.Token, bytes, "avatar.png", "image/png");

        Assert.True(response.Status == HttpStatusCode.BadRequest, what);
        Assert.Contains(reason, response.Detail, StringComparison.Ordinal);
        Assert.Equal(before, Str(Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK), "avatar"));
    }

    [Fact]
    public async Task Upload_OverTheConfiguredLimit_413_WithTheLimit()
    {
        using var limited = MeursFactory.With(settings: new Dictionary<string, string?> { ["Profiles:MaxAvatarBytes"] = "2048" });
        using var scene = new ProfileScene(limited);
        using var alice = await scene.PersonAsync();
        var big = TestImages.Png(300, 300).Concat(new byte[4096]).ToArray();

        var response = await scene.UploadAsync(alice.Token, big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains("at most 2 KiB", response.Detail, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK).GetProperty("avatar").ValueKind);
    }

    [Fact]
    public async Task Uploads_PastThePictureAllowance_429_TheAvatarStays_AndServerImagesShareIt()
    {
        using var limited = MeursFactory.With(settings: new Dictionary<string, string?> { ["Images:UploadBurst"] = "2", ["Images:UploadsPerHour"] = "1" });
        using var scene = new ProfileScene(limited);
        using var alice = await scene.PersonAsync();
        using var bob = await scene.PersonAsync();
        Expect(await scene.UploadAsync(alice.Token, TestImages.Png(64, 64)), HttpStatusCode.OK);
        var second = Str(Expect(await scene.UploadAsync(alice.Token, TestImages.Png(48, 48)), HttpStatusCode.OK), "avatar");

        var third = await scene.UploadAsync(alice.Token, TestImages.Png(32, 32));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Contains("try again later", third.Detail, StringComparison.Ordinal);
        Assert.Equal(second, Str(Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK), "avatar"));
        // One allowance per person, whichever picture: a server icon is refused to her too, while Bob still has his.
        var server = await scene.Api.PostJsonAsync("/api/servers/", new { title = "alice's" }, alice.Token);
        var serverId = server.Json!.Value.GetProperty("id").GetString();
        var icon = await scene.Api.SendAsync(HttpMethod.Post, $"/api/servers/{serverId}/image", alice.Token, Meurs.Tests.Web.Servers.ServerScene.FilePart(TestImages.Png(64, 64)));
        Assert.Equal(HttpStatusCode.TooManyRequests, icon.Status);
        Expect(await scene.UploadAsync(bob.Token, TestImages.Png(64, 64)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upload_NotMultipart_415_AndNoFilePart_400()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var json = await scene.Api.PostAsync("/api/users/me/avatar", "{}", alice.Token);
        using var wrongPart = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(10, 10)), "image", "a.png" } };
        var noFile = await scene.Api.SendAsync(HttpMethod.Post, "/api/users/me/avatar", alice.Token, wrongPart);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.Status);
        Assert.Contains("\"file\"", noFile.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_NewPicture_GetsANewName_AndTheOldFileGoes()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        var first = Str(Expect(await scene.UploadAsync(alice.Token, TestImages.Png(70, 70)), HttpStatusCode.OK), "avatar")!;

        var second = Str(Expect(await scene.UploadAsync(alice.Token, TestImages.Png(80, 80)), HttpStatusCode.OK), "avatar")!;

        Assert.NotEqual(first, second);
        Assert.False(File.Exists(scene.AvatarPath(first)));
        Assert.True(File.Exists(scene.AvatarPath(second)));
    }

    [Fact]
    public async Task Remove_204_BackToTheDefault_ButASharedPictureStaysForTheOther()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var bob = await scene.PersonAsync();
        var picture = TestImages.Png(90, 90);
        var url = Str(Expect(await scene.UploadAsync(alice.Token, picture), HttpStatusCode.OK), "avatar")!;
        Assert.Equal(url, Str(Expect(await scene.UploadAsync(bob.Token, picture), HttpStatusCode.OK), "avatar"));

        var removed = await scene.Api.SendAsync(HttpMethod.Delete, "/api/users/me/avatar", alice.Token, null);

        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(JsonValueKind.Null, Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK).GetProperty("avatar").ValueKind);
        Assert.True(File.Exists(scene.AvatarPath(url)));
        Assert.Equal(HttpStatusCode.NoContent, (await scene.Api.SendAsync(HttpMethod.Delete, "/api/users/me/avatar", bob.Token, null)).Status);
        Assert.False(File.Exists(scene.AvatarPath(url)));
    }

    [Theory]
    [InlineData("/avatars/0123456789abcdef0123456789abcdef.png")]
    [InlineData("/avatars/..%2Fmeurs.db")]
    [InlineData("/avatars/not-a-name.png")]
    public async Task Serve_UnknownOrMalformedName_404(string path)
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        using var response = await scene.GetRawAsync(path, alice.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Serve_Anonymous_IsRefused()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        var url = Str(Expect(await scene.UploadAsync(alice.Token, TestImages.Png(40, 40)), HttpStatusCode.OK), "avatar")!;

        using var response = await scene.Api.Client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
