using Meurs.Media.Transport;
using Meurs.Web.Realtime;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// Calls: the roster, the announcer and one media router per call, signalled over <c>/ws/voice/{id}</c> (pages) and
/// <c>/api/ws/voice/{channel_id}</c> (the Chat system's voice protocol for programs, with
/// <c>GET /api/channels/{id}/voice/members</c>); a server voice channel's call also shows on its server's channel; and
/// Meurs.Media hosted in-process (DESIGN.md §6): one <see cref="WebRtcServer"/> on the UDP port of the <c>Media</c>
/// section, bound when the app starts so a port problem shows at once, and closed with the app.
/// </summary>
internal static class CallsFeature
{
    /// <summary>Registers the call services and the media server.</summary>
    public static WebApplicationBuilder AddCalls(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CallRouters>();

        // On the realtime fabric: the call kind's policy, presence (the participants) and events' views, and its socket.
        builder.Services.AddChannelPolicy<CallChannelPolicy>();
        builder.Services.AddChannelLog<CallLog>();
        builder.Services.AddPresenceListener<CallPresenceListener>();
        builder.Services.AddEventObserver<ChannelEnded, EndCallWithChannel>();
        builder.Services.AddEventView<CallParticipantsChanged, CallParticipantsChangedView>();
        builder.Services.AddEventView<ParticipantsListed, ParticipantsListedView>();
        builder.Services.AddSingleton<CallParticipantsChangedView>();
        builder.Services.AddEventView<CallShown, CallShownView>();
        builder.Services.AddEventView<SubscribeOffered, SubscribeOfferedView>();
        builder.Services.AddEventView<SpeakingChanged, SpeakingChangedView>();
        builder.Services.AddSingleton<CallSocket>();
        builder.Services.AddSingleton<VoiceApiSocket>();
        builder.Services.AddSingleton<VoiceChannelStates>();
        builder.Services.AddEventView<VoiceMembersListed, VoiceMembersListedView>();
        builder.Services.AddEventView<VoiceMemberJoined, VoiceMemberJoinedView>();
        builder.Services.AddEventView<VoiceMemberLeft, VoiceMemberLeftView>();
        builder.Services.AddEventView<VoiceStateChanged, VoiceStateChangedView>();
        builder.Services.AddEventView<VoiceChannelStatesChanged, VoiceChannelStatesChangedView>();
        builder.Services.AddOptions<WebRtcServerOptions>().BindConfiguration(WebRtcServerOptions.SectionName)
            .Validate(o => System.Net.IPAddress.TryParse(o.ListenAddress, out _), "Media:ListenAddress must be an IP address.")
            .Validate(o => o.AnnouncedAddress is null || System.Net.IPAddress.TryParse(o.AnnouncedAddress, out _), "Media:AnnouncedAddress must be an IP address.")
            .Validate(o => o.Port is >= 0 and <= 65535, "Media:Port must be 0 to 65535.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new WebRtcServer(services.GetRequiredService<IOptions<WebRtcServerOptions>>().Value, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<MediaServerStartup>();
        return builder;
    }

    /// <summary>Maps the call sockets and the voice API.</summary>
    public static IEndpointRouteBuilder MapCalls(this IEndpointRouteBuilder app)
    {
        app.MapChannelSocket<CallSocket, CallCommand>("/ws/voice/{id}");
        app.MapVoiceApi();
        return app;
    }

    private sealed class MediaServerStartup(WebRtcServer server, ILogger<WebRtcServer> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Media server on udp {Bound}, announced as {Announced}", server.LocalEndPoint, server.AnnouncedEndPoint);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
