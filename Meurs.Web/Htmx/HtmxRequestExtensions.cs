namespace Meurs.Web.Htmx;

/// <summary>Recognising htmx requests, so one URL can answer a full page or a fragment.</summary>
public static class HtmxRequestExtensions
{
    /// <summary>True when htmx made the request (<c>HX-Request: true</c>).</summary>
    public static bool IsHtmx(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[HtmxHeaders.Request] == "true";
    }
}
