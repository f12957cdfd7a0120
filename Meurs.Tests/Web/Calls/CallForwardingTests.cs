using Meurs.Web.Features.Calls;

namespace Meurs.Tests.Web.Calls;

/// <summary>
/// What the SFU forwards as people change their state, counted at each Consumer with real ICE, DTLS and SRTP on
/// 127.0.0.1. Each test first shows the packets flowing, then sends both kinds of media and waits until the kind that
/// must still flow has arrived before checking the other did not: the server handles one publisher's packets in order,
/// so no waiting on a clock is needed.
/// </summary>
public sealed class CallForwardingTests
{
    private static readonly CallMediaState Everything = new(Muted: false, Deafened: false, Camera: true, Screen: false);

    [Fact]
    public async Task Deafened_TheServerForwardsThemNoAudio_ButStillVideo()
    {
        await using var call = new CallMediaHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var audio = ben.ConsumerOf(ann, "mic");
        var video = ben.ConsumerOf(ann, "camera");
        ann.SendAudio(5);
        await CallMediaHarness.UntilAsync(() => audio.PacketsSent == 5, "ben receives ann's audio");

        call.Router.SetState(ben.ConnectionId, Everything with { Deafened = true });
        ann.SendAudio(20);
        ann.SendVideo(20);
        await CallMediaHarness.UntilAsync(() => video.PacketsSent >= 20, "ben receives ann's video");

        Assert.Equal(5, audio.PacketsSent);
        Assert.True(audio.IsPaused);

        // Undeafened, the audio comes back.
        call.Router.SetState(ben.ConnectionId, Everything);
        ann.SendAudio(3);
        await CallMediaHarness.UntilAsync(() => audio.PacketsSent == 8, "ben hears ann again");
    }

    [Fact]
    public async Task CameraOff_NoVideoPacketsForThatTrack_AudioGoesOn()
    {
        await using var call = new CallMediaHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var audio = ben.ConsumerOf(ann, "mic");
        var video = ben.ConsumerOf(ann, "camera");
        ann.SendVideo(4);
        await CallMediaHarness.UntilAsync(() => video.PacketsSent == 4, "ben sees ann's camera");

        call.Router.SetState(ann.ConnectionId, Everything with { Camera = false });
        ann.SendVideo(20);
        ann.SendAudio(20);
        await CallMediaHarness.UntilAsync(() => audio.PacketsSent >= 20, "ben hears ann");

        Assert.Equal(4, video.PacketsSent);
    }

    [Fact]
    public async Task ScreenShareStopped_NoVideoPacketsForTheScreen()
    {
        // Ann's second video section is her screen this time.
        await using var call = new CallMediaHarness();
        var ann = call.Join("ann");
        var ben = call.Join("ben");
        call.Router.SetState(ann.ConnectionId, Everything with { Camera = false, Screen = true });
        call.Router.SetState(ben.ConnectionId, Everything);
        ann.Publish("screen");
        await ben.AnswerNextOfferAsync();
        var screen = ben.ConsumerOf(ann, "screen");
        var audio = ben.ConsumerOf(ann, "mic");
        await CallMediaHarness.UntilAsync(() => !screen.IsPaused, "ben's consumers are resumed");
        ann.SendVideo(4);
        await CallMediaHarness.UntilAsync(() => screen.PacketsSent == 4, "ben sees ann's screen");

        call.Router.SetState(ann.ConnectionId, Everything with { Camera = false, Screen = false });
        ann.SendVideo(20);
        ann.SendAudio(20);
        await CallMediaHarness.UntilAsync(() => audio.PacketsSent >= 20, "ben hears ann");

        Assert.Equal(4, screen.PacketsSent);
    }

    [Fact]
    public async Task Muted_TheTrackStaysButIsSilent_LeavingStopsIt()
    {
        await using var call = new CallMediaHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var audio = ben.ConsumerOf(ann, "mic");
        ann.SendAudio(2);
        await CallMediaHarness.UntilAsync(() => audio.PacketsSent == 2, "ben hears ann");

        // Muted: no audio packets, yet the track is still there for ben (not stopped, its Consumer open).
        call.Router.SetState(ann.ConnectionId, Everything with { Muted = true });
        ann.SendAudio(10);
        ann.SendVideo(10);
        await CallMediaHarness.UntilAsync(() => ben.ConsumerOf(ann, "camera").PacketsSent >= 10, "ben sees ann");
        Assert.Equal(2, audio.PacketsSent);
        var muted = Assert.Single(call.Router.SubscriptionsOf(ben.ConnectionId), s => s.Track.Label == "mic");
        Assert.False(muted.Stopped);
        Assert.False(audio.IsClosed);

        // Gone: the track is stopped and its Consumer closed.
        call.Router.RemovePeer(ann.ConnectionId);
        var gone = Assert.Single(call.Router.SubscriptionsOf(ben.ConnectionId), s => s.Track.Label == "mic");
        Assert.True(gone.Stopped);
        Assert.True(audio.IsClosed);
    }

    // Ann publishes a microphone and a camera; Ben publishes too and receives Ann's tracks over a connected
    // subscribe transport, with every Consumer resumed.
    private static async Task<(CallMediaParticipant Ann, CallMediaParticipant Ben)> TwoInACallAsync(CallMediaHarness call)
    {
        var ann = call.Join("ann");
        var ben = call.Join("ben");
        call.Router.SetState(ann.ConnectionId, Everything);
        call.Router.SetState(ben.ConnectionId, Everything);
        ann.Publish();
        await ben.AnswerNextOfferAsync();
        var audio = ben.ConsumerOf(ann, "mic");
        var video = ben.ConsumerOf(ann, "camera");
        await CallMediaHarness.UntilAsync(() => !audio.IsPaused && !video.IsPaused, "ben's consumers are resumed");
        return (ann, ben);
    }
}
