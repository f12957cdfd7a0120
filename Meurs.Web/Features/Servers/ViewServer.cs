namespace Meurs.Web.Features.Servers;

/// <summary>Reads a server for a member, with their standing in it (for what a page may offer them).</summary>
public sealed class ViewServer(ServerGate gate)
{
    /// <summary>Their standing (its <see cref="MemberAccess.Server"/> is the server); 403 a non-member of an open server, 404 no such server or invite-only.</summary>
    public async Task<ServerResult<MemberAccess>> HandleAsync(Guid actorId, Guid serverId, CancellationToken cancellationToken)
    {
        var (member, refusal) = await gate.ServerAsync(serverId, actorId, Permissions.None, cancellationToken);
        return refusal is not null ? refusal : member!;
    }
}
