using System.Security.Cryptography;
using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Makes an invite. In an invite-only server this needs <see cref="Permissions.ManageServer"/> (an invite is the only
/// way in); in an open server any member may make one, since anyone with the server's id may join anyway and an invite
/// is only a handier link.
/// </summary>
public sealed class CreateInvite(MeursDbContext db, ServerGate gate, TimeProvider clock)
{
    /// <summary>Most joins one invite may allow.</summary>
    public const int MaxMaxUses = 10_000;

    /// <summary>Longest an invite may last, in seconds (30 days).</summary>
    public const int MaxLifetimeSeconds = 30 * 24 * 3600;

    /// <summary>Makes an invite; 400 for a <paramref name="maxUses"/> outside 1–<see cref="MaxMaxUses"/> or a lifetime outside 1 s–30 days, 403, 404.</summary>
    /// <param name="actorId">Who makes it.</param>
    /// <param name="serverId">The server.</param>
    /// <param name="maxUses">How many joins it allows, or null for any number.</param>
    /// <param name="expiresInSeconds">How long it lasts, or null for as long as it is not revoked.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<ServerResult<ServerInvite>> HandleAsync(Guid actorId, Guid serverId, int? maxUses, int? expiresInSeconds, CancellationToken cancellationToken)
    {
        var (member, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (member!.Server.InviteOnly && !member.Has(Permissions.ManageServer))
        {
            return ServerRefusal.Forbidden("Only members who manage the server can invite people to an invite-only server.");
        }
        if (maxUses is < 1 or > MaxMaxUses)
        {
            return ServerRefusal.BadInput($"max_uses is between 1 and {MaxMaxUses}, or left out for no limit.");
        }
        if (expiresInSeconds is < 1 or > MaxLifetimeSeconds)
        {
            return ServerRefusal.BadInput($"expires_in_seconds is between 1 and {MaxLifetimeSeconds} (30 days), or left out for no expiry.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            var code = RandomNumberGenerator.GetString(ServerInvite.CodeAlphabet, ServerInvite.CodeLength);
            if (await db.ServerInvites.AnyAsync(i => i.Code == code, cancellationToken) && attempt < 5)
            {
                continue;
            }
            var invite = new ServerInvite
            {
                Code = code, ServerId = serverId, CreatorId = actorId, CreatedAt = now, MaxUses = maxUses,
                ExpiresAt = expiresInSeconds is { } seconds ? now.AddSeconds(seconds) : null,
            };
            db.ServerInvites.Add(invite);
            await db.SaveChangesAsync(cancellationToken);
            return invite;
        }
    }
}
