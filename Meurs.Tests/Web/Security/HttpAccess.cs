using System.Net.Http.Headers;
using System.Text;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Security;

/// <summary>
/// One row of the <see cref="AccessMatrix"/>: a route (its pattern exactly as the app maps it), the request made, and the
/// expected answer for each <see cref="AccessRole"/>. <paramref name="SignsOut"/>: the request ends the person's session
/// or token, so they are replaced after it. <paramref name="Middleware"/>: served by middleware under a prefix rather
/// than by an endpoint, so it is not among the app's endpoints.
/// </summary>
public sealed record HttpAccess(string Method, string Route, Send Request, string Anonymous, string NonMember, string Member, string OwnerOrAdmin, bool SignsOut = false, bool Middleware = false)
{
    /// <summary>The route's key as the endpoint list names it: method ("*" for any) and pattern.</summary>
    public string Key => $"{Method} {Route}";

    public string Expected(AccessRole role) => role switch
    {
        AccessRole.Anonymous => Anonymous,
        AccessRole.NonMember => NonMember,
        AccessRole.Member => Member,
        _ => OwnerOrAdmin,
    };

    /// <summary>The method the check uses: GET for a route that takes any.</summary>
    public string RequestMethod => Method == "*" ? "GET" : Method;

    /// <summary>True for the JSON API, called as a program does (bearer token, no cookies).</summary>
    public bool IsApi => Route.StartsWith("/api/", StringComparison.Ordinal);
}

/// <summary>What a row sends besides the method and path.</summary>
public sealed record Send(string Name, Func<SendContext, Task<HttpContent?>> Content, bool AsHtmx = false)
{
    private IReadOnlyList<(string Name, string Value)>? formFields;
    private string? jsonText;

    /// <summary>
    /// This request with each form field's value, or its JSON body's text, passed through <paramref name="fill"/> (a
    /// check's ids put in place of {placeholders}).
    /// </summary>
    public Send Filled(Func<string, string> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (jsonText is { } json)
        {
            var filled = fill(json);
            return new("json " + filled, _ => Task.FromResult<HttpContent?>(new StringContent(filled, Encoding.UTF8, "application/json"))) { jsonText = filled };
        }
        return formFields is null ? this : Form([.. formFields.Select(f => (f.Name, fill(f.Value)))]);
    }

    /// <summary>A form's own fields (without its antiforgery token), or null when this is not a form.</summary>
    public IReadOnlyList<(string Name, string Value)>? FormFields => formFields;

    public static Send Nothing { get; } = new("nothing", _ => Task.FromResult<HttpContent?>(null));

    /// <summary>A GET as htmx makes it (HX-Request), for routes that serve a fragment to htmx.</summary>
    public static Send Htmx { get; } = new("htmx", _ => Task.FromResult<HttpContent?>(null), AsHtmx: true);

    /// <summary>A url-encoded form with these fields and the antiforgery token of the person's session.</summary>
    public static Send Form(params (string Name, string Value)[] fields) => new("form", async c =>
    {
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        all.Add(new("__RequestVerificationToken", await c.TokenAsync()));
        return new FormUrlEncodedContent(all);
    })
    { formFields = fields };

    /// <summary>A multipart upload of a small PNG named <c>upload.png</c> (part <c>file</c>); a browser's carries its antiforgery token in a header.</summary>
    public static Send Upload { get; } = new("upload", async c =>
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", "upload.png");
        if (!c.IsApi)
        {
            c.Headers["RequestVerificationToken"] = await c.TokenAsync();
        }
        return content;
    });

    /// <summary><paramref name="value"/> as a JSON body.</summary>
    public static Send JsonBody(object value) => new("json " + System.Text.Json.JsonSerializer.Serialize(value), _ => Json(value)) { jsonText = System.Text.Json.JsonSerializer.Serialize(value) };

    /// <summary>A multipart upload of a real 8×8 PNG named <c>icon.png</c> (part <c>file</c>); a browser's carries its antiforgery token in a header.</summary>
    public static Send Image { get; } = new("image", async c =>
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png(8, 8));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", "icon.png");
        if (!c.IsApi)
        {
            c.Headers["RequestVerificationToken"] = await c.TokenAsync();
        }
        return content;
    });

    /// <summary><c>{"username","password"}</c> of a new, unused name.</summary>
    public static Send NewAccount { get; } = new("new account", _ => Json(new { username = "new" + Guid.NewGuid().ToString("N")[..10], password = TestBrowser.DefaultPassword }));

    /// <summary><c>{"username","password"}</c> of the person asking (anonymous: a name that does not exist).</summary>
    public static Send OwnLogin { get; } = new("own login", c => Json(new { username = c.Role == AccessRole.Anonymous ? "nobody" + Guid.NewGuid().ToString("N")[..8] : c.Browser.UserName, password = TestBrowser.DefaultPassword }));

    private static Task<HttpContent?> Json(object value) =>
        Task.FromResult<HttpContent?>(new StringContent(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json"));

    public override string ToString() => Name;
}

/// <summary>What a <see cref="Send"/> may use: who is asking, their browser, and headers to add.</summary>
public sealed record SendContext(AccessRole Role, TestBrowser Browser, bool IsApi)
{
    /// <summary>The antiforgery token of this person's session, from a page with a form (the login form when signed out).</summary>
    public Task<string> TokenAsync() => Browser.TokenFromAsync(Role == AccessRole.Anonymous ? "/login" : "/about");

    public Dictionary<string, string> Headers { get; } = [];
}
