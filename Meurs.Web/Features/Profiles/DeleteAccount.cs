using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Listening;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// A person deletes their account, confirmed with their password. As on Discord, someone who owns servers must delete
/// them first (refused with their names; servers cannot be handed over yet). Then: their messages in server channels
/// and rooms stay, shown as from <see cref="DeletedUserName"/> (the author column is set to null by the database and
/// the kept name is replaced); their open rooms are closed and the rooms go with their shared files, as do files they
/// shared elsewhere; listening sessions they host end and go; friendships, requests, blocks, memberships, reactions,
/// tokens and every other row of theirs go by the database's cascades; their avatar file goes unless someone else
/// uses the same picture; their sockets close. Every foreign key to the account is cascade or set-null except a
/// server's owner (restrict), which the refusal above covers.
/// </summary>
public sealed class DeleteAccount(
    MeursDbContext db,
    UserManager<MeursUser> users,
    AvatarStore avatars,
    PeopleDirectory directory,
    CloseRoom closeRoom,
    ShareFile share,
    EndSession endSession,
    SocketSessions sockets,
    ILogger<DeleteAccount> logger)
{
    /// <summary>How a deleted person's messages are signed.</summary>
    public const string DeletedUserName = "Deleted user";

    /// <summary>
    /// Deletes <paramref name="userId"/>'s account when <paramref name="password"/> is theirs; 400 no password, 403 a
    /// wrong password (it counts towards lockout) or servers still owned, 404 no such account.
    /// </summary>
    public async Task<ProfileResult<string>> HandleAsync(Guid userId, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password))
        {
            return new ProfileRefusal(ProfileStatus.BadInput, "Enter your password to confirm.");
        }
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return new ProfileRefusal(ProfileStatus.NotFound, "The account no longer exists.");
        }
        if (password.Length > AccountRules.PasswordMaxLength || !await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return new ProfileRefusal(ProfileStatus.Forbidden, "The password is wrong.");
        }
        var servers = await db.Servers.Where(s => s.OwnerId == userId).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);
        if (servers.Count > 0)
        {
            return new ProfileRefusal(ProfileStatus.Forbidden,
                $"You own {(servers.Count == 1 ? "a server" : "servers")}: {string.Join(", ", servers)}. Delete {(servers.Count == 1 ? "it" : "them")} first.");
        }
        var name = user.UserName ?? "";
        await EndWhatTheyRunAsync(userId, name, cancellationToken);
        await db.Messages.Where(m => m.AuthorId == userId).ExecuteUpdateAsync(m => m.SetProperty(x => x.AuthorName, DeletedUserName), cancellationToken);
        await db.RoomMessages.Where(m => m.AuthorId == userId).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.AuthorName, DeletedUserName)
            .SetProperty(x => x.AuthorId, (Guid?)null), cancellationToken);
        var avatar = user.Avatar;
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException("Deleting the account failed: " + string.Join("; ", deleted.Errors.Select(e => e.Description)));
        }
        directory.Forget(userId);
        await avatars.DeleteIfUnusedAsync(db, avatar, cancellationToken);
        await sockets.EndRevokedAsync(userId, cancellationToken);
        return name;
    }

    // Live things they own end the way their owner would end them (everyone there is told), before the rows go.
    private async Task EndWhatTheyRunAsync(Guid userId, string name, CancellationToken cancellationToken)
    {
        foreach (var roomId in await db.Rooms.Where(r => r.OwnerId == userId && r.ClosedAt == null).Select(r => r.Id).ToListAsync(cancellationToken))
        {
            await closeRoom.HandleAsync(roomId, userId, cancellationToken);
        }
        foreach (var sessionId in await db.ListenSessions.Where(s => s.HostId == userId && s.EndedAt == null).Select(s => s.Id).ToListAsync(cancellationToken))
        {
            await endSession.HandleAsync(new ChannelUser(userId, name), sessionId, cancellationToken);
        }
        // Files they shared in other people's rooms, and whatever is left in their own closed rooms: rows, then bytes.
        var files = await db.SharedFiles.Where(f => f.UploaderId == userId || db.Rooms.Any(r => r.Id == f.RoomId && r.OwnerId == userId))
            .Select(f => f.Id).ToListAsync(cancellationToken);
        await db.SharedFiles.Where(f => files.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var id in files)
        {
            try
            {
                File.Delete(Path.Combine(share.UploadsPath, id.ToString("N")));
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Deleting shared file {FileId} of a deleted account failed; the sweep job will retry", id);
            }
        }
    }
}
