namespace Meurs.Web.Htmx;

/// <summary>The htmx request and response header names (htmx 4 reference, "Request Headers" / "Response Headers").</summary>
public static class HtmxHeaders
{
    /// <summary>Sent by htmx on every request it makes: <c>HX-Request: true</c>.</summary>
    public const string Request = "HX-Request";

    /// <summary>Response header: htmx performs a full-page navigation to this URL instead of swapping.</summary>
    public const string Redirect = "HX-Redirect";

    /// <summary>Response header: htmx fires these events on the requesting element (JSON or comma-separated names).</summary>
    public const string Trigger = "HX-Trigger";

    /// <summary>Response header: a CSS selector that replaces the request's <c>hx-target</c>.</summary>
    public const string Retarget = "HX-Retarget";
}
