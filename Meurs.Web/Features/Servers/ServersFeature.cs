using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Community servers (Discord's guilds): members, roles and permissions, invites, categories, text and voice channels.
/// The <see cref="PermissionResolver"/> is the policy of the fabric's server and channel kinds
/// (<see cref="ServerChannelPolicy"/>, <see cref="TextChannelPolicy"/>), which every endpoint, page, subscription and
/// socket action asks.
/// </summary>
internal static class ServersFeature
{
    /// <summary>Registers the permission checks and the policies of the server and channel kinds.</summary>
    public static WebApplicationBuilder AddServers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ServerAccess>();
        builder.Services.AddChannelPolicy<ServerChannelPolicy>();
        builder.Services.AddChannelPolicy<TextChannelPolicy>();
        builder.Services.AddSingleton(s => (ServerChannelPolicy)s.GetServices<IChannelPolicy>().First(p => p is ServerChannelPolicy));
        builder.Services.AddSingleton(s => (TextChannelPolicy)s.GetServices<IChannelPolicy>().First(p => p is TextChannelPolicy));
        return builder;
    }

    /// <summary>Maps the servers' pages, API and sockets.</summary>
    public static IEndpointRouteBuilder MapServers(this IEndpointRouteBuilder app) => app;
}
