using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Friends;

/// <summary>Reads of people for the friends use cases.</summary>
internal static class FriendPeople
{
    /// <summary>The person <paramref name="userId"/> (who exists: the caller knows).</summary>
    public static async Task<FriendPerson> FindAsync(MeursDbContext db, Guid userId, CancellationToken cancellationToken) =>
        await TryFindAsync(db, userId, cancellationToken) ?? new FriendPerson(userId, "", null);

    /// <summary>The person <paramref name="userId"/>, or null when there is no such account.</summary>
    public static Task<FriendPerson?> TryFindAsync(MeursDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new FriendPerson(u.Id, u.UserName ?? "", u.DisplayName)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The pending request <paramref name="requestId"/> with both people, or null.</summary>
    public static async Task<FriendRequestInfo?> RequestAsync(MeursDbContext db, Guid requestId, CancellationToken cancellationToken) =>
        (await ListFriendRequests.Query(db, db.FriendRequests.Where(r => r.Id == requestId), cancellationToken)).FirstOrDefault();
}

/// <summary>Checks of text typed by people.</summary>
internal static class FriendText
{
    /// <summary>False when <paramref name="text"/> holds an unpaired surrogate (not text).</summary>
    public static bool IsValidUnicode(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
