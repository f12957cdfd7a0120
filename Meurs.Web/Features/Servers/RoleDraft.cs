namespace Meurs.Web.Features.Servers;

/// <summary>A new role for <see cref="CreateRole"/>.</summary>
/// <param name="Name">1–<see cref="ServerRole.MaxNameLength"/> characters, unique in the server ignoring case.</param>
/// <param name="Color"><c>#RRGGBB</c>, or null for none.</param>
/// <param name="Permissions">What it grants.</param>
public sealed record RoleDraft(string? Name, string? Color = null, Permissions Permissions = Permissions.None);

/// <summary>What <see cref="UpdateRole"/> changes; a null field (and <paramref name="SetColor"/> false) is left as it is.</summary>
/// <param name="Name">A new name.</param>
/// <param name="SetColor">True to set the colour to <paramref name="Color"/> (null clears it).</param>
/// <param name="Color"><c>#RRGGBB</c> or null.</param>
/// <param name="Permissions">New permissions.</param>
public sealed record RoleChanges(string? Name = null, bool SetColor = false, string? Color = null, Permissions? Permissions = null);
