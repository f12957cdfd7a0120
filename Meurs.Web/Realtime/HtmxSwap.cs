using System.Text.Json;

namespace Meurs.Web.Realtime;

/// <summary>
/// The message htmx 4's hx-ws extension swaps on arrival: <c>{"content": html, "target": css selector, "swap": style}</c>
/// (hx-ws.js <c>handleMessage</c>). JSON-protocol clients get their own envelopes instead.
/// </summary>
public static class HtmxSwap
{
    /// <summary>Serializes one swap. <paramref name="swap"/> is an htmx swap style such as <c>beforeend</c>, <c>outerHTML</c>, <c>innerHTML</c>.</summary>
    public static string Message(string html, string target, string swap) =>
        JsonSerializer.Serialize(new { content = html, target, swap });
}
