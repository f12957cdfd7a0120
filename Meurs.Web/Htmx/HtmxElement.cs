namespace Meurs.Web.Htmx;

/// <summary>
/// An element as htmx 4 names it in the <c>HX-Source</c> and <c>HX-Target</c> request headers: its tag name in lower
/// case, then <c>#</c> and its id (URI-encoded) when it has one, e.g. <c>button#send</c> or <c>form</c>. htmx 2 sent a
/// bare id in <c>HX-Target</c> and the trigger's id in <c>HX-Trigger</c>; Htmx.Net 1.12 reads those older forms.
/// </summary>
/// <param name="Tag">The tag name, lower case (<c>button</c>).</param>
/// <param name="Id">The element's id, decoded, or null when it has none.</param>
public sealed record HtmxElement(string Tag, string? Id)
{
    /// <summary>
    /// Reads a header value of the form <c>tag</c> or <c>tag#id</c>; null for an absent or empty value, or one with an
    /// empty tag (<c>#send</c>, htmx 2's form), which htmx 4 never sends.
    /// </summary>
    public static HtmxElement? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash == 0)
        {
            return null;
        }
        return hash < 0
            ? new HtmxElement(text.ToLowerInvariant(), null)
            : new HtmxElement(text[..hash].ToLowerInvariant(), hash == text.Length - 1 ? null : Uri.UnescapeDataString(text[(hash + 1)..]));
    }

    /// <summary>The header form: <c>tag</c> or <c>tag#id</c> with the id URI-encoded, as htmx 4 writes it.</summary>
    public override string ToString() => Id is null ? Tag : $"{Tag}#{Uri.EscapeDataString(Id)}";
}
