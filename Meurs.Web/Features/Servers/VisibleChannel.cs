namespace Meurs.Web.Features.Servers;

/// <summary>A channel the actor can see, their permissions in it and whether they muted it.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Permissions">The actor's permissions there (always with <see cref="Permissions.ViewChannel"/>).</param>
/// <param name="Muted">True when the actor muted it.</param>
public sealed record VisibleChannel(ServerChannel Channel, Permissions Permissions, bool Muted);
