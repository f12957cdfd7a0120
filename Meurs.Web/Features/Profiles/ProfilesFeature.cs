using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// People's profiles: display name, about, custom status, avatar (<see cref="AvatarStore"/>), the profile card and the
/// names that open it (<see cref="PersonName"/>, <see cref="PeopleDirectory"/>), the account settings that are not
/// the password's (username, log out everywhere, delete the account), and <c>/api/users</c> (<see cref="UsersApi"/>).
/// </summary>
internal static class ProfilesFeature
{
    /// <summary>Registers the options, the avatar store, the directory, the use cases and the <c>user.updated</c> view.</summary>
    public static WebApplicationBuilder AddProfiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProfilesOptions>()
            .BindConfiguration(ProfilesOptions.SectionName)
            .Validate(options => options.IsValid(), $"{ProfilesOptions.SectionName}: MaxAvatarBytes and MaxAvatarSourcePixels must be positive, AvatarSize 1 to 1024.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AvatarStore>();
        builder.Services.AddSingleton<PeopleDirectory>();
        builder.Services.AddScoped<ProfileNotifier>();
        builder.Services.AddScoped<UpdateProfile>();
        builder.Services.AddScoped<SetAvatar>();
        builder.Services.AddScoped<RemoveAvatar>();
        builder.Services.AddScoped<ChangeUsername>();
        builder.Services.AddScoped<DeleteAccount>();
        builder.Services.AddEventView<UserUpdated, UserUpdatedView>();
        builder.Services.AddEventView<PersonUpdated, PersonUpdatedView>();
        return builder;
    }

    /// <summary>Maps the card, the avatars, the settings forms and the users API.</summary>
    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder app)
    {
        app.MapProfilePages();
        app.MapUsersApi();
        return app;
    }
}
