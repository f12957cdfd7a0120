using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Realtime;

/// <summary>
/// One person holds at most <c>Realtime:MaxSocketsPerUser</c> sockets over every endpoint together; one more is refused
/// with 429 before the upgrade, and a place comes back when a socket closes. Other people are not counted against them.
/// </summary>
public sealed class SocketLimitTests : IDisposable
{
    private readonly MeursFactory factory = MeursFactory.With(settings: new Dictionary<string, string?> { ["Realtime:MaxSocketsPerUser"] = "3" });

    [Fact]
    public async Task Connect_OverTheCap_Returns429OverAnyEndpoint_AndAClosedSocketGivesItsPlaceBack()
    {
        using var browser = await factory.SignedUpAsync("cap");
        using var other = await factory.SignedUpAsync("oth");
        var roomId = await browser.CreateRoomAsync();
        var first = await browser.ConnectAsync("/ws/me");
        await using var second = await browser.ConnectAsync("/ws/me");
        await using var third = await browser.JoinRoomAsync(roomId);

        Assert.Equal(429, await TestSocket.RefusedStatusAsync(factory, "/ws/me", browser.CookieHeader));
        Assert.Equal(429, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", browser.CookieHeader));
        await using var othersSocket = await other.ConnectAsync("/ws/me");

        await first.DisposeAsync();
        var userId = await UserIdAsync(browser.UserName);
        var sessions = factory.Services.GetRequiredService<SocketSessions>();
        await Poll.UntilAsync(() => Task.FromResult(sessions.Count(userId) == 2), "the closed socket's place to come back");
        await using var again = await browser.ConnectAsync("/ws/me");
    }

    public void Dispose() => factory.Dispose();

    private async Task<Guid> UserIdAsync(string name)
    {
        using var scope = factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<Meurs.Web.Features.Accounts.MeursUser>>().FindByNameAsync(name);
        return user!.Id;
    }
}
