using Microsoft.AspNetCore.Components.Web;

namespace Meurs.Web.Realtime;

/// <summary>Registration of the fabric and of what features plug into it.</summary>
public static class RealtimeServiceCollectionExtensions
{
    /// <summary>Registers the fabric: origins, acceptor, bus, hub, presence, policies, views and the fragment renderer.</summary>
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName)
            .Validate(o => o.UserPresenceGracePeriod >= TimeSpan.Zero, "Realtime:UserPresenceGracePeriod must not be negative.")
            .Validate(o => o.MaxSocketsPerUser >= 1, "Realtime:MaxSocketsPerUser must be at least 1.")
            .Validate(o => o.SessionCheckInterval > TimeSpan.Zero, "Realtime:SessionCheckInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<SocketAcceptor>();
        services.AddSingleton<SocketSessions>();
        services.AddHostedService<SessionWatch>();
        services.AddSingleton<IRealtimeBus, InProcessRealtimeBus>();
        services.AddSingleton<RealtimeHub>();
        services.AddSingleton<PresenceService>();
        services.AddSingleton<ChannelPolicies>();
        services.AddSingleton<EventViews>();
        services.AddEventView<ConnectionReplaced, ConnectionReplacedView>();
        services.AddEventView<AccessRevoked, AccessRevokedView>();
        services.AddChannelPolicy<UserChannelPolicy>();
        services.AddSingleton<MeSocket>();
        services.AddSingleton<MeApiSocket>();
        // HtmlRenderer resolves scoped component services (ComponentsActivitySource among them); as an app-long singleton
        // it gets an app-long scope of its own rather than the root provider, which scope validation rightly refuses.
        services.AddSingleton(s => new HtmlRenderer(s.CreateScope().ServiceProvider, s.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<FragmentRenderer>();
        return builder;
    }

    /// <summary>Maps the fabric's own sockets: the layout's <c>/ws/me</c> and the programs' <c>/api/ws/me</c>.</summary>
    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        app.MapChannelSocket<MeSocket, MeCommand>("/ws/me");
        app.MapChannelSocket<MeApiSocket, MeCommand>("/api/ws/me");
        return app;
    }

    /// <summary>Registers <typeparamref name="TView"/> as the one view of <typeparamref name="TEvent"/>.</summary>
    public static IServiceCollection AddEventView<TEvent, TView>(this IServiceCollection services)
        where TEvent : RealtimeEvent
        where TView : class, IEventView<TEvent> =>
        services.AddSingleton<IEventView<TEvent>, TView>();

    /// <summary>Registers the policy of one channel kind.</summary>
    public static IServiceCollection AddChannelPolicy<TPolicy>(this IServiceCollection services) where TPolicy : class, IChannelPolicy =>
        services.AddSingleton<IChannelPolicy, TPolicy>();

    /// <summary>Registers the history of one channel kind.</summary>
    public static IServiceCollection AddChannelLog<TLog>(this IServiceCollection services) where TLog : class, IChannelLog =>
        services.AddSingleton<IChannelLog, TLog>();

    /// <summary>Registers a listener to presence on one channel kind.</summary>
    public static IServiceCollection AddPresenceListener<TListener>(this IServiceCollection services) where TListener : class, IPresenceListener =>
        services.AddSingleton<IPresenceListener, TListener>();

    /// <summary>Registers a reaction to <typeparamref name="TEvent"/>, wherever it is published.</summary>
    public static IServiceCollection AddEventObserver<TEvent, TObserver>(this IServiceCollection services)
        where TEvent : RealtimeEvent
        where TObserver : class, IEventObserver<TEvent> =>
        services.AddSingleton<IEventObserver<TEvent>, TObserver>();
}
