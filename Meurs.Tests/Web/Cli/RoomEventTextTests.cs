using System.Text.Json;
using Meurs.Web.Cli;

namespace Meurs.Tests.Web.Cli;

/// <summary>How <c>meurs connect</c> prints the room protocol's events.</summary>
public sealed class RoomEventTextTests
{
    // 2025-06-01 14:03:07 UTC.
    private const double Ts = 1748786587.25;

    private static readonly RoomEventText Text = new("ann", new Uri("http://127.0.0.1:5000/"), TimeZoneInfo.Utc);

    [Theory]
    [InlineData("""{"type":"chat","seq":1,"from":"bob","text":"hello","ts":TS}""", "[14:03] bob: hello")]
    [InlineData("""{"type":"pm","seq":2,"from":"bob","to":"ann","text":"psst","ts":TS}""", "[14:03] bob -> you (private): psst")]
    [InlineData("""{"type":"pm","seq":3,"from":"Ann","to":"bob","text":"hi","ts":TS}""", "[14:03] you -> bob (private): hi")]
    [InlineData("""{"type":"system","seq":4,"text":"bob joined","user":"bob","ts":TS}""", "* bob joined")]
    [InlineData("""{"type":"system","text":"Room closed by owner"}""", "* Room closed by owner")]
    [InlineData("""{"type":"file_shared","seq":5,"file_name":"a.png","uploader":"bob","download_url":"/rooms/abcdefg/files/0123","ts":TS}""",
        "[14:03] bob shared a.png: http://127.0.0.1:5000/rooms/abcdefg/files/0123")]
    [InlineData("""{"type":"error","code":"recipient_offline","detail":"zed is not in the room."}""", "! zed is not in the room.")]
    [InlineData("""{"type":"clear"}""", "* The room's history was cleared.")]
    [InlineData("""{"type":"room.renamed","data":{"id":"abcdefg","name":"Late\u001b[31m show"}}""", "* The room is now called Late\uFFFD[31m show")]
    public void Format(string json, string line)
    {
        using var document = JsonDocument.Parse(json.Replace("TS", Ts.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(line, Text.Format(document.RootElement));
    }

    [Fact]
    public void MembersAndUnknownTypes_AreNotShown()
    {
        using var members = JsonDocument.Parse("""{"type":"members","users":["a"]}""");
        using var unknown = JsonDocument.Parse("""{"type":"later"}""");

        Assert.Null(Text.Format(members.RootElement));
        Assert.Null(Text.Format(unknown.RootElement));
    }

    [Fact]
    public void ControlCharacters_CannotReachTheTerminal()
    {
        using var document = JsonDocument.Parse("""{"type":"chat","from":"e\u001b]0;pwned\u0007ve","text":"a\u001b[2Jb\nc\rd\u202Ee","ts":0}""");

        var line = Text.Format(document.RootElement)!;

        Assert.DoesNotContain('\u001b', line);
        Assert.DoesNotContain('\u0007', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\u202E', line);
        // A second line is indented, so it cannot pass for an event of its own.
        Assert.EndsWith("a\uFFFD[2Jb\n    c\uFFFDd\uFFFDe", line, StringComparison.Ordinal);
    }
}
