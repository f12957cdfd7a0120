using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Architecture;

/// <summary>
/// The house rules that keep the fabric the one way to do live features: every socket endpoint goes through the
/// <see cref="SocketPipeline"/>, and a feature folder never reaches into another feature's classes (effects across
/// features travel as events on the fabric).
/// </summary>
public sealed partial class ArchitectureTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    // What every feature may use of another: who people are (Accounts), whether they are around (Presence: their status
    // and its dot), and the job base and scheduler (Jobs); the jobs dashboard is guarded by the Admin policy. Anything
    // else crosses features through events.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["*"] = ["Accounts", "Jobs", "Presence"],
        // A status change reaches friends and people sharing a server: presence asks how people stand (issue 13).
        ["Presence"] = ["Friends"],
        ["Jobs"] = ["Admin"],
        // Messages live in servers' text channels: it reads the servers' entities and asks their channel policy (issue 11).
        // Typing is not shown to people in a block with the typist: it asks the friends' relationships (issue 13).
        ["Messages"] = ["Servers", "Friends"],
        // Listening sessions queue library tracks: it looks them up in the library's index, and its page searches it (issue 12).
        ["Listening"] = ["Library"],
        // Deleting an account closes the rooms and ends the listening sessions the person runs, as they would; a new name
        // or avatar reaches the people who see the person, whom the friends' relationships name, as for presence (issue 13).
        ["Profiles"] = ["Rooms", "Listening", "Friends"],
        // A conversation is a text channel with no server (issue 13): direct messages reuse the servers' channel and read
        // state, the messages' use cases and events, the friends' relationships, and the call attached to the conversation.
        ["DirectMessages"] = ["Servers", "Messages", "Friends", "Calls"],
    };

    // Pages compose other features' components (a room page hosts its call's panel); that is markup, not a call into a class.
    private static readonly string[] AllowedComponents = ["Calls.CallPanel", "Calls.VoiceRoster", "Messages.MarkdownText", "Messages.ImagePreview", "Messages.ChannelPane", "Messages.PinnedButton"];

    [Fact]
    public void SocketEndpoints_EveryWebSocketRoute_GoesThroughThePipeline()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/ws", StringComparison.Ordinal) || raw.StartsWith("/api/ws", StringComparison.Ordinal)))
            .ToList();

        Assert.True(endpoints.Count >= 4, "expected the room, comuni, voice and me sockets; found " + string.Join(", ", endpoints.Select(e => e.RoutePattern.RawText)));
        Assert.All(endpoints, e => Assert.True(e.Metadata.GetMetadata<SocketPipeline.PipelineEndpoint>() is not null, $"{e.RoutePattern.RawText} bypasses the socket pipeline"));
    }

    [Fact]
    public void Sources_OnlyThePipelineAcceptsSockets()
    {
        var offenders = Sources("Meurs.Web")
            .Where(f => !f.EndsWith(Path.Combine("Realtime", "SocketAcceptor.cs"), StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("AcceptWebSocketAsync", StringComparison.Ordinal) || text.Contains("new SocketConnection(", StringComparison.Ordinal)))
            .ToList();
        var acceptorUsers = Sources("Meurs.Web")
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Realtime" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("SocketAcceptor", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
        Assert.Empty(acceptorUsers);
    }

    [Fact]
    public void Features_NeverUseAnotherFeaturesClasses()
    {
        var features = Path.Combine(Root(), "Meurs.Web", "Features");
        var violations = new List<string>();
        foreach (var folder in Directory.GetDirectories(features))
        {
            var feature = Path.GetFileName(folder);
            var allowed = Allowed["*"].Concat(Allowed.GetValueOrDefault(feature) ?? []).Append(feature).ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
            {
                foreach (Match match in FeatureReference().Matches(File.ReadAllText(file)))
                {
                    var used = match.Groups[1].Value;
                    var component = used + "." + match.Groups[2].Value;
                    if (!allowed.Contains(used) && !(file.EndsWith(".razor", StringComparison.Ordinal) && AllowedComponents.Contains(component)))
                    {
                        violations.Add($"{Path.GetRelativePath(features, file)} uses {match.Value}");
                    }
                }
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void Features_EachHasOneFeatureFileThatRegistersIt()
    {
        var features = Path.Combine(Root(), "Meurs.Web", "Features");
        var missing = Directory.GetDirectories(features)
            .Select(Path.GetFileName)
            .Where(f => Directory.EnumerateFiles(Path.Combine(features, f!), "*.cs").Any()) // page-only folders (About) have nothing to register
            .Where(f => !File.Exists(Path.Combine(features, f!, f + "Feature.cs")))
            .ToList();

        Assert.Empty(missing);
    }

    private static IEnumerable<string> Sources(string project) =>
        Directory.EnumerateFiles(Path.Combine(Root(), project), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Meurs.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Meurs.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Meurs\.Web\.Features\.([A-Za-z]+)(?:\.([A-Za-z]+))?")]
    private static partial Regex FeatureReference();
}
