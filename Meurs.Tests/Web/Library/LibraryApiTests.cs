using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Library;

public sealed class LibraryApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task GetLibrary_WithToken_ListsEveryItemInSnakeCase()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        var response = await api.GetAsync("/api/library", token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var items = response.Json!.Value.EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        var tagged = items.Single(i => i.GetProperty("title").GetString() == TestLibrary.TaggedTitle);
        Assert.Equal(
            ["id", "kind", "title", "artist", "album", "track_number", "year", "duration_ms", "cover_url", "stream_url"],
            tagged.EnumerateObject().Select(p => p.Name));
        Assert.True(Guid.TryParse(tagged.GetProperty("id").GetString(), out _));
        Assert.Equal("audio", tagged.GetProperty("kind").GetString());
        Assert.Equal(TestLibrary.TaggedArtist, tagged.GetProperty("artist").GetString());
        Assert.Equal(TestLibrary.TaggedAlbum, tagged.GetProperty("album").GetString());
        Assert.Equal(2, tagged.GetProperty("track_number").GetInt32());
        Assert.InRange(tagged.GetProperty("duration_ms").GetInt64(), 5068 - 50, 5068 + 50);
        Assert.Equal("/media/" + TestLibrary.TaggedPath, tagged.GetProperty("stream_url").GetString());
        Assert.StartsWith("/library/covers/", tagged.GetProperty("cover_url").GetString(), StringComparison.Ordinal);
        var video = items.Single(i => i.GetProperty("title").GetString() == TestLibrary.VideoTitle);
        Assert.Equal("video", video.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("artist").ValueKind);
    }

    [Fact]
    public async Task GetLibrary_UrlsItGives_WorkWithTheSameToken()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();
        var tagged = (await api.GetAsync("/api/library?q=" + Uri.EscapeDataString(TestLibrary.TaggedTitle), token)).Json!.Value[0];

        var stream = await api.GetAsync(tagged.GetProperty("stream_url").GetString()!, token);
        var cover = await api.GetAsync(tagged.GetProperty("cover_url").GetString()!, token);

        Assert.Equal((HttpStatusCode.OK, "audio/mpeg"), (stream.Status, stream.Message.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (cover.Status, cover.Message.Content.Headers.ContentType?.MediaType));
    }

    [Theory]
    [InlineData("signal garden", TestLibrary.TaggedTitle)]
    [InlineData("TEST TONES", TestLibrary.TaggedTitle)]
    [InlineData("2026", TestLibrary.TaggedTitle)]
    [InlineData("tones/beta", TestLibrary.BetaTitle)]
    [InlineData("alpha", TestLibrary.AlphaTitle)]
    public async Task GetLibrary_WithQuery_MatchesAnyField(string q, string title)
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        var response = await api.GetAsync("/api/library?q=" + Uri.EscapeDataString(q), token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal([title], response.Json!.Value.EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task GetLibrary_NothingMatches_ReturnsEmptyArray()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        var response = await api.GetAsync("/api/library?q=zzzz-nothing", token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, response.Json!.Value.GetArrayLength());
    }

    [Theory]
    [InlineData("%ED%A0%80")]            // a UTF-16 surrogate encoded as UTF-8: not valid UTF-8
    [InlineData("abc%FF")]               // a byte that never occurs in UTF-8
    [InlineData("%C3")]                  // a truncated sequence
    [InlineData("a%00b")]                // NUL
    [InlineData("line%0Abreak")]         // control character
    public async Task GetLibrary_InvalidQuery_Returns400Problem(string encodedQuery)
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        var response = await api.GetAsync("/api/library?q=" + encodedQuery, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("filter", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLibrary_QueryOver200Characters_Returns400Problem()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        var atLimit = await api.GetAsync("/api/library?q=" + new string('a', 200), token);
        var over = await api.GetAsync("/api/library?q=" + new string('a', 201), token);

        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
        Assert.Equal(HttpStatusCode.BadRequest, over.Status);
        Assert.Contains("200 characters", over.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLibrary_QueryWithEmoji_IsAccepted()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        var response = await api.GetAsync("/api/library?q=" + Uri.EscapeDataString("🎵"), token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task GetLibrary_WithoutToken_Returns401()
    {
        using var api = ApiClient.For(factory);

        var response = await api.GetAsync("/api/library");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task GetLibrary_WithCookieOnly_Returns401()
    {
        using var browser = await factory.SignedUpAsync();

        var response = await browser.GetAsync("/api/library");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetLibrary_WithBadToken_Returns401()
    {
        using var api = ApiClient.For(factory);

        var response = await api.GetAsync("/api/library", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }
}
