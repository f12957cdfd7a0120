using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// How <see cref="UserUpdated"/> looks: for pages, the settings page's <see cref="ProfileSummary"/> (<c>#my-profile</c>)
/// in a hidden <c>[data-replace-by-id]</c> holder that the page script swaps in where the page shows it; for programs,
/// <c>{"type":"user.updated","data":{…user…}}</c>. Singleton.
/// </summary>
public sealed class UserUpdatedView(FragmentRenderer renderer) : IEventView<UserUpdated>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(UserUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var summary = await renderer.RenderAsync<ProfileSummary>(new Dictionary<string, object?>
        {
            [nameof(ProfileSummary.User)] = e.User,
        });
        return [HtmxSwap.Message($"<div hidden data-replace-by-id>{summary}</div>", "body", "beforeend")];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(UserUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("user.updated", e.User)];
    }
}
