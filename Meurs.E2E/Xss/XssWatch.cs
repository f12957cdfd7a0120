using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Meurs.E2E.Xss;

/// <summary>
/// Watches one browser context for script that should never run: any dialog (alert, confirm, prompt, print's
/// beforeprint is not one, so payloads use the first three or set <c>window.__xss</c>), Content-Security-Policy
/// violations (the <c>securitypolicyviolation</c> event, recorded by a script Playwright injects outside the page's CSP,
/// and the console's "Refused to…" errors), and page errors. <see cref="AssertCleanAsync"/> also looks for injected
/// markup in the page: elements with an id starting with "xss", event-handler or hx-on attributes, and URLs with
/// script schemes, none of which Meurs itself renders.
/// </summary>
public sealed class XssWatch
{
    private const string Recorder = """
        (() => {
          const report = { csp: [] };
          Object.defineProperty(window, "__xssReport", { value: report });
          document.addEventListener("securitypolicyviolation", (e) => {
            report.csp.push(e.violatedDirective + " blocked " + e.blockedURI + " " + (e.sample || ""));
          }, true);
        })();
        """;

    // Everything suspicious in the document, as short outerHTML excerpts.
    private const string Inspect = """
        () => {
          const found = [];
          const bad = /^\s*(javascript|vbscript|data|livescript|mocha|blob):/i;
          for (const el of document.querySelectorAll("*")) {
            const attrs = [...el.attributes];
            const reason =
              (el.id && el.id.toLowerCase().startsWith("xss")) ? "id" :
              attrs.some((a) => /^(on|hx-on|data-hx-on|_$|x-init|v-html|ng-)/i.test(a.name)) ? "handler attribute" :
              attrs.some((a) => /^(href|src|action|formaction|data|xlink:href|poster|background)$/i.test(a.name) && bad.test(a.value)
                && !(el.tagName === "A" && a.value.startsWith("blob:") && el.hasAttribute("download"))) ? "script URL" :
              /^(xss|custom-tag|math|iframe|object|embed|portal|fencedframe|frameset|marquee|style)$/i.test(el.tagName) ? "tag" :
              (el.tagName === "SCRIPT" && !el.src) ? "inline script" :
              (el.tagName === "META" && el.httpEquiv) ? "meta" :
              (el.tagName === "BASE" && el.getAttribute("href") !== "/") ? "base" : null;
            if (reason) found.push(reason + ": " + el.outerHTML.slice(0, 160));
          }
          return JSON.stringify({
            marker: typeof window.__xss !== "undefined" || typeof top.__xss !== "undefined",
            csp: (window.__xssReport || { csp: [] }).csp,
            found,
          });
        }
        """;

    private readonly ConcurrentQueue<string> events = new();

    private XssWatch()
    {
    }

    /// <summary>What was seen so far: dialogs, console "Refused to…" errors and page errors.</summary>
    public IReadOnlyCollection<string> Events => events;

    /// <summary>Starts watching <paramref name="person"/>'s context (its current page and every page it opens later).</summary>
    public static async Task<XssWatch> AttachAsync(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var watch = new XssWatch();
        var context = person.Page.Context;
        await context.AddInitScriptAsync(Recorder);
        watch.Watch(person.Page);
        context.Page += (_, page) => watch.Watch(page);
        // The current page was loaded before the recorder existed: reload it so it runs there too.
        if (person.Page.Url != "about:blank")
        {
            await person.Page.ReloadAsync();
        }
        return watch;
    }

    private void Watch(IPage page)
    {
        page.Dialog += async (_, dialog) =>
        {
            events.Enqueue($"dialog {dialog.Type}: {dialog.Message} on {page.Url}");
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.StartsWith("Refused to", StringComparison.Ordinal)))
            {
                events.Enqueue("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => events.Enqueue("page error: " + error);
    }

    /// <summary>
    /// Fails when <paramref name="page"/> shows any sign of a payload having worked, or this context saw a dialog, a CSP
    /// violation or a page error. <paramref name="where"/> names the check in the message.
    /// </summary>
    public async Task AssertCleanAsync(IPage page, string where)
    {
        ArgumentNullException.ThrowIfNull(page);
        using var state = JsonDocument.Parse(await page.EvaluateAsync<string>(Inspect));
        var root = state.RootElement;
        var problems = new List<string>(events);
        if (root.GetProperty("marker").GetBoolean())
        {
            problems.Add("window.__xss was set");
        }
        problems.AddRange(root.GetProperty("csp").EnumerateArray().Select(e => "CSP violation: " + e.GetString()));
        problems.AddRange(root.GetProperty("found").EnumerateArray().Select(e => "injected " + e.GetString()));
        Assert.True(problems.Count == 0, $"{where}: {problems.Count} sign(s) of script injection:\n" + string.Join('\n', problems.Take(40)));
    }
}
