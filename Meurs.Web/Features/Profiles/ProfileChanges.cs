namespace Meurs.Web.Features.Profiles;

/// <summary>What <see cref="UpdateProfile"/> changes; a null field is left as it is.</summary>
/// <param name="DisplayName">The new display name (empty: none, the username shows).</param>
/// <param name="About">The new about text (empty: none).</param>
/// <param name="CustomStatus">The new custom status (empty: none).</param>
/// <param name="DirectMessagesFromFriendsOnly">Whether only friends may start a direct conversation or write in one.</param>
public sealed record ProfileChanges(string? DisplayName = null, string? About = null, string? CustomStatus = null, bool? DirectMessagesFromFriendsOnly = null);
