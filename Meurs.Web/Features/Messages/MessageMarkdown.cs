using Markdig;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// The one markdown renderer of chat text (server channels and rooms): bold, italic, inline code, code blocks, links,
/// quotes and bare URLs as links; nothing else. Raw HTML is off (<c>&lt;script&gt;</c> is shown as text), headings,
/// lists, rules and images stay text, and a link whose scheme is not http, https or mailto is shown as its text only.
/// Links open in a new tab with <c>rel="noopener noreferrer nofollow ugc"</c>. Soft line breaks are kept, as people
/// type them.
/// </summary>
public static class MessageMarkdown
{
    /// <summary>What every link carries.</summary>
    public const string LinkRel = "noopener noreferrer nofollow ugc";

    private static readonly MarkdownPipeline Pipeline = Build();

    /// <summary>Safe HTML for <paramref name="markdown"/> (empty for null or blank).</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var inline in document.Descendants<Inline>().ToList())
        {
            switch (inline)
            {
                case LinkInline link:
                    Tame(link, link.Url);
                    break;
                case AutolinkInline autolink:
                    if (IsSafe(autolink.Url) && !autolink.IsEmail)
                    {
                        Decorate(autolink);
                    }
                    else if (!autolink.IsEmail)
                    {
                        autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    }
                    break;
            }
        }
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>True for the schemes a link may use: http, https and mailto (any case).</summary>
    public static bool IsSafe(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto);

    // An image becomes a plain link (nothing is loaded from elsewhere into the page); an unsafe link becomes its text.
    private static void Tame(LinkInline link, string? url)
    {
        link.IsImage = false;
        if (IsSafe(url))
        {
            Decorate(link);
            return;
        }
        var text = new ContainerInline();
        if (link.FirstChild is null)
        {
            text.AppendChild(new LiteralInline(url ?? ""));
        }
        while (link.FirstChild is { } child)
        {
            child.Remove();
            text.AppendChild(child);
        }
        link.ReplaceBy(text);
    }

    private static void Decorate(Inline link)
    {
        var attributes = link.GetAttributes();
        attributes.AddPropertyIfNotExist("rel", LinkRel);
        attributes.AddPropertyIfNotExist("target", "_blank");
    }

    private static MarkdownPipeline Build()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseAutoLinks()
            .UseSoftlineBreakAsHardlineBreak();
        builder.BlockParsers.RemoveAll(p => p is HeadingBlockParser or ThematicBreakParser or ListBlockParser);
        builder.BlockParsers.Find<ParagraphBlockParser>()!.ParseSetextHeadings = false;
        builder.InlineParsers.RemoveAll(p => p is HtmlEntityParser);
        return builder.Build();
    }
}
