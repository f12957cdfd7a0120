using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Security;

/// <summary>
/// Runs the <see cref="CommunityAccessMatrix"/>: each route, socket upgrade and socket command as each person, on a fresh
/// server per check. Its routes are held to the app's endpoint list by
/// <see cref="AccessMatrixTests.Routes_EveryEndpointOfTheApp_IsInTheMatrix_AndEveryRowStillExists"/>.
/// </summary>
public sealed class CommunityAccessMatrixTests : IClassFixture<AccessMatrixTests.Host>
{
    private static readonly AccessRole[] Roles = [AccessRole.Anonymous, AccessRole.NonMember, AccessRole.Member, AccessRole.OwnerOrAdmin];

    private readonly AccessMatrixTests.Host host;
    private readonly CommunityScene servers;

    public CommunityAccessMatrixTests(AccessMatrixTests.Host host)
    {
        this.host = host;
        servers = new CommunityScene(host.Scene);
    }

    [Fact]
    public async Task Routes_EachPerson_GetsTheExpectedAnswer()
    {
        var mismatches = new List<string>();
        var actualTable = new List<string>();
        foreach (var row in CommunityAccessMatrix.Routes)
        {
            var actual = new Dictionary<AccessRole, string>();
            foreach (var role in Roles)
            {
                var server = await servers.NewServerAsync();
                actual[role] = await HttpAccessRunner.AnswerAsync(host.Scene, row with { Request = row.Request.Filled(v => PathOf(v, server)) }, role, PathOf(row.Route, server), Shorten);
                if (actual[role] != row.Expected(role))
                {
                    mismatches.Add($"{row.Key} ({row.Request}) as {role}: expected {row.Expected(role)}, got {actual[role]}");
                }
            }
            actualTable.Add($"{row.Key} [{row.Request}]: {string.Join(" | ", Roles.Select(r => actual[r]))}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answer(s) differ from the communities' access matrix:\n{string.Join('\n', mismatches)}\n\nThe answers as they are (anonymous | non-member | member | owner):\n{string.Join('\n', actualTable)}");
    }

    [Fact]
    public Task Sockets_EachPerson_GetsTheExpectedUpgradeAndCommandAnswers() =>
        SocketAccessRunner.RunTableAsync(Roles, CommunityAccessMatrix.Upgrades, CommunityAccessMatrix.Commands,
            async (route, role) => await OpenAsync(route, role, await servers.NewServerAsync()),
            (command, _) => command.Command);

    private Task<(RawSocket? Socket, string Status)> OpenAsync(string route, AccessRole role, AccessServer server) =>
        SocketAccessRunner.OpenAsync(host.Scene, PathOf(route, server), role, program: route.StartsWith("/api/", StringComparison.Ordinal));

    // A voice route's {id} is the voice channel, a channel socket's the text channel; everywhere else {id} is the server.
    private static string PathOf(string route, AccessServer server)
    {
        var voice = route.Contains("/voice", StringComparison.Ordinal);
        var channelSocket = route.Contains("ws/channels/", StringComparison.Ordinal);
        var path = route
            .Replace("{ServerId:guid}", server.Id.ToString(), StringComparison.Ordinal)
            .Replace("{serverId:guid}", server.Id.ToString(), StringComparison.Ordinal)
            .Replace("{ChannelId:guid}", server.TextChannelId.ToString(), StringComparison.Ordinal)
            .Replace("{categoryId:guid}", server.CategoryId.ToString(), StringComparison.Ordinal)
            .Replace("{roleId:guid}", server.RoleId.ToString(), StringComparison.Ordinal)
            .Replace("{userId:guid}", server.TargetId.ToString(), StringComparison.Ordinal)
            .Replace("{Code}", server.InviteCode, StringComparison.Ordinal)
            .Replace("{channelId:guid}", server.TextChannelId.ToString(), StringComparison.Ordinal)
            .Replace("{channelId}", server.TextChannelId.ToString(), StringComparison.Ordinal)
            .Replace("{channel_id}", server.VoiceChannelId.ToString(), StringComparison.Ordinal)
            .Replace("{categoryId}", server.CategoryId.ToString(), StringComparison.Ordinal)
            .Replace("{roleId}", server.RoleId.ToString(), StringComparison.Ordinal)
            .Replace("{userId}", server.TargetId.ToString(), StringComparison.Ordinal)
            .Replace("{messageId:guid}", server.MessageId.ToString(), StringComparison.Ordinal)
            .Replace("{attachmentId:guid}", server.AttachmentId.ToString(), StringComparison.Ordinal)
            .Replace("{emoji}", Uri.EscapeDataString("👍"), StringComparison.Ordinal)
            .Replace("{code}", server.InviteCode, StringComparison.Ordinal)
            .Replace("{file}", server.IconFile, StringComparison.Ordinal)
            .Replace("{id}", (voice ? server.VoiceChannelId : channelSocket ? server.TextChannelId : server.Id).ToString(), StringComparison.Ordinal);
        return path;
    }

    // Redirect targets hold ids; the table shows the route's shape.
    private static string Shorten(string target) => System.Text.RegularExpressions.Regex.Replace(target, "[0-9a-fA-F-]{32,36}", "{id}");
}
