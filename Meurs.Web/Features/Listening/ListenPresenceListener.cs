using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// Follows who is connected to each session: the member list is republished on every arrival and departure (its
/// <c>connected</c> flags), <see cref="ListenSession.LastActiveAt"/> is refreshed (an idle session is one nobody has been
/// connected to for a while), a departed listener's sync report is forgotten, and a waiting session starts if the one
/// who left was the last not ready.
/// </summary>
public sealed class ListenPresenceListener(IServiceScopeFactory scopes, ListenSyncStates sync, ListenClock clock, TimeProvider time) : IPresenceListener
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Listen;

    /// <inheritdoc />
    public Task ArrivedAsync(ChannelId channel, PresentMember member) => ChangedAsync(channel);

    /// <inheritdoc />
    public async Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (Guid.TryParseExact(channel.Id, "N", out var sessionId))
        {
            sync.Forget(sessionId, member.UserId);
        }
        await ChangedAsync(channel);
        if (sessionId != Guid.Empty)
        {
            await clock.ReadyChangedAsync(sessionId);
        }
    }

    private async Task ChangedAsync(ChannelId channel)
    {
        if (!Guid.TryParseExact(channel.Id, "N", out var sessionId))
        {
            return;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.ListenSessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActiveAt, now)) == 0)
        {
            return;
        }
        var roster = scope.ServiceProvider.GetRequiredService<ListenRoster>();
        await scope.ServiceProvider.GetRequiredService<RealtimeHub>().WriteAsync(channel, async write =>
        {
            write.Publish(await roster.EventAsync(sessionId, CancellationToken.None));
            return true;
        });
    }
}
