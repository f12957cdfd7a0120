using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Security;

/// <summary>
/// Makes one access-matrix request as one person and sums up the answer: the status, and for a redirect "→" and the
/// target path (query left out, passed through <c>shorten</c> so ids do not show). Browsers' requests carry the person's
/// cookies (and the row's antiforgery token); <c>/api/…</c> requests are a program's: a bearer token, no cookies.
/// Shared by the rooms table (<see cref="AccessMatrix"/>) and the communities table (<see cref="CommunityAccessMatrix"/>).
/// </summary>
public static class HttpAccessRunner
{
    public static async Task<string> AnswerAsync(AccessScene scene, HttpAccess row, AccessRole role, string path, Func<string, string> shorten)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(shorten);
        var context = new SendContext(role, scene.Browser(role), row.IsApi);
        using var request = new HttpRequestMessage(new HttpMethod(row.RequestMethod), new Uri(path, UriKind.Relative))
        {
            Content = await row.Request.Content(context),
        };
        foreach (var (name, value) in context.Headers)
        {
            request.Headers.Add(name, value);
        }
        if (row.Request.AsHtmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        HttpResponseMessage response;
        if (row.IsApi)
        {
            using var api = scene.Factory.CreateDefaultClient(MeursFactory.BaseAddress);
            if (scene.Token(role) is { } token)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
            response = await api.SendAsync(request);
        }
        else
        {
            response = await scene.Browser(role).Client.SendAsync(request);
        }
        using (response)
        {
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (response.Headers.Location is not { } location)
            {
                return status;
            }
            var target = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
            return $"{status}→{shorten(target)}";
        }
    }
}
