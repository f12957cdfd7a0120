using Meurs.Web.Features.Calls;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;

namespace Meurs.Tests.Web.Realtime;

// Inputs found by fuzz/ (the json target; fuzz/README.md): each threw out of CommandReader.Read before the fix, which
// the socket pipeline answers by closing with 1011. Lone surrogates threw InvalidOperationException (issue 10,
// finding 7); a repeated property name threw ArgumentException at the first lookup.
public sealed class CommandReaderTests
{
    public static TheoryData<string> RepeatedNames => new()
    {
        // afl's two crashes, as found (2-minute run of fuzz/run.sh json), then the smallest forms.
        """{"type":"stage","md":true,"deafened":false,"cuted":true,"deafened":false,"camera":false,"screen":false}""",
        """{"typc":false,"caype":false,"ca":false,"sc":false,"sc":false}""",
        """{"a":1,"a":2}""",
        """{"type":"chat","text":"a","text":"b"}""",
        """{"type":"chat","type":"pm","to":"x","text":"y"}""",
        """{"type":"publish","sdp":"v=0","sources":{"0":"mic","0":"camera"}}""",
    };

    [Theory]
    [MemberData(nameof(RepeatedNames))]
    public void Read_RepeatedPropertyName_RefusedAsBadJson(string text)
    {
        var (room, roomRefusal) = CommandReader.Read<RoomCommand>(text, "chat");
        var (call, callRefusal) = CommandReader.Read<CallCommand>(text);

        Assert.Null(room);
        Assert.Equal("bad_json", roomRefusal?.Code);
        Assert.Null(call);
        Assert.Equal("bad_json", callRefusal?.Code);
    }

    public static TheoryData<string> LoneSurrogates => new()
    {
        """{"type":"chat","text":"\ud800"}""",
        """{"text":"a\udc00b"}""",
        """{"type":"pm","to":"\udc00x","text":"a"}""",
        """{"type":"chat","text":"ok","\ud800":1}""",
        """{"type":"\ud800"}""",
        """{"type":"chat","text":"\ud800\ud800"}""",
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void Read_RoomCommandWithLoneSurrogateEscape_RefusedAsBadJson(string text)
    {
        var (command, refusal) = CommandReader.Read<RoomCommand>(text, "chat");

        Assert.Null(command);
        Assert.Equal("bad_json", refusal?.Code);
        Assert.Contains("Unicode", refusal!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void Read_CallCommandWithLoneSurrogateEscape_RefusedAsBadJson(string text)
    {
        var (command, refusal) = CommandReader.Read<CallCommand>(text);

        Assert.Null(command);
        Assert.Equal("bad_json", refusal?.Code);
    }

    [Fact]
    public void Read_RawLoneSurrogateInTheString_RefusedAsBadJson()
    {
        var (command, refusal) = CommandReader.Read<RoomCommand>("{\"type\":\"chat\",\"text\":\"\uD800\"}");

        Assert.Null(command);
        Assert.Equal("bad_json", refusal?.Code);
    }

    [Fact]
    public void Read_EscapedSurrogatePair_ReadAsTheCharacter()
    {
        var (command, refusal) = CommandReader.Read<RoomCommand>("""{"type":"chat","text":"\ud83d\ude00 \u00e9"}""");

        Assert.Null(refusal);
        Assert.Equal("😀 é", Assert.IsType<ChatCommand>(command).Text);
    }

    [Fact]
    public void Read_NotJson_StillBadJsonWithTheUsualSentence()
    {
        var (_, refusal) = CommandReader.Read<RoomCommand>("""{"type":"chat","text":"x""");

        Assert.Equal(new RealtimeRefusal("bad_json", "That message was not valid JSON."), refusal);
    }
}
