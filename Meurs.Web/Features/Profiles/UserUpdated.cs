using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// A person changed their profile (names, avatar, about, custom status, settings). Published on their own
/// <see cref="ChannelKind.User"/> channel, so every page of theirs (the layout's <c>/ws/me</c>) and their programs
/// (<c>/api/ws/me</c>) learn it. Presence is not part of it.
/// </summary>
/// <param name="User">The profile as the person sees it (<see cref="UserJson.Own"/>).</param>
/// <param name="Person">What name displays show.</param>
public sealed record UserUpdated(UserDto User, Person Person) : RealtimeEvent;
