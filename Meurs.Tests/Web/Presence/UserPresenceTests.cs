using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Presence;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Presence;

/// <summary>
/// Status transitions as people see them on their <c>/api/ws/me</c>: online on connecting, idle after five minutes without
/// input, back on input, invisible, offline only after the grace period; and who hears of them (friends and people
/// sharing a server, never strangers). Time moves on a <see cref="FakeTimeProvider"/>, whose timers fire as it advances.
/// </summary>
public sealed class UserPresenceTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly MeursFactory factory;
    private readonly ApiClient api;

    public UserPresenceTests()
    {
        factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        api = ApiClient.For(factory);
    }

    public void Dispose()
    {
        api.Dispose();
        factory.Dispose();
    }

    [Fact]
    public async Task AFriend_SeesThemComeOnline_GoIdleWithoutInput_ComeBackOnInput_AndGoOfflineOnlyAfterTheGracePeriod()
    {
        var (alice, bob) = (await PersonAsync("alice"), await PersonAsync("bob"));
        await BefriendAsync(alice, bob);
        await using var bobSocket = await ConnectAsync(bob);
        var aliceSocket = await ConnectAsync(alice);

        await bobSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.Online));
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(UserStatus.Online, Presence.StatusOf(alice.Id));
        clock.Advance(TimeSpan.FromSeconds(1));
        await bobSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.Idle));
        Assert.Equal(UserStatus.Idle, Presence.StatusOf(alice.Id));

        await aliceSocket.SendJsonAsync(new { type = "active" });
        await bobSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.Online));

        await aliceSocket.DisposeAsync();
        await Poll.UntilAsync(() => Task.FromResult(factory.Services.GetRequiredService<RealtimeHub>().SubscriberCount(ChannelId.User(alice.Id)) == 0), "alice's socket closed on the server");
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(UserStatus.Online, Presence.StatusOf(alice.Id)); // a reload within the grace period is not a leave
        clock.Advance(TimeSpan.FromSeconds(1));
        await bobSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.Offline));
        Assert.Equal(UserStatus.Offline, Presence.StatusOf(alice.Id));
    }

    [Fact]
    public async Task Invisible_LooksOfflineToOthers_ButInvisibleToThemselves_AndInputDoesNotReveal()
    {
        var (alice, bob) = (await PersonAsync("alice"), await PersonAsync("bob"));
        await BefriendAsync(alice, bob);
        await using var bobSocket = await ConnectAsync(bob);
        await using var aliceSocket = await ConnectAsync(alice);
        await bobSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.Online));

        var chosen = await SetStatusAsync(alice, "invisible");

        Assert.Equal("invisible", chosen.GetProperty("status").GetString());
        Assert.Equal("invisible", chosen.GetProperty("shown").GetString());
        await bobSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.Offline));
        await aliceSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.Invisible));
        Assert.Equal(UserStatus.Offline, Presence.StatusOf(alice.Id));
        Assert.Equal(UserStatus.Invisible, Presence.OwnStatusOf(alice.Id));
        await aliceSocket.SendJsonAsync(new { type = "active" });
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(UserStatus.Offline, Presence.StatusOf(alice.Id));

        // The choice outlives the connection: reconnecting later, they are still invisible to others.
        await SetStatusAsync(alice, "dnd");
        await bobSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.DoNotDisturb));
        var me = await api.GetAsync("/api/users/me", alice.Token);
        Assert.Equal("dnd", me.Json!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SomeoneSharingAServer_HearsOfChanges_AStrangerHearsNothing()
    {
        var (alice, carol, stranger) = (await PersonAsync("alice"), await PersonAsync("carol"), await PersonAsync("stranger"));
        var server = await api.PostJsonAsync("/api/servers", new { title = "Presence club" }, alice.Token);
        var serverId = server.Json!.Value.GetProperty("id").ToString();
        Assert.True((await api.PostJsonAsync($"/api/servers/{serverId}/join", new { }, carol.Token)).Message.IsSuccessStatusCode);
        await using var carolSocket = await ConnectAsync(carol);
        await using var strangerSocket = await ConnectAsync(stranger);
        await using var aliceSocket = await ConnectAsync(alice);
        await carolSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.Online));

        await SetStatusAsync(alice, "dnd");
        await carolSocket.ReceiveUntilAsync(e => IsStatus(e, alice, UserStatus.DoNotDisturb));
        // Deliveries to one socket keep their order: the stranger's own change comes after anything about alice would have.
        await SetStatusAsync(stranger, "idle");
        await strangerSocket.ReceiveUntilAsync(e => IsStatus(e, stranger, UserStatus.Idle));

        Assert.DoesNotContain(strangerSocket.Received, e => JsonRoomSocket.TypeOf(e) == "user.status_changed" && Data(e).GetProperty("username").GetString() == alice.UserName);
        Assert.DoesNotContain(carolSocket.Received, e => JsonRoomSocket.TypeOf(e) == "user.status_changed" && Data(e).GetProperty("username").GetString() == stranger.UserName);
    }

    private UserPresence Presence => factory.Services.GetRequiredService<UserPresence>();

    private static JsonElement Data(JsonElement e) => e.GetProperty("data");

    private static bool IsStatus(JsonElement e, Person who, string status) =>
        JsonRoomSocket.TypeOf(e) == "user.status_changed"
        && Data(e).GetProperty("username").GetString() == who.UserName
        && Data(e).GetProperty("status").GetString() == status;

    private async Task<Person> PersonAsync(string prefix)
    {
        var (userName, token) = await api.NewAccountWithTokenAsync(prefix);
        var id = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));
        return new Person(id, userName, token);
    }

    private Task<bool> BefriendAsync(Person a, Person b) => factory.WithDbAsync(async db =>
    {
        db.Friendships.AddRange(new Friendship { UserId = a.Id, FriendId = b.Id }, new Friendship { UserId = b.Id, FriendId = a.Id });
        await db.SaveChangesAsync();
        return true;
    });

    private Task<JsonRoomSocket> ConnectAsync(Person who) => JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", who.UserName, who.Token);

    private async Task<JsonElement> SetStatusAsync(Person who, string status)
    {
        var response = await api.SendAsync(HttpMethod.Put, "/api/users/me/status", who.Token, JsonContent.Create(new { status }));
        Assert.Equal(HttpStatusCode.OK, response.Message.StatusCode);
        return response.Json!.Value;
    }

    private sealed record Person(Guid Id, string UserName, string Token);
}
