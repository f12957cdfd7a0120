using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// After a profile change is saved: name displays forget the old one (<see cref="PeopleDirectory"/>) and the person's
/// own channel gets <see cref="UserUpdated"/>. Called by every profile use case. Scoped.
/// </summary>
public sealed class ProfileNotifier(PeopleDirectory directory, RealtimeHub hub, Meurs.Web.Features.Presence.UserPresence presence)
{
    /// <summary>Tells that <paramref name="user"/>'s profile changed.</summary>
    public async Task ChangedAsync(MeursUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        directory.Forget(user.Id);
        await hub.PublishAsync(ChannelId.User(user.Id), new UserUpdated(UserJson.Own(user, presence.OwnStatusOf(user.Id)), Person.Of(user)));
    }
}
