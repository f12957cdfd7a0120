using Microsoft.AspNetCore.Http;
using Meurs.Web.Features.Listening;

namespace Meurs.Tests.Web.Listening;

/// <summary>The pure rules: the playback state's transitions and who holds which power.</summary>
public sealed class ListenRulesTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();
    private static readonly IReadOnlyList<Guid> Queue = [A, B, C];

    private static long? Duration(Guid id) => id == A ? 10_000 : id == B ? 20_000 : id == C ? 30_000 : null;

    [Fact]
    public void Pause_WhilePlaying_KeepsThePositionReached()
    {
        var playing = new PlaybackState(A, 1_000, PlaybackStatus.Playing, 100_000);

        var paused = playing.Pause(103_500, 10_000);

        Assert.Equal(PlaybackStatus.Paused, paused.Status);
        Assert.Equal(4_500, paused.PositionMs);
        Assert.Equal(4_500, paused.PositionAt(200_000));
        Assert.Equal(4_500, paused.RequestPlay(300_000, Queue, 10_000).PositionMs);
    }

    [Fact]
    public void RequestPlay_Paused_WaitsThenStartsFromThePosition()
    {
        var waiting = new PlaybackState(B, 2_000, PlaybackStatus.Paused, 0).RequestPlay(50, Queue, 20_000);

        Assert.Equal(PlaybackStatus.Waiting, waiting.Status);
        Assert.Equal(2_000, waiting.PositionAt(10_000));
        var playing = waiting.Start(1_000);
        Assert.Equal(PlaybackStatus.Playing, playing.Status);
        Assert.Equal(2_500, playing.PositionAt(1_500));
    }

    [Fact]
    public void RequestPlay_NothingCurrent_PlaysTheFirstItem_EmptyQueueStaysPaused()
    {
        Assert.Equal(A, PlaybackState.Empty(0).RequestPlay(0, Queue, null).ItemId);
        Assert.Equal(PlaybackStatus.Paused, PlaybackState.Empty(0).RequestPlay(0, [], null).Status);
    }

    [Fact]
    public void SkipNext_OnTheLastItem_IsClamped()
    {
        var last = new PlaybackState(C, 5_000, PlaybackStatus.Playing, 0);

        Assert.Same(last, last.SkipNext(10, Queue));
        Assert.Equal(C, new PlaybackState(B, 5_000, PlaybackStatus.Playing, 0).SkipNext(10, Queue).ItemId);
        Assert.Equal(0, new PlaybackState(B, 5_000, PlaybackStatus.Playing, 0).SkipNext(10, Queue).PositionMs);
    }

    [Fact]
    public void SkipPrevious_OnTheFirstItem_RestartsIt()
    {
        var first = new PlaybackState(A, 5_000, PlaybackStatus.Paused, 0).SkipPrevious(10, Queue);

        Assert.Equal(A, first.ItemId);
        Assert.Equal(0, first.PositionMs);
        Assert.Equal(A, new PlaybackState(B, 5_000, PlaybackStatus.Paused, 0).SkipPrevious(10, Queue).ItemId);
    }

    [Fact]
    public void Seek_IsClampedToTheTrack()
    {
        var state = new PlaybackState(A, 0, PlaybackStatus.Paused, 0);

        Assert.Equal(10_000, state.Seek(99_000, 1, 10_000).PositionMs);
        Assert.Equal(0, state.Seek(-5, 1, 10_000).PositionMs);
    }

    [Fact]
    public void Advance_OverSeveralTracks_LandsWhereEveryListenerIs()
    {
        var playing = new PlaybackState(A, 4_000, PlaybackStatus.Playing, 0);

        // A ends at 6 s, B at 26 s; at 30 s C has played 4 s.
        var advanced = playing.Advance(30_000, Queue, Duration);

        Assert.Equal(C, advanced.ItemId);
        Assert.Equal(PlaybackStatus.Playing, advanced.Status);
        Assert.Equal(4_000, advanced.PositionAt(30_000));
    }

    [Fact]
    public void Advance_PastTheLastTrack_PausesAtItsEnd()
    {
        var advanced = new PlaybackState(B, 0, PlaybackStatus.Playing, 0).Advance(1_000_000, Queue, Duration);

        Assert.Equal(C, advanced.ItemId);
        Assert.Equal(PlaybackStatus.Paused, advanced.Status);
        Assert.Equal(30_000, advanced.PositionMs);
        Assert.Equal(50_000, advanced.UpdatedAt);
    }

    [Fact]
    public void ItemRemoved_TheCurrentOne_TheNextTakesItsPlace()
    {
        var state = new PlaybackState(B, 7_000, PlaybackStatus.Playing, 0);

        var next = state.ItemRemoved(100, Queue, [A, C]);

        Assert.Equal(C, next.ItemId);
        Assert.Equal(0, next.PositionMs);
        Assert.Equal(PlaybackStatus.Playing, next.Status);
        Assert.Same(state, state.ItemRemoved(100, Queue, [B, C]));
        Assert.Null(new PlaybackState(A, 0, PlaybackStatus.Playing, 0).ItemRemoved(5, [A], []).ItemId);
        Assert.Equal(B, new PlaybackState(C, 0, PlaybackStatus.Paused, 0).ItemRemoved(5, Queue, [A, B]).ItemId);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Guests_PowersFollowTheSwitches(bool queue, bool playback)
    {
        var session = new ListenSession { Code = "ABCDEF", GuestsControlQueue = queue, GuestsControlPlayback = playback };
        var guest = new ListenStanding(session, ListenRole.Guest, false);
        var cohost = new ListenStanding(session, ListenRole.CoHost, false);

        Assert.Equal(queue, ListenPowers.ChangesQueueDirectly(ListenRole.Guest, session));
        Assert.Equal(playback, guest.Has(ListenPower.ControlPlayback));
        Assert.Equal(playback ? null : StatusCodes.Status403Forbidden, ListenAccess.Judge(guest, ListenPower.ControlPlayback)?.Status);
        Assert.False(guest.Has(ListenPower.Manage));
        Assert.True(guest.Has(ListenPower.Listen));
        Assert.True(ListenPowers.ChangesQueueDirectly(ListenRole.CoHost, session));
        Assert.True(cohost.Has(ListenPower.ControlPlayback));
        Assert.True(cohost.Has(ListenPower.Manage));
    }

    [Fact]
    public void Judge_NonMemberOrEndedSession_IsNotFound()
    {
        var session = new ListenSession { Code = "ABCDEF" };
        Assert.Equal(StatusCodes.Status404NotFound, ListenAccess.Judge(new ListenStanding(session, null, true), ListenPower.Listen)?.Status);
        Assert.Equal(StatusCodes.Status404NotFound, ListenAccess.Judge(null, ListenPower.Listen)?.Status);
        session.EndedAt = DateTime.UtcNow;
        Assert.Equal(StatusCodes.Status404NotFound, ListenAccess.Judge(new ListenStanding(session, ListenRole.Host, false), ListenPower.Listen)?.Status);
    }

    [Fact]
    public void ChangesRole_NeverTheHost_NeverToHost()
    {
        Assert.True(ListenPowers.ChangesRole(ListenRole.CoHost, ListenRole.Guest, ListenRole.CoHost));
        Assert.False(ListenPowers.ChangesRole(ListenRole.CoHost, ListenRole.Host, ListenRole.Guest));
        Assert.False(ListenPowers.ChangesRole(ListenRole.Host, ListenRole.Guest, ListenRole.Host));
        Assert.False(ListenPowers.ChangesRole(ListenRole.Guest, ListenRole.Guest, ListenRole.CoHost));
    }

    [Theory]
    [InlineData("abcdef", "ABCDEF")]
    [InlineData(" hjk234 ", "HJK234")]
    [InlineData("ABCDE0", null)]
    [InlineData("ABCDEFG", null)]
    [InlineData("", null)]
    public void SessionCode_Normalize_IsCaseInsensitiveAndStrict(string text, string? expected) =>
        Assert.Equal(expected, SessionCode.Normalize(text));

    [Fact]
    public void ListenText_LoneSurrogates_AreInvalid()
    {
        Assert.False(ListenText.IsValidUnicode("a\ud800b"));
        Assert.False(ListenText.IsValidUnicode("\udc00"));
        Assert.True(ListenText.IsValidUnicode("ok \ud83c\udfb5"));
    }
}
