using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Rooms: ad-hoc chats with a 7-character id, their history, presence, shared files and direct relay, for pages
/// (<c>/ws/rooms/{id}</c>) and programs (<c>/api/comuni</c>, <c>/ws/comuni/{id}</c>).
/// </summary>
internal static class RoomsFeature
{
    /// <summary>Registers the room options and use cases.</summary>
    public static WebApplicationBuilder AddRooms(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoomsOptions>().BindConfiguration(RoomsOptions.SectionName);
        builder.Services.AddSingleton<IRoomIdSource, RandomRoomIdSource>();
        builder.Services.AddSingleton<RoomPresence>();
        builder.Services.AddSingleton<RoomRateLimits>();
        builder.Services.AddSingleton<RoomFileRelay>();
        builder.Services.AddSingleton<RoomFragments>();
        builder.Services.AddSingleton<RoomEventLog>();
        builder.Services.AddScoped<CreateRoom>();
        builder.Services.AddSingleton<RoomOwnerAbsence>();
        builder.Services.AddScoped<CloseRoom>();
        builder.Services.AddScoped<LeaveRoom>();
        builder.Services.AddScoped<RenameRoom>();
        builder.Services.AddScoped<JoinRoom>();
        builder.Services.AddScoped<ShareFile>();
        builder.Services.AddSingleton<SendRoomMessage>();
        builder.Services.AddScoped<RoomSocketServices>();
        return builder;
    }

    /// <summary>Maps the room pages' form posts, the room sockets, the Comuni JSON API and the room files.</summary>
    public static IEndpointRouteBuilder MapRooms(this IEndpointRouteBuilder app)
    {
        app.MapRoomPageForms();
        app.MapRoomSocket();
        app.MapComuniApi();
        app.MapRoomFiles();
        return app;
    }
}
