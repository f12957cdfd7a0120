using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Meurs.Web.Realtime;

/// <summary>
/// Renders a Razor component to an HTML string for a WebSocket push, so a pushed message is the same markup the page
/// renders. Components rendered here must not need the HTTP request (no antiforgery, no <c>HttpContext</c>).
/// </summary>
public sealed class FragmentRenderer(HtmlRenderer renderer)
{
    /// <summary>Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/> (parameter name to value).</summary>
    public Task<string> RenderAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters) where TComponent : IComponent =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return output.ToHtmlString();
        });
}
