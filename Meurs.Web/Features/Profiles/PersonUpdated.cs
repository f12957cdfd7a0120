using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// Someone else's name or avatar changed: published on the <see cref="ChannelKind.User"/> channel of each person who sees
/// them (their friends and everyone sharing a server with them, as for their status), so names and avatars on those
/// people's open pages change at once. The person's own pages hear <see cref="UserUpdated"/> instead.
/// </summary>
/// <param name="Person">What name displays show now.</param>
/// <param name="User">The public profile (<see cref="UserJson.Of"/>), for programs.</param>
public sealed record PersonUpdated(Person Person, UserDto User) : RealtimeEvent;
