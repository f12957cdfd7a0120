using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Rooms;

/// <summary>Shared files: <c>POST /rooms/{id}/files</c> and <c>GET /rooms/{id}/files/{fileId}</c>.</summary>
public sealed partial class SharedFileTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Upload_PngByMember_Returns201StoresUnderGeneratedNameAndAnnouncesToTheRoom()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        using var browser = await factory.SignedUpAsync("web");
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var guestSocket = await Comuni.JoinAsync(factory, roomId, guest);
        await using var htmxSocket = await browser.JoinRoomAsync(roomId);
        await ownerSocket.ReceiveUntilMembersAsync(guest.Name, browser.UserName);
        var bytes = Png(3000, seed: 1);
        var before = UploadedFiles(factory);

        var response = await UploadAsync(api, roomId, guest.Token, bytes, "holiday photo.png");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var json = response.Json!.Value;
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal("holiday photo.png", response.Text("file_name"));
        Assert.Equal(bytes.Length, json.GetProperty("size").GetInt64());
        Assert.Equal("image/png", response.Text("content_type"));
        Assert.Equal($"/rooms/{roomId}/files/{id:N}", response.Text("download_url"));
        var expires = json.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(25));

        var stored = Assert.Single(UploadedFiles(factory).Except(before));
        Assert.Equal(id.ToString("N"), stored);
        Assert.Matches(HexNameRegex(), stored);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(UploadsPath(factory), stored)));

        foreach (var socket in new[] { ownerSocket, guestSocket })
        {
            var shared = (await socket.ReceiveUntilAsync(e => Comuni.Type(e) == "file_shared"))[^1];
            Assert.Equal(("holiday photo.png", guest.Name, $"/rooms/{roomId}/files/{id:N}"), (Comuni.Str(shared, "file_name"), Comuni.Str(shared, "uploader"), Comuni.Str(shared, "download_url")));
            Assert.True(Comuni.Seq(shared) > 0);
        }
        var swap = (await htmxSocket.ReceiveUntilTextAsync("holiday photo.png"))[^1];
        Assert.Contains($"/rooms/{roomId}/files/{id:N}", swap.Content, StringComparison.Ordinal);
        // A shared picture previews in the page as a channel's image attachment does (issue 11).
        Assert.Contains($"<img src=\"/rooms/{roomId}/files/{id:N}\" alt=\"holiday photo.png\"", swap.Content, StringComparison.Ordinal);
        Assert.Contains("class=\"image-preview\"", swap.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_ByMember_ReturnsTheSameBytesAsAnAttachmentWithNosniff()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var member = await Comuni.UserAsync(api, "mem");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", member.Token);
        var bytes = Png(5000, seed: 2);
        var url = (await UploadAsync(api, roomId, owner.Token, bytes, "diagram.png")).Text("download_url");

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);
        using var download = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("diagram.png", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task UploadAndDownload_SignedInNonMember_Return404AndStoreNothing()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var stranger = await Comuni.UserAsync(api, "str");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var url = (await UploadAsync(api, roomId, owner.Token, Png(100, seed: 3), "ok.png")).Text("download_url");
        var before = UploadedFiles(factory);

        var upload = await UploadAsync(api, roomId, stranger.Token, Png(100, seed: 4), "sneaky.png");
        var download = await api.GetAsync(url, stranger.Token);

        Assert.Equal((HttpStatusCode.NotFound, "Room not found"), (upload.Status, upload.Detail));
        Assert.Equal(HttpStatusCode.NotFound, download.Status);
        Assert.Empty(UploadedFiles(factory).Except(before));
        Assert.Equal(1, await SharedFileCountAsync(factory, roomId));
    }

    [Fact]
    public async Task Upload_AnonymousOrBadBearer_Returns401AndStoresNothing()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var url = (await UploadAsync(api, roomId, owner.Token, Png(100, seed: 5), "ok.png")).Text("download_url");
        var before = UploadedFiles(factory);

        var upload = await UploadAsync(api, roomId, bearer: null, Png(100, seed: 6), "anon.png");
        var download = await api.GetAsync(url);
        var badBearer = await UploadAsync(api, roomId, "meurs_" + new string('A', 43), Png(100, seed: 6), "anon.png");

        Assert.Equal(HttpStatusCode.Unauthorized, upload.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, badBearer.Status);
        // A download link is followed by a browser: without a session it leads to the login page, never to the file.
        Assert.Equal(HttpStatusCode.Redirect, download.Status);
        Assert.StartsWith("/login", new Uri(MeursFactory.BaseAddress, download.Message.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(url, "meurs_" + new string('A', 43))).Status);
        Assert.Empty(UploadedFiles(factory).Except(before));
        Assert.Equal(1, await SharedFileCountAsync(factory, roomId));
    }

    public static TheoryData<string, byte[]> Mismatches => new()
    {
        { "notes.png", Encoding.UTF8.GetBytes("this is only text, not an image at all") },
        { "script.png", Encoding.UTF8.GetBytes("<script>alert(1)</script>") },
        { "tool.exe", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. new byte[100]] },
        { "page.html", Encoding.UTF8.GetBytes("<!doctype html><p>hi</p>") },
        { "image.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>") },
        { "noextension", Png(100, seed: 7) },
        { "photo.jpg", Png(100, seed: 8) },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task Upload_ContentNotMatchingAnAllowedExtension_Returns415AndStoresNothing(string fileName, byte[] bytes)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var before = UploadedFiles(factory);

        var response = await UploadAsync(api, roomId, owner.Token, bytes, fileName);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.False(string.IsNullOrWhiteSpace(response.Detail));
        Assert.Empty(UploadedFiles(factory).Except(before));
        Assert.Equal(0, await SharedFileCountAsync(factory, roomId));
        Assert.Empty(await Comuni.EventsAsync(factory, roomId));
    }

    [Theory]
    [InlineData("../../evil.png", "evil.png")]
    [InlineData("..\\..\\evil.png", "evil.png")]
    [InlineData("C:\\x\\evil.png", "evil.png")]
    [InlineData("/etc/passwd/evil.png", "evil.png")]
    [InlineData("uploads/../../../evil.png", "evil.png")]
    [InlineData("evil.png.", "evil.png")]
    [InlineData("ev\u0001il\u007f.png", "evil.png")]
    public async Task Upload_PathTricksInFileName_StoredUnderGeneratedNameAndShownWithoutPathParts(string fileName, string shown)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var before = UploadedFiles(factory);
        var dataFilesBefore = AllFiles(factory.DataPath);

        var response = await UploadAsync(api, roomId, owner.Token, Png(200, seed: 9), fileName);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(shown, response.Text("file_name"));
        var stored = Assert.Single(UploadedFiles(factory).Except(before));
        Assert.Matches(HexNameRegex(), stored);
        // Nothing was written anywhere else in the data folder, nor next to it.
        Assert.Equal([Path.Combine(UploadsPath(factory), stored)], AllFiles(factory.DataPath).Except(dataFilesBefore));
        Assert.False(File.Exists(Path.Combine(factory.DataPath, "..", "evil.png")));
        Assert.False(File.Exists(Path.Combine(UploadsPath(factory), "evil.png")));
        var row = await factory.WithDbAsync(db => db.SharedFiles.SingleAsync(f => f.RoomId == roomId));
        Assert.Equal(shown, row.FileName);
    }

    [Theory]
    [InlineData("..png", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(".png", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("...", HttpStatusCode.BadRequest)]
    [InlineData("../", HttpStatusCode.BadRequest)]
    public async Task Upload_NameThatCleansToNoExtension_IsRefusedAndStoresNothing(string fileName, HttpStatusCode status)
    {
        // Leading dots are stripped ("..png" is shown as "png"), which leaves no extension to check the content against.
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var before = UploadedFiles(factory);

        var response = await UploadAsync(api, roomId, owner.Token, Png(200, seed: 10), fileName);

        Assert.Equal(status, response.Status);
        Assert.Empty(UploadedFiles(factory).Except(before));
        Assert.Equal(0, await SharedFileCountAsync(factory, roomId));
    }

    [Fact]
    public async Task Upload_NotMultipart_Returns400AndStoresNothing()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var before = UploadedFiles(factory);

        var json = await api.PostAsync($"/rooms/{roomId}/files", "{\"file\":\"iVBORw0KGgo=\"}", owner.Token);
        using var raw = new ByteArrayContent(Png(100, seed: 11));
        raw.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var rawPng = await api.SendAsync(HttpMethod.Post, $"/rooms/{roomId}/files", owner.Token, raw);

        Assert.Equal(HttpStatusCode.BadRequest, json.Status);
        Assert.Equal(HttpStatusCode.BadRequest, rawPng.Status);
        Assert.False(string.IsNullOrWhiteSpace(json.Detail));
        Assert.Empty(UploadedFiles(factory).Except(before));
    }

    [Fact]
    public async Task Upload_MultipartWithoutAFilePart_Returns400()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        using var content = new MultipartFormDataContent();
        using var other = new ByteArrayContent(Png(100, seed: 12));
        content.Add(other, "attachment", "pic.png");

        var response = await api.SendAsync(HttpMethod.Post, $"/rooms/{roomId}/files", owner.Token, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(0, await SharedFileCountAsync(factory, roomId));
    }

    [Fact]
    public async Task Upload_WithBrowserCookieButNoAntiforgeryHeader_Returns400AndStoresNothing()
    {
        using var browser = await factory.SignedUpAsync();
        var roomId = await browser.CreateRoomAsync();
        await browser.GetHtmlAsync($"/rooms/{roomId}");
        var before = UploadedFiles(factory);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/rooms/{roomId}/files") { Content = Multipart(Png(100, seed: 13), "cookie.png") };

        using var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(UploadedFiles(factory).Except(before));
        Assert.Equal(0, await SharedFileCountAsync(factory, roomId));
    }

    [Fact]
    public async Task Upload_WithBrowserCookieAndTheRoomPagesAntiforgeryHeader_Returns201()
    {
        using var browser = await factory.SignedUpAsync();
        var roomId = await browser.CreateRoomAsync();
        var (page, html) = await browser.GetHtmlAsync($"/rooms/{roomId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var headers = ShareHeadersRegex().Match(html);
        Assert.True(headers.Success, "no hx-headers on the share form");
        var token = System.Text.Json.JsonDocument.Parse(WebUtility.HtmlDecode(headers.Groups[1].Value)).RootElement.GetProperty("RequestVerificationToken").GetString();
        var bytes = Png(100, seed: 14);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/rooms/{roomId}/files") { Content = Multipart(bytes, "cookie.png") };
        request.Headers.Add("RequestVerificationToken", token);

        using var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var row = await factory.WithDbAsync(db => db.SharedFiles.SingleAsync(f => f.RoomId == roomId));
        Assert.Equal(("cookie.png", browser.UserName, bytes.Length), (row.FileName, row.UploaderName, (int)row.Size));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(UploadsPath(factory), row.StoredName)));
        // A browser download carries its cookie.
        var download = await browser.GetAsync(row.DownloadUrl);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_OverTheConfiguredLimit_Returns413AndLeavesNoFileOrPartFile()
    {
        using var small = MeursFactory.With(settings: new Dictionary<string, string?> { ["Rooms:MaxSharedFileBytes"] = "1024" });
        using var api = ApiClient.For(small);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        var atLimit = await UploadAsync(api, roomId, owner.Token, Png(1024, seed: 15), "fits.png");
        var overByOne = await UploadAsync(api, roomId, owner.Token, Png(1025, seed: 16), "byone.png");
        var wayOver = await UploadAsync(api, roomId, owner.Token, Png(200_000, seed: 17), "big.png");

        Assert.Equal(HttpStatusCode.Created, atLimit.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overByOne.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, wayOver.Status);
        Assert.False(string.IsNullOrWhiteSpace(overByOne.Detail));
        Assert.Equal([atLimit.Json!.Value.GetProperty("id").GetGuid().ToString("N")], UploadedFiles(small));
        Assert.Empty(Directory.GetFiles(UploadsPath(small), "*.part"));
        Assert.Equal(1, await SharedFileCountAsync(small, roomId));
    }

    [Fact]
    public async Task Upload_DeclaredContentLengthFarOverTheLimit_Returns413WithoutReadingTheBody()
    {
        using var small = MeursFactory.With(settings: new Dictionary<string, string?> { ["Rooms:MaxSharedFileBytes"] = "1024" });
        using var api = ApiClient.For(small);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        using var body = new NeverEndingContent(declaredLength: 50L * 1024 * 1024);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        // The body never gets past its first bytes: only an answer given without reading it can arrive.
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/rooms/{roomId}/files") { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token);
        using var response = await api.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(body.Written < 64 * 1024, $"{body.Written} bytes were taken");
        Assert.Empty(UploadedFiles(small));
    }

    [Fact]
    public async Task Download_AfterTheFileExpired_Returns404()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var timed = MeursFactory.With(services: services => services.AddSingleton<TimeProvider>(clock));
        using var api = ApiClient.For(timed);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var bytes = Png(100, seed: 18);
        var url = (await UploadAsync(api, roomId, owner.Token, bytes, "brief.png")).Text("download_url");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url, owner.Token)).Status);

        clock.Advance(new RoomsOptions().SharedFileLifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url, owner.Token)).Status);
        clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await api.GetAsync(url, owner.Token);

        Assert.Equal(HttpStatusCode.NotFound, expired.Status);
    }

    [Fact]
    public async Task Download_UnknownFileOrWrongRoom_Returns404()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var otherRoom = await Comuni.CreateRoomAsync(api, owner);
        var id = (await UploadAsync(api, roomId, owner.Token, Png(100, seed: 19), "here.png")).Json!.Value.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/rooms/{roomId}/files/{Guid.NewGuid():N}", owner.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/rooms/{otherRoom}/files/{id:N}", owner.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/rooms/{roomId}/files/{id:N}", owner.Token)).Status);
    }

    [Theory]
    [InlineData("diagram.png")]
    [InlineData("notes.txt")]
    public async Task Download_AnySharedFile_IsAnAttachmentWithNosniffAndASandboxingCsp(string fileName)
    {
        // Finding 1 of issue 10: whatever its name or type, a shared file is never a page of Meurs' origin.
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var bytes = fileName.EndsWith(".txt", StringComparison.Ordinal) ? "<script>alert(1)</script> plain text"u8.ToArray() : Png(300, seed: 40);
        var url = (await UploadAsync(api, roomId, owner.Token, bytes, fileName)).Text("download_url");

        var download = await api.GetAsync(url, owner.Token);

        Assert.Equal(HttpStatusCode.OK, download.Status);
        Assert.Equal("attachment", download.Message.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(download.Message.Headers.GetValues("X-Content-Type-Options")));
        var csp = Assert.Single(download.Message.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("sandbox", directives);
        Assert.Contains("default-src 'none'", directives);
    }

    [Fact]
    public async Task Upload_PastThePersonsQuota_Returns413ProblemAndStoresNothing()
    {
        using var small = MeursFactory.With(settings: new Dictionary<string, string?> { ["Rooms:SharedFileQuotaBytes"] = "10000" });
        using var api = ApiClient.For(small);
        var owner = await Comuni.UserAsync(api);
        var other = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var otherRoom = await Comuni.CreateRoomAsync(api, owner);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", other.Token);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(api, roomId, owner.Token, Png(6000, seed: 41), "first.png")).Status);
        var before = UploadedFiles(small);
        var eventsBefore = (await Comuni.EventsAsync(small, otherRoom)).Count;

        // The quota counts over all rooms: 6,000 + 6,000 bytes do not fit in 10,000, in this room or another.
        var second = await UploadAsync(api, otherRoom, owner.Token, Png(6000, seed: 42), "second.png");
        // Someone else's allowance is their own.
        var others = await UploadAsync(api, roomId, other.Token, Png(6000, seed: 43), "theirs.png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.Status);
        Assert.Equal("application/problem+json", second.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("9.8 KiB", second.Detail, StringComparison.Ordinal);
        Assert.Contains("left", second.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, others.Status);
        Assert.Equal([others.Json!.Value.GetProperty("id").GetGuid().ToString("N")], UploadedFiles(small).Except(before));
        Assert.Equal(0, await SharedFileCountAsync(small, otherRoom));
        Assert.Equal(eventsBefore, (await Comuni.EventsAsync(small, otherRoom)).Count);
        Assert.Empty(Directory.GetFiles(UploadsPath(small), "*.part"));
    }

    [Fact]
    public async Task Upload_FromThePage_OverQuota_ShowsTheReasonInTheStatusLine()
    {
        using var small = MeursFactory.With(settings: new Dictionary<string, string?> { ["Rooms:SharedFileQuotaBytes"] = "1000" });
        using var browser = await small.SignedUpAsync();
        var roomId = await browser.CreateRoomAsync();
        var (_, html) = await browser.GetHtmlAsync($"/rooms/{roomId}");
        var token = System.Net.WebUtility.HtmlDecode(ShareHeadersRegex().Match(html).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/rooms/{roomId}/files") { Content = Multipart(Png(2000, seed: 44), "big.png") };
        foreach (var (name, value) in System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(token)!)
        {
            request.Headers.Add(name, value);
        }
        request.Headers.Add("HX-Request", "true");

        using var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var line = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<span class=\"error\">", line, StringComparison.Ordinal);
        Assert.Contains("1000 bytes at most", line, StringComparison.Ordinal);
        Assert.Empty(UploadedFiles(small));
    }

    [Fact]
    public async Task Upload_FasterThanThePersonsRate_Returns429WithRetryAfterAndStoresNothing()
    {
        using var slow = MeursFactory.With(settings: new Dictionary<string, string?>
        {
            ["Rooms:SharedFileUploadBurst"] = "2",
            ["Rooms:SharedFileUploadsPerMinute"] = "1",
        });
        using var api = ApiClient.For(slow);
        var owner = await Comuni.UserAsync(api);
        var other = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", other.Token);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(api, roomId, owner.Token, Png(100, seed: 45), "a.png")).Status);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(api, roomId, owner.Token, Png(100, seed: 46), "b.png")).Status);
        var before = UploadedFiles(slow);

        var third = await UploadAsync(api, roomId, owner.Token, Png(100, seed: 47), "c.png");
        var others = await UploadAsync(api, roomId, other.Token, Png(100, seed: 48), "d.png");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("application/problem+json", third.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again in", third.Detail, StringComparison.Ordinal);
        Assert.True(third.Message.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal(HttpStatusCode.Created, others.Status);
        Assert.Equal(3, await SharedFileCountAsync(slow, roomId));
        Assert.Single(UploadedFiles(slow).Except(before));
        Assert.DoesNotContain(await Comuni.EventsAsync(slow, roomId), e => e.Text == "c.png");
    }

    [Fact]
    public async Task CloseRoom_ItsFilesAre404ForMembersAndDeletedFromDisk()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var member = await Comuni.UserAsync(api, "mem");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", member.Token);
        var shared = await UploadAsync(api, roomId, member.Token, Png(500, seed: 49), "gone.png");
        var url = shared.Text("download_url");
        var stored = Path.Combine(UploadsPath(factory), shared.Json!.Value.GetProperty("id").GetGuid().ToString("N"));
        Assert.True(File.Exists(stored));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url, member.Token)).Status);

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Delete, $"/api/comuni/rooms/{roomId}", owner.Token, null)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url, member.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url, owner.Token)).Status);
        Assert.False(File.Exists(stored), "the closed room's file is still on disk");
        Assert.Equal(0, await SharedFileCountAsync(factory, roomId));
    }

    [Fact]
    public async Task Upload_NameWithMarkup_ArrivesEscapedInTheHtmxFrameAndOnThePage()
    {
        using var browser = await factory.SignedUpAsync();
        var roomId = await browser.CreateRoomAsync();
        await using var socket = await browser.JoinRoomAsync(roomId);
        using var api = ApiClient.For(factory);
        var guest = await Comuni.UserAsync(api);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", guest.Token);
        const string name = "<img src=x onerror=alert(1)>&<b>.png";

        var response = await UploadAsync(api, roomId, guest.Token, Png(200, seed: 50), name);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var frame = (await socket.ReceiveUntilTextAsync("onerror"))[^1];
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&amp;&lt;b&gt;.png", frame.Content, StringComparison.Ordinal);
        // The only picture is the preview, the name escaped in its alternative text.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(frame.Content, "<img"));
        Assert.Contains("alt=\"&lt;img src=x onerror=alert(1)&gt;&amp;&lt;b&gt;.png\"", frame.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", frame.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", frame.Content, StringComparison.Ordinal);
        var (_, page) = await browser.GetHtmlAsync($"/rooms/{roomId}");
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&amp;&lt;b&gt;.png", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
    }

    /// <summary>A PNG signature followed by deterministic bytes, <paramref name="length"/> bytes in all.</summary>
    private static byte[] Png(int length, int seed)
    {
        var bytes = new byte[length];
        PngMagic.CopyTo(bytes, 0);
        for (var i = PngMagic.Length; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + seed);
        }
        return bytes;
    }

    // A part named "file" with exactly this filename (no filename*), as a hand-written client might send it.
    private static MultipartFormDataContent Multipart(byte[] bytes, string fileName)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName}\"");
        content.Add(file);
        return content;
    }

    private static async Task<ApiResponse> UploadAsync(ApiClient api, string roomId, string? bearer, byte[] bytes, string fileName)
    {
        using var content = Multipart(bytes, fileName);
        return await api.SendAsync(HttpMethod.Post, $"/rooms/{roomId}/files", bearer, content);
    }

    private static string UploadsPath(MeursFactory factory) => Path.Combine(factory.DataPath, "uploads");

    private static List<string> UploadedFiles(MeursFactory factory) =>
        Directory.Exists(UploadsPath(factory)) ? [.. Directory.GetFiles(UploadsPath(factory)).Select(p => Path.GetFileName(p))] : [];

    private static List<string> AllFiles(string folder) =>
        [.. Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(folder))!, "*", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];

    private static Task<int> SharedFileCountAsync(MeursFactory factory, string roomId) =>
        factory.WithDbAsync(db => db.SharedFiles.CountAsync(f => f.RoomId == roomId));

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexNameRegex();

    [GeneratedRegex("id=\"share-form\"[^>]*?hx-headers=\"([^\"]+)\"")]
    private static partial Regex ShareHeadersRegex();

    /// <summary>Declares a large body, writes a little of it and then waits until disposed: it can never be read whole.</summary>
    private sealed class NeverEndingContent(long declaredLength) : HttpContent
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Written { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var start = Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\n\r\n");
            await stream.WriteAsync(start);
            await stream.WriteAsync(PngMagic);
            await stream.FlushAsync();
            Written = start.Length + PngMagic.Length;
            await released.Task;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = declaredLength;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            released.TrySetResult();
            base.Dispose(disposing);
        }
    }
}
