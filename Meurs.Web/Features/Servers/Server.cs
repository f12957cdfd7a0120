using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// A community (Discord's "guild", a "server" in the UI): members, roles, categories and channels. The creator is its
/// owner, who alone may delete it and who holds every permission whatever their roles.
/// </summary>
public sealed class Server
{
    /// <summary>Longest name, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest description, in characters.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Time-ordered id (UUID version 7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The name shown in the server list: 1–<see cref="MaxNameLength"/> characters, trimmed.</summary>
    public required string Name { get; set; }

    /// <summary>What the server is about, up to <see cref="MaxDescriptionLength"/> characters; empty when none.</summary>
    public string Description { get; set; } = "";

    /// <summary>The owner: the creator, until ownership is handed on.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The stored icon's file name under the uploads folder (server-generated), or null.</summary>
    public string? IconFile { get; set; }

    /// <summary>The stored banner's file name under the uploads folder (server-generated), or null.</summary>
    public string? BannerFile { get; set; }

    /// <summary>
    /// False (the default, as in the Chat system): anyone signed in who has the id may join. True: only with an invite.
    /// </summary>
    public bool InviteOnly { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class ServerConfiguration : IEntityTypeConfiguration<Server>
{
    public void Configure(EntityTypeBuilder<Server> server)
    {
        server.HasKey(s => s.Id);
        server.Property(s => s.Name).HasMaxLength(Server.MaxNameLength);
        server.Property(s => s.Description).HasMaxLength(Server.MaxDescriptionLength);
        server.Property(s => s.IconFile).HasMaxLength(80).IsUnicode(false);
        server.Property(s => s.BannerFile).HasMaxLength(80).IsUnicode(false);
        server.HasOne<MeursUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
