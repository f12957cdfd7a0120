using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Listening sessions: a host and guests share a queue from the library, guests' changes wait for approval, and the
/// server holds the one playback state (<see cref="PlaybackState"/>) that every listener follows. Its rules are
/// <see cref="ListenPowers"/>, asked through <see cref="ListenAccess"/> by the policy of the fabric's Listen kind
/// (<see cref="ListenChannelPolicy"/>) and by every use case.
/// </summary>
internal static class ListeningFeature
{
    /// <summary>Registers the options, the access rules and the policy of the Listen kind.</summary>
    public static WebApplicationBuilder AddListening(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ListeningOptions>().BindConfiguration(ListeningOptions.SectionName);
        builder.Services.AddScoped<ListenAccess>();
        builder.Services.AddChannelPolicy<ListenChannelPolicy>();
        builder.Services.AddScoped<ListenPageData>();
        builder.Services.AddSingleton<ListenFragments>();
        return builder;
    }

    /// <summary>Maps the session's pages, API and sockets.</summary>
    public static IEndpointRouteBuilder MapListening(this IEndpointRouteBuilder app) => app.MapListenPageEndpoints();
}
