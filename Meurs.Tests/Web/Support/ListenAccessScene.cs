using Meurs.Web.Features.Library;
using Meurs.Web.Features.Listening;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// One check's listening session for the listening sessions' access matrix: hosted by the
/// <see cref="AccessRole.OwnerOrAdmin"/> person of an <see cref="AccessScene"/>, started with alpha in the queue
/// (<see cref="ItemId"/>), joined by the <see cref="AccessRole.Member"/> as a guest on the default switches (guests'
/// queue changes become requests, no playback control), whose add of beta is the pending <see cref="RequestId"/>. The
/// non-member has an account but never joined. <see cref="GuestId"/> is the member's id (the target of a role change);
/// <see cref="TrackId"/> beta's library id. <see cref="CallId"/> is a room of the host that the guest has joined and the
/// non-member has not; the session is its call's (the call panel's Leave and End), though nobody is in the call.
/// </summary>
public sealed record AccessListen(Guid Id, string Code, Guid ItemId, Guid RequestId, Guid GuestId, Guid TrackId, string CallId);

/// <summary>
/// Makes <see cref="AccessListen"/> sessions through the real use cases, on the access matrix's host (real clock: the
/// <c>Listening</c> tests' own scene runs a separate host on a fake clock, so it is not shared here).
/// </summary>
public sealed class ListenAccessScene(AccessScene scene)
{
    /// <summary>A fresh session for one check.</summary>
    public async Task<AccessListen> NewSessionAsync()
    {
        using var scope = scene.Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var library = services.GetRequiredService<MediaLibrary>();
        var alpha = (await library.FindAsync(TestLibrary.AlphaPath))!.Value.Item.Id;
        var beta = (await library.FindAsync(TestLibrary.BetaPath))!.Value.Item.Id;
        var host = new ChannelUser(scene.Id(AccessRole.OwnerOrAdmin), scene.UserName(AccessRole.OwnerOrAdmin));
        var guest = new ChannelUser(scene.Id(AccessRole.Member), scene.UserName(AccessRole.Member));
        var room = await scene.NewRoomAsync();
        var started = Ok(await services.GetRequiredService<StartSession>().HandleAsync(host, new StartSession.Options(alpha, CallId: room.Id), CancellationToken.None));
        Ok(await services.GetRequiredService<JoinSession>().ByCodeAsync(guest, started.Session.Code, CancellationToken.None));
        var asked = Ok(await services.GetRequiredService<AddToQueue>().HandleAsync(guest, started.Session.Id, beta, CancellationToken.None));
        Assert.True(asked.Request is not null, "the guest's add should have become a request");
        return new AccessListen(started.Session.Id, started.Session.Code, started.Playlist[0].ItemId, asked.Request!.Request.Id, guest.Id, beta, room.Id);
    }

    private static T Ok<T>(ListenResult<T> result)
    {
        Assert.True(result.IsOk, $"setting up the scene's session: {result.Status} {result.Detail}");
        return result.Value!;
    }
}
