using Meurs.Web.Data;
using Meurs.Web.Features.Jobs;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Ends abandoned sessions: an open session nobody is connected to (presence on its channel) whose
/// <see cref="ListenSession.LastActiveAt"/> is older than <see cref="ListeningOptions.IdleTimeout"/> ends as its host
/// would end it (<see cref="EndSession.EndIdleAsync"/>: <c>session_ended</c>, every connection closed). Checked again
/// under the session's gate, so someone connecting or changing it meanwhile keeps it. Affected: sessions ended. A
/// recurring job (<see cref="ListeningFeature"/>).
/// </summary>
public sealed class EndIdleSessions(MeursDbContext db, EndSession end, PresenceService presence, IOptions<ListeningOptions> options, TimeProvider time, ILogger<EndIdleSessions> logger)
    : MeursJob(time, logger)
{
    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.Value.IdleTimeout;
        var quiet = await db.ListenSessions.AsNoTracking().Where(s => s.EndedAt == null && s.LastActiveAt < cutoff).Select(s => s.Id).ToListAsync(cancellationToken);
        var ended = 0;
        foreach (var sessionId in quiet)
        {
            var channel = ChannelId.Listen(sessionId);
            var result = await end.EndIdleAsync(sessionId, session => session.LastActiveAt < cutoff && presence.Present(channel).Count == 0, cancellationToken);
            if (result.IsOk)
            {
                ended++;
            }
        }
        return ended;
    }
}
