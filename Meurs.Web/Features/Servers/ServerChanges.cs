namespace Meurs.Web.Features.Servers;

/// <summary>What <see cref="UpdateServer"/> changes; a null field is left as it is.</summary>
/// <param name="Name">A new name.</param>
/// <param name="Description">A new description ("" clears it).</param>
/// <param name="InviteOnly">A new joining rule.</param>
public sealed record ServerChanges(string? Name = null, string? Description = null, bool? InviteOnly = null);
