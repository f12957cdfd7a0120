using Meurs.Web.Features.Rooms;

namespace Meurs.Tests.Web.Rooms;

public sealed class RoomIdTests
{
    [Fact]
    public void New_ManySamples_AreValidUrlSafeAndUseTheWholeAlphabet()
    {
        var seen = new HashSet<char>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20_000; i++)
        {
            var id = RoomId.New();
            Assert.True(RoomId.IsValid(id), id);
            Assert.Equal(RoomId.Length, id.Length);
            Assert.Equal(id, Uri.EscapeDataString(id));
            seen.UnionWith(id);
            ids.Add(id);
        }
        Assert.Equal(RoomId.Alphabet.Order(), seen.Order());
        // 39^7 ≈ 1.4e11 ids: 20,000 draws collide with probability ≈ 0.0014, and never more than a handful.
        Assert.True(ids.Count >= 19_990, $"{ids.Count} distinct of 20,000");
    }

    [Theory]
    [InlineData("abcdefg")]
    [InlineData("1234567")]
    [InlineData("-_.~abc")]
    [InlineData("~~~~~~~")]
    [InlineData(".......")]
    public void IsValid_WellFormedId_IsTrue(string id) => Assert.True(RoomId.IsValid(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdef")]
    [InlineData("abcdefgh")]
    [InlineData("abc0def")]
    [InlineData("ABCDEFG")]
    [InlineData("abcDefg")]
    [InlineData("abc/def")]
    [InlineData("abc def")]
    [InlineData("abc%def")]
    [InlineData("abc#def")]
    [InlineData("abc&def")]
    [InlineData("abcdéfg")]
    [InlineData("abcdef\n")]
    public void IsValid_MalformedId_IsFalse(string? id) => Assert.False(RoomId.IsValid(id));

    [Theory]
    [InlineData("abcdefg", "abcdefg")]
    [InlineData("  abcdefg \n", "abcdefg")]
    [InlineData("/rooms/abcdefg", "abcdefg")]
    [InlineData("http://localhost/rooms/abcdefg", "abcdefg")]
    [InlineData("https://meurs.example.org/rooms/x-_.~12", "x-_.~12")]
    [InlineData("https://meurs.example.org/rooms/abcdefg/", "abcdefg")]
    [InlineData("https://meurs.example.org/rooms/abcdefg?utm_source=chat", "abcdefg")]
    [InlineData("https://meurs.example.org/rooms/abcdefg#latest", "abcdefg")]
    [InlineData("/rooms/abcdefg/?a=1#b", "abcdefg")]
    public void Parse_IdOrLink_ReturnsTheId(string input, string expected) => Assert.Equal(expected, RoomId.Parse(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("https://meurs.example.org/rooms/")]
    [InlineData("https://meurs.example.org/rooms/abc")]
    [InlineData("https://meurs.example.org/rooms/ABCDEFG")]
    [InlineData("abcdefg/../x")]
    [InlineData("abcdefg?x")]
    [InlineData("https://meurs.example.org/?room=abcdefg")]
    public void Parse_NoWellFormedId_ReturnsNull(string? input) => Assert.Null(RoomId.Parse(input));
}
