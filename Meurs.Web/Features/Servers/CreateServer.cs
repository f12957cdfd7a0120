using Meurs.Web.Data;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Creates a server owned by its creator, as Discord does: the @everyone role (position 0,
/// <see cref="Permissions.EveryoneDefault"/>), the built-in Admin role (position 1, <see cref="Permissions.Administrator"/>)
/// given to the owner, a <c>general</c> text channel and a <c>General</c> voice channel (no category).
/// </summary>
public sealed class CreateServer(MeursDbContext db, ServerRateLimits limits)
{
    /// <summary>Creates the server. Bad input (empty or too long name or description, broken text) is 400; past the creator's hourly allowance (<see cref="ServerRateLimits"/>) 429.</summary>
    /// <param name="actorId">The creator, who becomes the owner.</param>
    /// <param name="name">1–<see cref="Server.MaxNameLength"/> characters, trimmed.</param>
    /// <param name="description">Up to <see cref="Server.MaxDescriptionLength"/> characters, or null for none.</param>
    /// <param name="inviteOnly">True when joining should need an invite.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<ServerResult<Server>> HandleAsync(Guid actorId, string? name, string? description, bool inviteOnly, CancellationToken cancellationToken)
    {
        var (cleanName, nameError) = ServerText.Name(name, "A server name", Server.MaxNameLength);
        var (cleanDescription, descriptionError) = ServerText.LongText(description, "A description", Server.MaxDescriptionLength);
        if ((nameError ?? descriptionError) is { } error)
        {
            return ServerRefusal.BadInput(error);
        }
        if (!limits.TryCreate(actorId))
        {
            return ServerRefusal.TooManyRequests("You have created many servers lately; try again later.");
        }
        var server = new Server { Name = cleanName!, Description = cleanDescription!, OwnerId = actorId, InviteOnly = inviteOnly };
        var everyone = new ServerRole { ServerId = server.Id, Name = ServerRole.EveryoneName, Position = 0, Permissions = Permissions.EveryoneDefault, IsEveryone = true };
        var admin = new ServerRole { ServerId = server.Id, Name = ServerRole.AdminName, Position = 1, Permissions = Permissions.Administrator, IsAdmin = true };
        db.Servers.Add(server);
        db.ServerRoles.AddRange(everyone, admin);
        db.ServerMembers.Add(new ServerMember { ServerId = server.Id, UserId = actorId });
        db.MemberRoles.Add(new MemberRole { ServerId = server.Id, UserId = actorId, RoleId = admin.Id });
        db.ServerChannels.AddRange(
            new ServerChannel { ServerId = server.Id, Name = "general", Type = ChannelType.Text, Position = 0 },
            new ServerChannel { ServerId = server.Id, Name = "General", Type = ChannelType.Voice, Position = 1 });
        await db.SaveChangesAsync(cancellationToken);
        return server;
    }
}
