using Meurs.Web.Features.Jobs;
using Meurs.Web.Realtime;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Rooms: ad-hoc chats with a 7-character id, their history, presence, shared files and direct relay, for pages
/// (<c>/ws/rooms/{id}</c>) and programs (<c>/api/comuni</c>, <c>/ws/comuni/{id}</c>).
/// </summary>
internal static class RoomsFeature
{
    /// <summary>Registers the room options, use cases and the jobs that clean the rooms' tables.</summary>
    public static WebApplicationBuilder AddRooms(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoomsOptions>().BindConfiguration(RoomsOptions.SectionName);
        builder.Services.AddSingleton<IRoomIdSource, RandomRoomIdSource>();
        builder.Services.AddSingleton<RoomRateLimits>();
        builder.Services.AddSingleton<RoomFileRelay>();
        builder.Services.AddSingleton<RelayBandwidth>();
        builder.Services.AddSingleton<RoomFragments>();
        builder.Services.AddSingleton<RoomEventLog>();
        // A little more than the history a subscriber gets, so that a few private messages in the window still leave it whole.
        builder.Services.AddSingleton(s => new RecentRoomEvents(s.GetRequiredService<IOptions<RoomsOptions>>().Value.HistoryLength + 32));
        builder.Services.AddScoped<CreateRoom>();
        builder.Services.AddSingleton<RoomOwnerAbsence>();
        builder.Services.AddScoped<CloseRoom>();
        builder.Services.AddScoped<LeaveRoom>();
        builder.Services.AddScoped<RenameRoom>();
        builder.Services.AddScoped<JoinRoom>();
        builder.Services.AddScoped<ShareFile>();
        builder.Services.AddSingleton<SendRoomMessage>();

        // On the realtime fabric: the room kind's policy, history and presence, its events' views, its two sockets.
        builder.Services.AddChannelPolicy<RoomChannelPolicy>();
        builder.Services.AddSingleton<IChannelLog>(s => s.GetRequiredService<RoomEventLog>());
        builder.Services.AddPresenceListener<RoomPresenceListener>();
        builder.Services.AddEventView<MessageCreated, MessageCreatedView>();
        builder.Services.AddEventView<RoomHistoryShown, RoomHistoryShownView>();
        builder.Services.AddEventView<RoomResumed, RoomResumedView>();
        builder.Services.AddEventView<HistoryCleared, HistoryClearedView>();
        builder.Services.AddEventView<MembersChanged, MembersChangedView>();
        builder.Services.AddEventView<RoomRenamed, RoomRenamedView>();
        builder.Services.AddEventView<RoomClosed, RoomClosedView>();
        builder.Services.AddEventView<FileTransferStarted, FileTransferStartedView>();
        builder.Services.AddEventView<FileTransferEnded, FileTransferEndedView>();
        builder.Services.AddEventView<FileTransferMissed, FileTransferMissedView>();
        builder.Services.AddSingleton<RoomPageSocket>();
        builder.Services.AddSingleton<ComuniSocket>();
        builder.Services.AddRecurringJob<ClearIdleRooms>("*/5 * * * *");
        builder.Services.AddRecurringJob<SweepExpiredSharedFiles>("*/15 * * * *");
        return builder;
    }

    /// <summary>Maps the room pages' form posts, the room sockets, the Comuni JSON API and the room files.</summary>
    public static IEndpointRouteBuilder MapRooms(this IEndpointRouteBuilder app)
    {
        app.MapRoomPageForms();
        app.MapChannelSocket<RoomPageSocket, RoomCommand>("/ws/rooms/{id}");
        app.MapChannelSocket<ComuniSocket, RoomCommand>("/ws/comuni/{id}");
        app.MapComuniApi();
        app.MapRoomFiles();
        return app;
    }
}
