using System.Globalization;
using System.Security.Claims;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The Chat system's voice API for programs (bearer token only):
/// <list type="bullet">
/// <item><c>GET /api/channels/{id}/voice/members</c> → 200 <c>[{user_id, username, is_muted, is_deafened,
/// is_sharing_screen, is_sharing_webcam}]</c> in joining order (<c>[]</c> when nobody is there, and for a text channel);
/// 404 for a channel that does not exist or that the person may not see (or any channel of an invite-only server they
/// are not in), 403 for a non-member of an open server; the <see cref="TextChannelPolicy"/> decides
/// (<see cref="Permissions.ViewChannel"/>).</item>
/// <item>the socket <c>/api/ws/voice/{channel_id}</c> (<see cref="VoiceApiSocket"/>).</item>
/// </list>
/// </summary>
internal static class VoiceApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapVoiceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/channels/{id}/voice/members", MembersAsync).RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        app.MapChannelSocket<VoiceApiSocket, VoiceCommand>("/api/ws/voice/{channel_id}");
        return app;
    }

    private static async Task<IResult> MembersAsync(string id, ClaimsPrincipal user, TextChannelPolicy policy, PresenceService presence, CancellationToken cancellationToken)
    {
        if (id.Length > 64 || !Guid.TryParse(id, CultureInfo.InvariantCulture, out var channelId))
        {
            return Results.Problem("Channel not found", statusCode: StatusCodes.Status404NotFound);
        }
        var viewer = new ChannelUser(CurrentUser.RequiredId(user), user.Identity?.Name ?? "");
        var (_, refusal) = await policy.CheckAsync(viewer, ChannelId.Channel(channelId), Permissions.ViewChannel, cancellationToken);
        if (refusal is not null)
        {
            return Results.Problem(refusal.Detail, statusCode: refusal.Status);
        }
        return Results.Json(VoiceJson.Members(CallParticipant.From(presence.Present(VoiceChannelStates.CallOf(channelId)))), RealtimeJson.Options);
    }
}
