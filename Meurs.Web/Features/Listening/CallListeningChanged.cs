using System.Text.Json;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// A call's listening session started or ended, published on the call's channel (<see cref="ChannelId.Call"/>) so that
/// everyone in the call sees <em>Listen together</em> turn into joining the session, or back.
/// </summary>
/// <param name="CallId">The call (a room id or a voice channel id in "N" format).</param>
/// <param name="SessionId">The call's open session now, or null when it has none.</param>
public sealed record CallListeningChanged(string CallId, Guid? SessionId) : RealtimeEvent;

/// <summary>
/// The one view of <see cref="CallListeningChanged"/>: nothing for pages (the call panel is per person; its script
/// reloads it); for the call sockets <c>{"type":"listen.call_session","data":{"call_id","session_id"}}</c>
/// (<c>session_id</c> null when the session ended), which call.js passes on to listen-call.js.
/// </summary>
public sealed class CallListeningChangedView : IEventView<CallListeningChanged>
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(CallListeningChanged e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(CallListeningChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [JsonSerializer.Serialize(new { type = "listen.call_session", data = new { call_id = e.CallId, session_id = e.SessionId?.ToString("N") } }, Options)];
    }
}

/// <summary>When a session inside a call ends (by its host or idleness), tells the call that it has none any more.</summary>
public sealed class AnnounceCallSessionEnded(IServiceScopeFactory scopes, RealtimeHub hub) : IEventObserver<SessionEnded>
{
    /// <inheritdoc />
    public async Task OnEventAsync(ChannelId channel, SessionEnded e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string? callId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            callId = await db.ListenSessions.AsNoTracking().Where(s => s.Id == e.SessionId).Select(s => s.CallId).FirstOrDefaultAsync();
        }
        if (callId is not null)
        {
            await hub.PublishAsync(ChannelId.Call(callId), new CallListeningChanged(callId, null));
        }
    }
}
