namespace Meurs.Web.Features.Servers;

/// <summary>The rules shared by the role use cases: names unique per server ignoring case, permissions one may grant.</summary>
internal static class RoleRules
{
    /// <summary>An error when <paramref name="name"/> is taken by another role of <paramref name="roles"/> (case ignored), else null.</summary>
    public static string? NameTaken(IEnumerable<ServerRole> roles, string name, Guid? except = null) =>
        roles.Any(r => r.Id != except && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ? $"This server already has a role named \"{name}\"." : null;

    /// <summary>
    /// Null when <paramref name="actor"/> may give a role <paramref name="permissions"/> where it had <paramref name="before"/>:
    /// only known bits, and only permissions the actor holds themselves (owners and administrators hold all).
    /// </summary>
    public static ServerRefusal? CheckGrant(MemberAccess actor, Permissions before, Permissions permissions)
    {
        if ((permissions & ~Permissions.All) != 0)
        {
            return ServerRefusal.BadInput("permissions has bits that are not permissions.");
        }
        var added = permissions & ~before;
        return (added & ~actor.Base) != 0 ? ServerRefusal.Forbidden("You cannot grant permissions you do not have.") : null;
    }
}
