using Meurs.Web.Features.Jobs;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Listening sessions: a host and guests share a queue from the library, guests' changes wait for approval, and the
/// server holds the one playback state (<see cref="PlaybackState"/>) that every listener follows, advanced by the
/// <see cref="ListenClock"/>. Its rules are <see cref="ListenPowers"/>, asked through <see cref="ListenAccess"/> by the
/// policy of the fabric's Listen kind (<see cref="ListenChannelPolicy"/>) and by every use case; every change goes
/// through the <see cref="ListenGate"/>. Programs use <c>/api/listen</c> and <c>/api/ws/listen/{id}</c>; the page,
/// <c>/ws/listen/{id}</c>.
/// </summary>
internal static class ListeningFeature
{
    /// <summary>Registers the options, the access rules, the use cases, the clock, the policy, views and sockets of the Listen kind, and the idle job.</summary>
    public static WebApplicationBuilder AddListening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ListeningOptions>().BindConfiguration(ListeningOptions.SectionName)
            .Validate(o => o.ReadyTimeout > TimeSpan.Zero && o.IdleTimeout > TimeSpan.Zero, "Listening:ReadyTimeout and IdleTimeout must be positive.")
            .Validate(o => o.MaxQueueItems >= 1 && o.MaxPendingRequestsPerGuest >= 1, "Listening:MaxQueueItems and MaxPendingRequestsPerGuest must be at least 1.");
        services.AddScoped<ListenAccess>();
        services.AddScoped<ListenPlaylist>();
        services.AddScoped<ListenRoster>();
        services.AddScoped<ListenGate>();
        services.AddScoped<QueueEdits>();
        services.AddScoped<RequestDecisions>();
        services.AddSingleton<ListenSyncStates>();
        services.AddSingleton<ListenClock>();
        services.AddHostedService(s => s.GetRequiredService<ListenClock>());

        services.AddScoped<StartSession>();
        services.AddScoped<JoinSession>();
        services.AddScoped<ListenTogether>();
        services.AddScoped<LeaveSession>();
        services.AddScoped<EndSession>();
        services.AddScoped<CallSessionLookup>();
        services.AddScoped<LeaveCallSession>();
        services.AddScoped<EndCallSession>();
        services.AddScoped<AddToQueue>();
        services.AddScoped<RemoveFromQueue>();
        services.AddScoped<MoveQueueItem>();
        services.AddScoped<ApproveRequest>();
        services.AddScoped<DenyRequest>();
        services.AddScoped<SetListenRole>();
        services.AddScoped<ChangeSessionSettings>();
        services.AddScoped<ControlPlayback>();
        services.AddScoped<SendSessionMessage>();
        services.AddScoped<ViewSession>();
        services.AddScoped<ListQueue>();
        services.AddScoped<ListRequests>();
        services.AddScoped<ReadLog>();
        services.AddScoped<ReadChat>();
        services.AddScoped<MySessions>();

        // On the realtime fabric: the kind's policy, snapshot, presence, clock observers, views and two sockets.
        services.AddChannelPolicy<ListenChannelPolicy>();
        services.AddChannelLog<ListenSnapshotLog>();
        services.AddPresenceListener<ListenPresenceListener>();
        services.AddSingleton<ListenClockObserver>();
        services.AddSingleton<IEventObserver<PlaybackStateChanged>>(s => s.GetRequiredService<ListenClockObserver>());
        services.AddSingleton<IEventObserver<SessionEnded>>(s => s.GetRequiredService<ListenClockObserver>());
        services.AddEventView<PlaybackStateChanged, PlaybackStateChangedView>();
        services.AddEventView<PlaylistUpdated, PlaylistUpdatedView>();
        services.AddEventView<RequestUpdated, RequestUpdatedView>();
        services.AddEventView<ListenersChanged, ListenersChangedView>();
        services.AddEventView<SessionSettingsChanged, SessionSettingsChangedView>();
        services.AddEventView<SessionLogged, SessionLoggedView>();
        services.AddEventView<SessionMessagePosted, SessionMessagePostedView>();
        services.AddEventView<SessionEnded, SessionEndedView>();
        services.AddEventView<ListenConnected, ListenConnectedView>();
        services.AddEventView<CallListeningChanged, CallListeningChangedView>();
        services.AddEventObserver<SessionEnded, AnnounceCallSessionEnded>();
        services.AddSingleton<ListenApiSocket>();
        services.AddSingleton<ListenPageSocket>();
        services.AddScoped<ListenPageData>();
        services.AddSingleton<ListenFragments>();
        services.AddRecurringJob<EndIdleSessions>("*/5 * * * *");
        return builder;
    }

    /// <summary>Maps the API, the pages' form endpoints and the two sockets.</summary>
    public static IEndpointRouteBuilder MapListening(this IEndpointRouteBuilder app)
    {
        app.MapListenApi();
        app.MapListenPageEndpoints();
        app.MapChannelSocket<ListenApiSocket, ListenCommand>("/api/ws/listen/{id}");
        app.MapChannelSocket<ListenPageSocket, ListenCommand>("/ws/listen/{id}");
        return app;
    }
}
