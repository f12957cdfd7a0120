using Meurs.Web.Features.Messages;

namespace Meurs.Tests.Web.Messages;

/// <summary>The one markdown renderer of chat text: the subset it renders, and what it must never let through.</summary>
public sealed class MessageMarkdownTests
{
    [Theory]
    [InlineData("**bold**", "<strong>bold</strong>")]
    [InlineData("*italic*", "<em>italic</em>")]
    [InlineData("_italic_", "<em>italic</em>")]
    [InlineData("`x < y`", "<code>x &lt; y</code>")]
    [InlineData("```\nvar a = 1;\n```", "<pre><code>var a = 1;\n</code></pre>")]
    [InlineData("> quoted", "<blockquote>")]
    public void ToHtml_Subset_IsRendered(string markdown, string expected) =>
        Assert.Contains(expected, MessageMarkdown.ToHtml(markdown), StringComparison.Ordinal);

    [Fact]
    public void ToHtml_Link_OpensInNewTabWithUgcRel()
    {
        var html = MessageMarkdown.ToHtml("[site](https://example.org/a)");
        Assert.Contains("href=\"https://example.org/a\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow ugc\"", html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("see https://example.org/x?y=1 now", "href=\"https://example.org/x?y=1\"")]
    [InlineData("see www.example.org now", "href=\"http://www.example.org\"")]
    [InlineData("<https://example.org>", "href=\"https://example.org\"")]
    public void ToHtml_BareUrl_BecomesLink(string markdown, string expected)
    {
        var html = MessageMarkdown.ToHtml(markdown);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow ugc\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# Heading", "<h1")]
    [InlineData("- item", "<li")]
    [InlineData("1. item", "<ol")]
    [InlineData("---", "<hr")]
    [InlineData("Title\n=====", "<h1")]
    [InlineData("![alt](https://example.org/a.png)", "<img")]
    public void ToHtml_OutsideTheSubset_StaysText(string markdown, string forbidden) =>
        Assert.DoesNotContain(forbidden, MessageMarkdown.ToHtml(markdown), StringComparison.OrdinalIgnoreCase);

    // Each must come out with no element, attribute or URL that could run script or load anything.
    public static TheoryData<string> Xss => new()
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "[x](https://a.example\" onmouseover=\"alert(1))",
        "**<svg onload=alert(1)>**",
        "`<script>`",
        "<iframe src=https://evil.example></iframe>",
        "<style>body{display:none}</style>",
        "[x](file:///etc/passwd)",
        "\"><script>alert(1)</script>",
        "<<script>script>alert(1)<</script>/script>",
    };

    [Theory]
    [MemberData(nameof(Xss))]
    public void ToHtml_XssCorpus_OnlyAllowedTagsAndSafeLinks(string markdown)
    {
        var html = MessageMarkdown.ToHtml(markdown);
        string[] allowedTags = ["p", "strong", "em", "code", "pre", "blockquote", "a", "br"];
        string[] allowedAttributes = ["href", "rel", "target"];
        foreach (System.Text.RegularExpressions.Match tag in System.Text.RegularExpressions.Regex.Matches(html, "<(/?)([^\\s>/]+)([^>]*)>"))
        {
            Assert.True(allowedTags.Contains(tag.Groups[2].Value), $"tag <{tag.Groups[2].Value}> in {html}");
            foreach (System.Text.RegularExpressions.Match attribute in System.Text.RegularExpressions.Regex.Matches(tag.Groups[3].Value, "([^\\s=]+)=\"([^\"]*)\""))
            {
                Assert.True(allowedAttributes.Contains(attribute.Groups[1].Value), $"attribute {attribute.Groups[1].Value} in {html}");
                if (attribute.Groups[1].Value == "href")
                {
                    Assert.True(MessageMarkdown.IsSafe(System.Net.WebUtility.HtmlDecode(attribute.Groups[2].Value)), $"unsafe href in {html}");
                }
            }
            Assert.Matches("^(\\s+[^\\s=]+=\"[^\"]*\")*\\s*/?$", tag.Groups[3].Value);
        }
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToHtml_UnsafeLink_KeepsItsText()
    {
        var html = MessageMarkdown.ToHtml("[click me](javascript:alert(1))");
        Assert.Contains("click me", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_NewLine_IsKept() => Assert.Contains("<br", MessageMarkdown.ToHtml("one\ntwo"), StringComparison.Ordinal);
}
