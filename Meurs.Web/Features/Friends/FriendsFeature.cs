namespace Meurs.Web.Features.Friends;

/// <summary>
/// Friends and blocking: requests by username (accept, decline, cancel), friendships, blocks, and
/// <see cref="Relationships"/>, the one place other features ask how two people stand.
/// </summary>
internal static class FriendsFeature
{
    /// <summary>Registers the relationship reads.</summary>
    public static WebApplicationBuilder AddFriends(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Relationships>();
        return builder;
    }
}
