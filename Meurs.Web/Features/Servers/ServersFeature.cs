using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Community servers (Discord's guilds): members, roles and permissions, invites, categories, text and voice channels.
/// The <see cref="PermissionResolver"/> is the policy of the fabric's server and channel kinds
/// (<see cref="ServerChannelPolicy"/>, <see cref="TextChannelPolicy"/>), which every endpoint, page, subscription and
/// socket action asks. Every action is one use case class (scoped, <c>HandleAsync(actorId, …)</c> returning a
/// <see cref="ServerResult{T}"/>), shared by the REST API, the socket and the pages.
/// </summary>
internal static class ServersFeature
{
    /// <summary>Registers the permission checks, the policies of the server and channel kinds, the use cases, the events' views and the socket.</summary>
    public static WebApplicationBuilder AddServers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServersOptions>().BindConfiguration(ServersOptions.SectionName);
        builder.Services.AddScoped<ServerAccess>();
        builder.Services.AddChannelPolicy<ServerChannelPolicy>();
        builder.Services.AddChannelPolicy<TextChannelPolicy>();
        builder.Services.AddSingleton(s => (ServerChannelPolicy)s.GetServices<IChannelPolicy>().First(p => p is ServerChannelPolicy));
        builder.Services.AddSingleton(s => (TextChannelPolicy)s.GetServices<IChannelPolicy>().First(p => p is TextChannelPolicy));
        builder.Services.AddScoped<ServerGate>();
        builder.Services.AddScoped<ServerBroadcast>();
        builder.Services.AddScoped<UnreadNotifier>();
        builder.Services.AddSingleton<ServerImages>();
        builder.Services.AddSingleton<ServerRateLimits>();

        // The use cases: servers, membership, invites, roles, categories, channels, overrides, personal state, reads.
        Type[] useCases =
        [
            typeof(CreateServer), typeof(UpdateServer), typeof(DeleteServer), typeof(SetServerImage),
            typeof(JoinServer), typeof(LeaveServer), typeof(KickMember), typeof(BanMember), typeof(UnbanMember),
            typeof(CreateInvite), typeof(ListInvites), typeof(RevokeInvite), typeof(ViewInvite), typeof(JoinByInvite),
            typeof(CreateRole), typeof(UpdateRole), typeof(ReorderRoles), typeof(DeleteRole), typeof(AssignRole), typeof(RemoveRole),
            typeof(CreateCategory), typeof(RenameCategory), typeof(DeleteCategory), typeof(ReorderCategories),
            typeof(CreateChannel), typeof(UpdateChannel), typeof(ReorderChannels), typeof(DeleteChannel),
            typeof(SetChannelOverride), typeof(ListChannelOverrides), typeof(MuteChannel), typeof(UnmuteChannel),
            typeof(CollapseCategory), typeof(ExpandCategory),
            typeof(ListServers), typeof(ViewServer), typeof(ListMembers), typeof(ListRoles), typeof(ListCategories), typeof(ListChannels),
        ];
        foreach (var useCase in useCases)
        {
            builder.Services.AddScoped(useCase);
        }

        // On the fabric: one view for every server event (JSON envelopes; the pages add their fragments), and the socket.
        builder.Services.AddEventView<ServerUpdated, ServerEventView<ServerUpdated>>();
        builder.Services.AddEventView<ServerDeleted, ServerEventView<ServerDeleted>>();
        builder.Services.AddEventView<MemberJoined, ServerEventView<MemberJoined>>();
        builder.Services.AddEventView<MemberRemoved, ServerEventView<MemberRemoved>>();
        builder.Services.AddEventView<MemberRolesUpdated, ServerEventView<MemberRolesUpdated>>();
        builder.Services.AddEventView<ChannelCreated, ServerEventView<ChannelCreated>>();
        builder.Services.AddEventView<ChannelUpdated, ServerEventView<ChannelUpdated>>();
        builder.Services.AddEventView<ChannelDeleted, ServerEventView<ChannelDeleted>>();
        builder.Services.AddEventView<CategoryCreated, ServerEventView<CategoryCreated>>();
        builder.Services.AddEventView<CategoryUpdated, ServerEventView<CategoryUpdated>>();
        builder.Services.AddEventView<CategoryDeleted, ServerEventView<CategoryDeleted>>();
        builder.Services.AddEventView<RoleCreated, ServerEventView<RoleCreated>>();
        builder.Services.AddEventView<RoleUpdated, ServerEventView<RoleUpdated>>();
        builder.Services.AddEventView<RoleDeleted, ServerEventView<RoleDeleted>>();
        builder.Services.AddSingleton<ServerSocket>();

        // The pages: their reads, the fragments the events' htmx views render, the page socket.
        builder.Services.AddScoped<ServerPageData>();
        builder.Services.AddSingleton<ServerFragments>();
        builder.Services.AddSingleton<ServerPageSocket>();
        builder.Services.AddEventView<ChannelListChanged, ChannelListChangedView>();
        builder.Services.AddEventView<UnreadChanged, UnreadChangedView>();
        builder.Services.AddEventView<MentionTotalChanged, MentionTotalChangedView>();
        return builder;
    }

    /// <summary>Maps the servers' pages and their socket <c>/ws/servers/{id}</c>, the API and its socket <c>/api/ws/servers/{id}</c>, and the images.</summary>
    public static IEndpointRouteBuilder MapServers(this IEndpointRouteBuilder app)
    {
        app.MapServerPageEndpoints();
        app.MapChannelSocket<ServerPageSocket, ServerPageCommand>("/ws/servers/{id}");
        app.MapServersApi();
        app.MapServerImages();
        app.MapChannelSocket<ServerSocket, ServerCommand>("/api/ws/servers/{id}");
        return app;
    }
}
