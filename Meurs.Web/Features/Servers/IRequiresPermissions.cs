namespace Meurs.Web.Features.Servers;

/// <summary>
/// A command on a server or channel socket, or an action of a use case, that the policy of the server and channel kinds
/// authorizes by the permissions it needs. A command that does not implement it is refused there: nothing is allowed by
/// being forgotten.
/// </summary>
public interface IRequiresPermissions
{
    /// <summary>What the actor must hold (in the channel for the channel kind, server-wide for the server kind); None for "any member who can see it".</summary>
    Permissions Required { get; }
}

/// <summary>The plainest <see cref="IRequiresPermissions"/>: a use case asking the policy whether the actor holds <paramref name="Required"/>.</summary>
/// <param name="Required">The permissions needed.</param>
public sealed record RequirePermissions(Permissions Required) : IRequiresPermissions;
