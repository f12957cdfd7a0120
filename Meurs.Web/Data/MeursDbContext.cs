using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Library;
using Meurs.Web.Features.Rooms;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Data;

/// <summary>
/// The one database of Meurs: ASP.NET Core Identity's tables plus every feature's entities.
/// Each feature configures its own entities with an <see cref="IEntityTypeConfiguration{TEntity}"/> next to them.
/// </summary>
public sealed class MeursDbContext(DbContextOptions<MeursDbContext> options)
    : IdentityDbContext<MeursUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>Ad-hoc chat rooms.</summary>
    public DbSet<Room> Rooms => Set<Room>();

    /// <summary>Everything said or noticed in rooms, ordered per room by <see cref="RoomMessage.Seq"/>.</summary>
    public DbSet<RoomMessage> RoomMessages => Set<RoomMessage>();

    /// <summary>Who has joined which room.</summary>
    public DbSet<RoomMembership> RoomMemberships => Set<RoomMembership>();

    /// <summary>Files shared in rooms for a while.</summary>
    public DbSet<SharedFile> SharedFiles => Set<SharedFile>();

    /// <summary>Personal access tokens (bearer tokens of API clients); only their hashes.</summary>
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    /// <summary>The media library's index: one row per playable file, with its tags.</summary>
    public DbSet<LibraryEntry> LibraryEntries => Set<LibraryEntry>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MeursDbContext).Assembly);
    }
}
