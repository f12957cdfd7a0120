using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Friends;

/// <summary>
/// Friends and blocking: requests by username (accept, decline, cancel), friendships, blocks, and
/// <see cref="Relationships"/>, the one place other features ask how two people stand. Every action is one use case
/// (scoped, <c>HandleAsync(actorId, …)</c> returning a <see cref="FriendResult{T}"/>) shared by the API
/// (<see cref="FriendsApi"/>) and the /friends page (<see cref="FriendsPageEndpoints"/>); each tells the people
/// concerned on their own channel (<see cref="FriendsEvent"/>).
/// </summary>
internal static class FriendsFeature
{
    /// <summary>Registers the relationship reads, the use cases and the events' views.</summary>
    public static WebApplicationBuilder AddFriends(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Relationships>();
        builder.Services.AddScoped<FriendsNotifier>();
        Type[] useCases =
        [
            typeof(SendFriendRequest), typeof(AcceptFriendRequest), typeof(DeclineFriendRequest), typeof(CancelFriendRequest),
            typeof(RemoveFriend), typeof(BlockUser), typeof(UnblockUser),
            typeof(ListFriends), typeof(ListFriendRequests), typeof(ListBlocked),
        ];
        foreach (var useCase in useCases)
        {
            builder.Services.AddScoped(useCase);
        }
        builder.Services.AddEventView<FriendRequestReceived, FriendsEventView<FriendRequestReceived>>();
        builder.Services.AddEventView<FriendRequestAccepted, FriendsEventView<FriendRequestAccepted>>();
        builder.Services.AddEventView<FriendRequestDeclined, FriendsEventView<FriendRequestDeclined>>();
        builder.Services.AddEventView<FriendRequestCancelled, FriendsEventView<FriendRequestCancelled>>();
        builder.Services.AddEventView<FriendRemoved, FriendsEventView<FriendRemoved>>();
        builder.Services.AddEventView<FriendsChanged, FriendsEventView<FriendsChanged>>();
        return builder;
    }

    /// <summary>Maps the API and the page's endpoints (the page itself is a routed component).</summary>
    public static WebApplication MapFriends(this WebApplication app)
    {
        app.MapFriendsApi();
        app.MapFriendsPageEndpoints();
        return app;
    }
}
