using System.Text.Json;
using Jint;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// The real <c>wwwroot/js/listen-sync.js</c> running in the Jint interpreter, so the sync maths the browser runs is the
/// code under test. Arguments cross as JSON (numbers keep their exact value; no culture) and results come back as
/// <see cref="JsonElement"/>; the script is plain ES2020 with no DOM and no clock, so nothing else is needed.
/// </summary>
public sealed class SyncScript
{
    private static readonly string Source = File("listen-sync.js");
    private readonly Engine engine = new(options => options.Strict());
    private int next;

    /// <summary>Loads the script: its global <c>MeursListenSync</c> is then defined.</summary>
    public SyncScript() => engine.Execute(Source);

    /// <summary>Creates <c>new MeursListenSync.&lt;type&gt;(options)</c> in a fresh global variable; returns the variable's name.</summary>
    public string New(string type, object? options = null)
    {
        var name = "o" + next++;
        engine.Execute($"var {name} = new MeursListenSync.{type}({Json(options)});");
        return name;
    }

    /// <summary>Calls <c>target.method(args…)</c> (target: a variable from <see cref="New"/>, or <c>MeursListenSync</c>) and returns its result.</summary>
    public JsonElement Call(string target, string method, params object?[] args) =>
        Eval($"{target}.{method}({string.Join(", ", args.Select(Json))})");

    /// <summary>Evaluates an expression; its value comes back through JSON.stringify (undefined comes back as null).</summary>
    public JsonElement Eval(string expression)
    {
        var text = engine.Evaluate($"JSON.stringify(({expression}) ?? null)").AsString();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Runs further script: another file of wwwroot/js (<see cref="File"/>) or a test's fakes.</summary>
    public void Execute(string code) => engine.Execute(code);

    /// <summary>The text of a file of wwwroot/js.</summary>
    public static string File(string name) => System.IO.File.ReadAllText(Path.Combine(MeursFactory.RepoRoot, "wwwroot", "js", name));

    private static string Json(object? value) => value is null ? "undefined" : JsonSerializer.Serialize(value);
}
