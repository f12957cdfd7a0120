using System.Net;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Servers;

/// <summary>What the server page tests do through the real pages and forms: create and join servers, post the page forms (plain or as htmx).</summary>
internal static partial class PagesScene
{
    /// <summary>Creates a server through the /communities form; returns its id ("N" format) from the redirect.</summary>
    public static async Task<string> CreateServerAsync(this TestBrowser browser, string name, bool inviteOnly = false)
    {
        List<KeyValuePair<string, string>> fields = [new("_handler", "create-server"), new("New.Name", name)];
        if (inviteOnly)
        {
            fields.Add(new("New.InviteOnly", "true"));
        }
        var (response, html) = await browser.PostFormAsync("/communities", fields, "/communities");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"create-server answered {(int)response.StatusCode}: {TestBrowser.Errors(html)}");
        var match = ServerLocation().Match(response.Headers.Location!.ToString());
        Assert.True(match.Success, "unexpected redirect " + response.Headers.Location);
        return match.Groups[1].Value;
    }

    /// <summary>Joins through the /communities "Join a server" form with an id, a code or a link.</summary>
    public static Task<(HttpResponseMessage Response, string Html)> JoinByFormAsync(this TestBrowser browser, string target) =>
        browser.PostFormAsync("/communities", [new("_handler", "join-server"), new("JoinInput.Target", target)], "/communities");

    /// <summary>Posts a page form; with <paramref name="htmx"/> as htmx sends it; without a token when <paramref name="token"/> is false.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> PostPageAsync(this TestBrowser browser, string action, IEnumerable<KeyValuePair<string, string>> fields, bool htmx = false, bool token = true)
    {
        var all = fields.ToList();
        if (token)
        {
            all.Add(new("__RequestVerificationToken", await browser.TokenFromAsync("/communities")));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action, UriKind.Relative)) { Content = new FormUrlEncodedContent(all) };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        var response = await browser.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The ids ("N") of the channels in a page's channel list, in order.</summary>
    public static IReadOnlyList<string> ChannelIds(string html) => [.. ChannelItem().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("^/servers/([0-9a-f]{32})$")]
    private static partial Regex ServerLocation();

    [GeneratedRegex("<li id=\"ch-([0-9a-f]{32})\"")]
    private static partial Regex ChannelItem();
}
