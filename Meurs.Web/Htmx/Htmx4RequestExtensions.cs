namespace Meurs.Web.Htmx;

/// <summary>
/// What htmx 4 changed in its request headers, beside Htmx.Net (the <c>Htmx</c> package, written for htmx 1 and 2),
/// whose <c>IsHtmx()</c>, <c>IsHtmxBoosted()</c> and <c>Response.Htmx(…)</c> cover everything else.
/// htmx 4 reference, "Request Headers": <c>HX-Source</c> replaces the <c>HX-Trigger</c> request header,
/// <c>HX-Target</c> is <c>tag#id</c>, and <c>HX-Request-Type</c> is new.
/// </summary>
public static class Htmx4RequestExtensions
{
    /// <summary>Request header: the element that made the request, as <c>tag#id</c> (htmx 4; htmx 2 sent <c>HX-Trigger</c>).</summary>
    public const string SourceHeader = "HX-Source";

    /// <summary>Request header: the element the response will be swapped into, as <c>tag#id</c> (htmx 4; htmx 2 sent the bare id).</summary>
    public const string TargetHeader = "HX-Target";

    /// <summary>
    /// Request header: <c>full</c> when the response replaces the whole body (a boosted navigation, or a request with
    /// <c>hx-select</c>), <c>partial</c> otherwise (htmx 4).
    /// </summary>
    public const string RequestTypeHeader = "HX-Request-Type";

    /// <summary>The element that made the request (<c>HX-Source</c>), or null when the header is absent or unreadable.</summary>
    public static HtmxElement? HtmxSource(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HtmxElement.Parse(request.Headers[SourceHeader]);
    }

    /// <summary>The element the response goes into (<c>HX-Target</c>, htmx 4 form), or null when absent or unreadable.</summary>
    public static HtmxElement? HtmxTarget(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HtmxElement.Parse(request.Headers[TargetHeader]);
    }

    /// <summary>
    /// True for an htmx request that wants a fragment: <c>HX-Request: true</c> and an <c>HX-Request-Type</c> other than
    /// <c>full</c>. A boosted navigation (<c>full</c>) swaps the whole body and so must get the whole page, as a request
    /// without htmx does, and so does a history restore. A URL that answers either way must send <c>Vary: HX-Request</c>.
    /// </summary>
    public static bool IsHtmxPartial(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers["HX-Request"] == "true"
            && !string.Equals(request.Headers[RequestTypeHeader], "full", StringComparison.OrdinalIgnoreCase)
            && request.Headers["HX-History-Restore-Request"] != "true";
    }
}
