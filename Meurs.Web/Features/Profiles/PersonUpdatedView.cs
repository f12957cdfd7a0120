using System.Globalization;
using System.Net;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// How <see cref="PersonUpdated"/> looks: for pages, a hidden <c>[data-person-update]</c> holder appended to the body with
/// the new name and the avatar drawn at each size (<see cref="Avatar"/>), which people.js puts into every
/// <see cref="PersonName"/> of that person on the page (and the open profile card's name) before removing it; for
/// programs, <c>{"type":"user.updated","data":{…public user…}}</c>, the shape of <c>GET /api/users/{id}</c>. Singleton.
/// </summary>
public sealed class PersonUpdatedView(FragmentRenderer renderer) : IEventView<PersonUpdated>
{
    private static readonly string[] Sizes = ["s", "m", "l"];

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(PersonUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var person = e.Person;
        var avatars = new List<string>();
        foreach (var size in Sizes)
        {
            var avatar = await renderer.RenderAsync<Avatar>(new Dictionary<string, object?>
            {
                [nameof(Avatar.UserId)] = person.Id,
                [nameof(Avatar.Name)] = person.Name,
                [nameof(Avatar.File)] = person.Avatar,
                [nameof(Avatar.Size)] = size,
            });
            avatars.Add($"<span data-avatar-size=\"{size}\">{avatar}</span>");
        }
        var html = $"""<div hidden data-person-update data-user-id="{person.Id.ToString("N", CultureInfo.InvariantCulture)}" data-name="{WebUtility.HtmlEncode(person.Name)}" data-username="{WebUtility.HtmlEncode(person.UserName)}">{string.Concat(avatars)}</div>""";
        return [HtmxSwap.Message(html, "body", "beforeend")];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(PersonUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("user.updated", e.User)];
    }
}
