using System.Globalization;
using System.Net;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Presence;

/// <summary>
/// How <see cref="UserStatusChanged"/> looks: for pages, a hidden <c>[data-presence-update]</c> holder appended to the body,
/// which presence.js applies to every element showing that person (<c>[data-presence-of]</c>: dots, friend rows, member
/// lists) and then removes; for programs, the Chat system's <c>{"type":"user.status_changed","data":{user_id, username,
/// status}}</c>. Singleton.
/// </summary>
public sealed class UserStatusChangedView : IEventView<UserStatusChanged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(UserStatusChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var id = e.UserId.ToString("N", CultureInfo.InvariantCulture);
        var html = $"""<div hidden data-presence-update data-user-id="{id}" data-status="{WebUtility.HtmlEncode(e.Status)}" data-label="{WebUtility.HtmlEncode(UserStatus.Label(e.Status))}"></div>""";
        return Task.FromResult<IReadOnlyList<string>>([HtmxSwap.Message(html, "body", "beforeend")]);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(UserStatusChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("user.status_changed", new { UserId = e.UserId, Username = e.UserName, e.Status })];
    }
}
