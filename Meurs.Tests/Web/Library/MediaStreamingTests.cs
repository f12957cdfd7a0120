using System.Net;
using System.Net.Http.Headers;
using Meurs.Tests.Web.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Meurs.Tests.Web.Library;

public sealed class MediaStreamingTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task GetMedia_ListedFile_StreamsItWithItsContentType()
    {
        using var browser = await factory.SignedUpAsync();

        var response = await browser.GetAsync("/media/" + TestLibrary.AlphaPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestLibrary.AlphaBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task GetMedia_VideoInSubfolder_StreamsAsVideo()
    {
        using var browser = await factory.SignedUpAsync();

        var response = await browser.GetAsync("/media/" + TestLibrary.VideoPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(factory.LibraryPath, TestLibrary.VideoPath)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetMedia_RangeOfFirstTenBytes_Returns206WithThoseBytes()
    {
        using var browser = await factory.SignedUpAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/media/" + TestLibrary.AlphaPath);
        request.Headers.Range = new RangeHeaderValue(0, 9);

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(TestLibrary.AlphaBytes[..10], await response.Content.ReadAsByteArrayAsync());
        var range = response.Content.Headers.ContentRange!;
        Assert.Equal(("bytes", 0L, 9L, (long)TestLibrary.AlphaBytes.Length), (range.Unit, range.From!.Value, range.To!.Value, range.Length!.Value));
    }

    [Fact]
    public async Task GetMedia_RangeInTheMiddle_Returns206WithThoseBytes()
    {
        using var browser = await factory.SignedUpAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/media/" + TestLibrary.AlphaPath);
        request.Headers.Range = new RangeHeaderValue(100, 199);

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(TestLibrary.AlphaBytes[100..200], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetMedia_AsVisitor_Returns401()
    {
        using var browser = factory.NewBrowser();

        var response = await browser.GetAsync("/media/" + TestLibrary.AlphaPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(TestLibrary.AlphaBytes, await response.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string> Escapes => new()
    {
        "/media/..%2F..%2Fetc%2Fpasswd",
        "/media/../../etc/passwd",
        "/media/%2e%2e/Meurs.sln",
        "/media/../Meurs.sln",
        "/media/music/../../Meurs.sln",
        "/media/music/%2e%2e/%2e%2e/Meurs.sln",
        "/media/..%5C..%5CMeurs.sln",
        "/media//etc/passwd",
        "/media/%2Fetc%2Fpasswd",
        "/media/etc/passwd",
        "/media/" + TestLibrary.NotMediaPath,
        "/media/" + TestLibrary.HiddenPath,
        "/media/MUSIC/ALPHA-SONG.WAV",
    };

    [Fact]
    public async Task GetMedia_DotSegmentsLeadingToAListedFile_Returns404()
    {
        using var browser = await factory.SignedUpAsync();

        // An HTTP client or Kestrel would collapse the dot segments first; the endpoint itself never resolves them.
        var raw = await factory.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = new PathString("/media/music/Tones/../alpha-song.wav");
            context.Request.Headers.Cookie = browser.CookieHeader;
        });

        Assert.Equal(StatusCodes.Status404NotFound, raw.Response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task GetMedia_PathOutsideTheIndex_Returns404WithoutFileContent(string path)
    {
        using var browser = await factory.SignedUpAsync();

        // The path exactly as the endpoint would see it, without the client or server normalising it first...
        var raw = await factory.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = new PathString(path);
            context.Request.Headers.Cookie = browser.CookieHeader;
        });
        Assert.Equal(StatusCodes.Status404NotFound, raw.Response.StatusCode);
        AssertNoSecret(await new StreamReader(raw.Response.Body).ReadToEndAsync());

        // ...and as an HTTP client sends it.
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertNoSecret(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetMedia_AbsolutePathOfALibraryFile_Returns404()
    {
        using var browser = await factory.SignedUpAsync();
        var absolute = Path.Combine(factory.LibraryPath, TestLibrary.AlphaPath);
        var sln = Path.Combine(MeursFactory.RepoRoot, "Meurs.sln");

        foreach (var path in new[] { "/media/" + absolute, "/media/" + absolute.TrimStart('/'), "/media/" + sln, "/media" + sln })
        {
            var raw = await factory.Server.SendAsync(context =>
            {
                context.Request.Method = HttpMethods.Get;
                context.Request.Path = new PathString(path);
                context.Request.Headers.Cookie = browser.CookieHeader;
            });
            Assert.True(raw.Response.StatusCode == StatusCodes.Status404NotFound, $"{path}: {raw.Response.StatusCode}");
            var body = await new StreamReader(raw.Response.Body).ReadToEndAsync();
            AssertNoSecret(body);
            Assert.DoesNotContain("RIFF", body, StringComparison.Ordinal);
        }
    }

    private static void AssertNoSecret(string body)
    {
        Assert.DoesNotContain("Microsoft Visual Studio Solution File", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLibrary.NotMediaContent, body, StringComparison.Ordinal);
    }
}
