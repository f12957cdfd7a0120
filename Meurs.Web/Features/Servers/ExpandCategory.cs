namespace Meurs.Web.Features.Servers;

/// <summary>Expands a category for oneself: <see cref="CollapseCategory"/> with false.</summary>
public sealed class ExpandCategory(CollapseCategory collapse)
{
    /// <summary>Expands; idempotent; 403/404 not a member or no such category.</summary>
    public Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid categoryId, CancellationToken cancellationToken) =>
        collapse.HandleAsync(actorId, serverId, categoryId, collapsed: false, cancellationToken);
}
