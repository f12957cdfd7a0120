using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Friends;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// After a profile change is saved: name displays forget the old one (<see cref="PeopleDirectory"/>), the person's own
/// channel gets <see cref="UserUpdated"/>, and the channels of everyone who sees them (friends and people sharing a
/// server, <see cref="Relationships.AcquaintancesOfAsync"/>) get <see cref="PersonUpdated"/>. Called by every profile
/// use case. Scoped.
/// </summary>
public sealed class ProfileNotifier(PeopleDirectory directory, RealtimeHub hub, Meurs.Web.Features.Presence.UserPresence presence, Relationships relationships)
{
    /// <summary>Tells that <paramref name="user"/>'s profile changed.</summary>
    public async Task ChangedAsync(MeursUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        directory.Forget(user.Id);
        var person = Person.Of(user);
        await hub.PublishAsync(ChannelId.User(user.Id), new UserUpdated(UserJson.Own(user, presence.OwnStatusOf(user.Id)), person));
        var others = new PersonUpdated(person, UserJson.Of(user, presence.StatusOf(user.Id)));
        foreach (var id in await relationships.AcquaintancesOfAsync(user.Id, CancellationToken.None))
        {
            await hub.PublishAsync(ChannelId.User(id), others);
        }
    }
}
