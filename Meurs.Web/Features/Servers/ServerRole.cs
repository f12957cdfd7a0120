using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// A role of a server: a name, a colour, a place in the hierarchy (<see cref="Position"/>) and a set of
/// <see cref="Permissions"/>. Every server has two built-in roles from the start: @everyone (<see cref="IsEveryone"/>,
/// held by every member, position 0, never deleted or assigned) and Admin (<see cref="IsAdmin"/>, holding
/// <see cref="Permissions.Administrator"/>).
/// </summary>
public sealed class ServerRole
{
    /// <summary>Longest name, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The name of the role every member holds.</summary>
    public const string EveryoneName = "@everyone";

    /// <summary>The built-in administrators' role's name.</summary>
    public const string AdminName = "Admin";

    /// <summary>Id (UUID version 7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The server it belongs to.</summary>
    public Guid ServerId { get; init; }

    /// <summary>1–<see cref="MaxNameLength"/> characters; unique in the server regardless of case, so <c>@name</c> mentions are unambiguous.</summary>
    public required string Name { get; set; }

    /// <summary>The colour as <c>#RRGGBB</c> (upper-case hex), or null for none.</summary>
    public string? Color { get; set; }

    /// <summary>The hierarchy: higher is more senior. @everyone is 0; the others are 1, 2, … without gaps.</summary>
    public int Position { get; set; }

    /// <summary>What holding this role grants, before channel overrides.</summary>
    public Permissions Permissions { get; set; }

    /// <summary>True for the built-in Admin role (it cannot be deleted).</summary>
    public bool IsAdmin { get; init; }

    /// <summary>True for @everyone.</summary>
    public bool IsEveryone { get; init; }
}

internal sealed class ServerRoleConfiguration : IEntityTypeConfiguration<ServerRole>
{
    public void Configure(EntityTypeBuilder<ServerRole> role)
    {
        role.HasKey(r => r.Id);
        role.Property(r => r.Name).HasMaxLength(ServerRole.MaxNameLength);
        role.Property(r => r.Color).HasMaxLength(7).IsUnicode(false);
        role.Property(r => r.Permissions).HasConversion<long>();
        role.HasIndex(r => r.ServerId);
        role.HasOne<Server>().WithMany().HasForeignKey(r => r.ServerId).OnDelete(DeleteBehavior.Cascade);
    }
}
