using System.Collections.Concurrent;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Calls;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Calls;

/// <summary>
/// A voice channel's people and their states on the server's channel (<see cref="VoiceChannelStatesChanged"/>), which
/// the server's channel list shows live: recorded by an observer, and its JSON view for programs.
/// </summary>
public sealed class VoiceChannelStatesTests(VoiceChannelStatesTests.Host host) : IClassFixture<VoiceChannelStatesTests.Host>
{
    [Fact]
    public async Task JoinStateAndLeave_EachPublishTheChannelsParticipantsOnItsServer()
    {
        var factory = host.Factory;
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        var ben = await scene.MemberAsync("ben");
        // Someone has the server open: the voice states are published for those on the server's channel.
        var viewer = await scene.MemberAsync("vic");
        await using var viewerSocket = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/servers/{scene.ServerId}", viewer.Name, viewer.Token);

        var annSocket = await JsonRoomSocket.ConnectAsync(factory, scene.ApiPath, ann.Name, ann.Token);
        await Until(scene, e => Names(e).SequenceEqual([ann.Name]));
        await using var benSocket = await JsonRoomSocket.ConnectAsync(factory, scene.ApiPath, ben.Name, ben.Token);
        await Until(scene, e => Names(e).SequenceEqual([ann.Name, ben.Name]));

        await benSocket.SendJsonAsync(new { type = "state", is_deafened = true, is_sharing_screen = true });
        var changed = await Until(scene, e => e.Participants.Any(p => p.UserName == ben.Name && p.State.Deafened));
        Assert.Equal(new CallMediaState(Muted: true, Deafened: true, Camera: false, Screen: true), changed.Participants.Single(p => p.UserName == ben.Name).State);
        Assert.Equal(scene.VoiceChannelId, changed.ChannelId);
        Assert.Equal(scene.ServerId, changed.ServerId);

        var json = System.Text.Json.JsonDocument.Parse(Assert.Single(new VoiceChannelStatesChangedView(null!).Json(changed))).RootElement;
        Assert.Equal("voice.channel_states", json.GetProperty("type").GetString());
        Assert.Equal(scene.VoiceChannelId.ToString(), json.GetProperty("data").GetProperty("channel_id").GetString());
        var benJson = json.GetProperty("data").GetProperty("members").EnumerateArray().Single(m => m.GetProperty("username").GetString() == ben.Name);
        Assert.Equal([true, true, true, false], VoiceChannelSocketTests.Flags(benJson));

        await annSocket.DisposeAsync();
        await Until(scene, e => Names(e).SequenceEqual([ben.Name]));
    }

    [Fact]
    public async Task SomeoneWhoMayNotSeeTheVoiceChannel_LearnsNothingOfWhoIsInIt()
    {
        var factory = host.Factory;
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var viewer = await scene.MemberAsync("vic");
        var hidden = await scene.MemberAsync("hid");
        await scene.DenyAsync(hidden, scene.VoiceChannelId, Meurs.Web.Features.Servers.Permissions.ViewChannel);
        await using var hiddenSocket = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/servers/{scene.ServerId}", hidden.Name, hidden.Token);
        await using var viewerSocket = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/servers/{scene.ServerId}", viewer.Name, viewer.Token);
        var ann = await scene.MemberAsync("ann");

        await using var annSocket = await JsonRoomSocket.ConnectAsync(factory, scene.ApiPath, ann.Name, ann.Token);
        await viewerSocket.ReceiveUntilAsync(e => e.GetProperty("type").GetString() == "voice.channel_states");
        // Then something both of them get: anything the hidden member was sent before it is in their received list.
        using var api = ApiClient.For(factory);
        var renamed = await api.SendAsync(HttpMethod.Patch, $"/api/servers/{scene.ServerId}", scene.Owner.Token, System.Net.Http.Json.JsonContent.Create(new { description = "after the call began" }));
        Assert.Equal(System.Net.HttpStatusCode.OK, renamed.Status);
        await hiddenSocket.ReceiveUntilAsync(e => e.GetProperty("type").GetString() == "server.updated");
        Assert.DoesNotContain(hiddenSocket.Received, e => e.GetProperty("type").GetString() == "voice.channel_states");
    }

    private static IEnumerable<string> Names(VoiceChannelStatesChanged e) => e.Participants.Select(p => p.UserName);

    private async Task<VoiceChannelStatesChanged> Until(VoiceChannelScene scene, Func<VoiceChannelStatesChanged, bool> predicate)
    {
        VoiceChannelStatesChanged? found = null;
        await Poll.UntilAsync(() =>
        {
            found = host.Recorder.Seen.LastOrDefault(s => s.Channel == ChannelId.Server(scene.ServerId) && s.Event.ChannelId == scene.VoiceChannelId).Event;
            return Task.FromResult(found is not null && predicate(found));
        }, "the server's channel shows the voice channel's state");
        return found!;
    }

    /// <summary>Records every <see cref="VoiceChannelStatesChanged"/> with the channel it was published on.</summary>
    public sealed class Recorder : IEventObserver<VoiceChannelStatesChanged>
    {
        public ConcurrentQueue<(ChannelId Channel, VoiceChannelStatesChanged Event)> Seen { get; } = new();

        public Task OnEventAsync(ChannelId channel, VoiceChannelStatesChanged e)
        {
            Seen.Enqueue((channel, e));
            return Task.CompletedTask;
        }
    }

    /// <summary>The app with the <see cref="Recorder"/> observing.</summary>
    public sealed class Host : IDisposable
    {
        public Recorder Recorder { get; } = new();

        public MeursFactory Factory { get; }

        public Host() => Factory = MeursFactory.With(services => services.AddSingleton<IEventObserver<VoiceChannelStatesChanged>>(Recorder));

        public void Dispose() => Factory.Dispose();
    }
}
