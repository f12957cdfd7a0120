using System.Net;
using System.Net.Http.Headers;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Messages;

/// <summary>Attachments: uploads (Chat's test_upload_image_attachment), types by magic bytes, limits, downloads, and the older-page fragment.</summary>
public sealed class AttachmentTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", name);
        }
        return content;
    }

    [Fact]
    public async Task Upload_ImageToOwnMessage_200WithImageAttachment_ServedInlineSandboxed()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var id = (await scene.SendAsync(api, scene.Member, "with a picture")).GetProperty("id").GetString();

        var r = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{id}/attachments", scene.Member.Token, Files(("cat.png", Png)));

        Assert.Equal(HttpStatusCode.OK, r.Status);
        var attachment = Assert.Single(r.Json!.Value.GetProperty("attachments").EnumerateArray());
        Assert.Equal("image", attachment.GetProperty("file_type").GetString());
        Assert.Equal("cat.png", attachment.GetProperty("filename").GetString());
        Assert.Equal(Png.Length, attachment.GetProperty("size").GetInt64());
        var download = await scene.Owner.Browser.GetAsync(attachment.GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        var outsider = await scene.Outsider.Browser.GetAsync(attachment.GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [Fact]
    public async Task Send_MultipartWithHtmlFile_IsADownloadAsOctetStream()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var body = Files(("page.html", "<script>alert(1)</script>"u8.ToArray()));
        body.Add(new StringContent("see file"), "content");

        var r = await api.SendAsync(HttpMethod.Post, scene.Messages, scene.Member.Token, body);

        Assert.Equal(HttpStatusCode.Created, r.Status);
        var attachment = Assert.Single(r.Json!.Value.GetProperty("attachments").EnumerateArray());
        Assert.Equal("file", attachment.GetProperty("file_type").GetString());
        Assert.Equal("application/octet-stream", attachment.GetProperty("content_type").GetString());
        var download = await scene.Owner.Browser.GetAsync(attachment.GetProperty("url").GetString()!);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("fake.png", "not a png at all")]
    [InlineData("empty.txt", "")]
    public async Task Upload_DisguisedOrEmpty_400NothingStored(string name, string text)
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var id = (await scene.SendAsync(api, scene.Member, "x")).GetProperty("id").GetString();

        var r = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{id}/attachments", scene.Member.Token, Files((name, System.Text.Encoding.UTF8.GetBytes(text))));

        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.False(await factory.WithDbAsync(db => db.Messages.Where(m => m.ChannelId == scene.ChannelId).SelectMany(m => m.Attachments).AnyAsync()));
        Assert.Empty(Directory.Exists(Path.Combine(factory.DataPath, "uploads")) ? Directory.GetFiles(Path.Combine(factory.DataPath, "uploads"), "staged-*") : []);
    }

    [Fact]
    public async Task Upload_WithoutAttachFiles403_OthersMessage403_TooMany400()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var mine = (await scene.SendAsync(api, scene.Member, "x")).GetProperty("id").GetString();
        var owners = (await scene.SendAsync(api, scene.Owner, "y")).GetProperty("id").GetString();

        var others = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{owners}/attachments", scene.Member.Token, Files(("a.png", Png)));
        var tooMany = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{mine}/attachments", scene.Member.Token, Files([.. Enumerable.Range(0, 11).Select(i => ($"{i}.png", Png))]));
        await scene.SetEveryoneAsync(Permissions.EveryoneDefault & ~Permissions.AttachFiles);
        var noPermission = await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{mine}/attachments", scene.Member.Token, Files(("a.png", Png)));
        var sendWithFile = await api.SendAsync(HttpMethod.Post, scene.Messages, scene.Member.Token, Files(("a.png", Png)));

        Assert.Equal(HttpStatusCode.Forbidden, others.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal(HttpStatusCode.Forbidden, noPermission.Status);
        Assert.Equal(HttpStatusCode.Forbidden, sendWithFile.Status);
        Assert.False(await factory.WithDbAsync(db => db.Messages.Where(m => m.ChannelId == scene.ChannelId).SelectMany(m => m.Attachments).AnyAsync()));
    }

    [Fact]
    public async Task Delete_MessageWithAttachment_RemovesTheFile()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var r = await api.SendAsync(HttpMethod.Post, scene.Messages, scene.Member.Token, Files(("a.png", Png)));
        var url = r.Json!.Value.GetProperty("attachments")[0].GetProperty("url").GetString()!;

        await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{r.Text("id")}", scene.Member.Token, null);

        Assert.Equal(HttpStatusCode.NotFound, (await scene.Member.Browser.GetAsync(url)).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.DataPath, "uploads"), "m-" + url[(url.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public async Task OlderFragment_BeforeCursor_ReturnsOlderMessagesWithNextSentinel()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await scene.SendAsync(api, scene.Owner, $"older {i}")).GetProperty("id").GetGuid());
        }

        var (response, html) = await scene.Member.Browser.GetHtmlAsync($"/channels/{scene.ChannelId:N}/messages?before={ids[3]:N}&limit=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"m-{ids[1]:N}\"", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"m-{ids[2]:N}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"m-{ids[3]:N}\"", html, StringComparison.Ordinal);
        Assert.Contains($"before={ids[1]:N}", html, StringComparison.Ordinal);
        Assert.Contains("hx-trigger=\"intersect once\"", html, StringComparison.Ordinal);
    }
}
