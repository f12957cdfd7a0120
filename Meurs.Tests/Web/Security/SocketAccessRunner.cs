using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Security;

/// <summary>
/// Opens an access-matrix socket as one person and sums up a command's answer; shared by the rooms' and the communities'
/// socket tables (<see cref="SocketAccessMatrix"/>, <see cref="CommunityAccessMatrix"/>).
/// </summary>
public static partial class SocketAccessRunner
{
    /// <summary>
    /// Opens <paramref name="path"/> as <paramref name="role"/>: a browser's socket with their cookies, or a
    /// <paramref name="program"/>'s with their bearer token. "101" and the socket, or the refused upgrade's status.
    /// </summary>
    public static async Task<(RawSocket? Socket, string Status)> OpenAsync(AccessScene scene, string path, AccessRole role, bool program)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var cookie = program ? null : scene.Browser(role).CookieHeader;
        var authorization = program && scene.Token(role) is { } token ? "Bearer " + token : null;
        try
        {
            return (await RawSocket.ConnectAsync(scene.Factory, path, cookie, authorization), "101");
        }
        catch (InvalidOperationException ex) when (StatusInMessage().Match(ex.Message) is { Success: true } match)
        {
            return (null, match.Groups[1].Value);
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/>, then a probe that every endpoint but /ws/me answers with an error; what came back in
    /// between is the command's answer ("accepted", "error &lt;code&gt;", "closed &lt;status&gt;", or "no socket"). /ws/me
    /// (<paramref name="meSocket"/>) answers nothing, so there a clean close after the command means it was accepted.
    /// </summary>
    public static async Task<string> CommandAnswerAsync(RawSocket? socket, string text, bool meSocket = false)
    {
        if (socket is null)
        {
            return SocketAccessMatrix.NoSocket;
        }
        await using (socket)
        {
            if (meSocket)
            {
                await socket.SendAsync(text);
                var closed = await socket.CloseAndReadAsync();
                return closed == System.Net.WebSockets.WebSocketCloseStatus.NormalClosure ? "accepted" : $"closed {closed}";
            }
            // Whatever the arrival sent first (history, member lists, call state) is read past by the probe too.
            await socket.SendAsync(text);
            if (!await socket.TrySendAsync("""{"type":"zz-probe"}"""))
            {
                return $"closed {await socket.ReadCloseAsync()}";
            }
            var errors = new List<string>();
            while (true)
            {
                var frame = await socket.ReceiveAsync();
                if (frame is null)
                {
                    return $"closed {socket.CloseStatus}";
                }
                if (RawSocket.ErrorOf(frame) is { } error)
                {
                    errors.Add(error);
                    if (error.Contains("zz-probe", StringComparison.Ordinal))
                    {
                        errors.RemoveAt(errors.Count - 1);
                        return errors.Count == 0 ? "accepted" : "error " + errors[0].Split(" (")[0];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Runs a socket table: each upgrade and each command as each of <paramref name="roles"/>, opening every socket with
    /// <paramref name="open"/> (route, role: on a fresh room or server of the check). Fails listing every answer that
    /// differs, with the whole table as it is.
    /// </summary>
    public static async Task RunTableAsync(IReadOnlyList<AccessRole> roles, IEnumerable<SocketUpgrade> upgrades, IEnumerable<SocketCommand> commands,
        Func<string, AccessRole, Task<(RawSocket? Socket, string Status)>> open, Func<SocketCommand, AccessRole, string> commandText)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(upgrades);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(commandText);
        var mismatches = new List<string>();
        var table = new List<string>();
        foreach (var upgrade in upgrades)
        {
            var actual = new List<string>();
            foreach (var role in roles)
            {
                var (socket, status) = await open(upgrade.Route, role);
                if (socket is not null)
                {
                    await socket.DisposeAsync();
                }
                actual.Add(status);
                if (status != upgrade.Expected(role))
                {
                    mismatches.Add($"upgrade {upgrade.Route} as {role}: expected {upgrade.Expected(role)}, got {status}");
                }
            }
            table.Add($"upgrade {upgrade.Route}: {string.Join(" | ", actual)}");
        }
        foreach (var command in commands)
        {
            var actual = new List<string>();
            foreach (var role in roles)
            {
                var (socket, _) = await open(command.Route, role);
                var answer = await CommandAnswerAsync(socket, commandText(command, role), meSocket: command.Route is "/ws/me" or "/api/ws/me");
                actual.Add(answer);
                if (answer != command.Expected(role))
                {
                    mismatches.Add($"{command.Route} {command.Command} as {role}: expected {command.Expected(role)}, got {answer}");
                }
            }
            table.Add($"{command.Route} {command.Command}: {string.Join(" | ", actual)}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} socket answer(s) differ from the access matrix:\n{string.Join('\n', mismatches)}\n\nThe answers as they are ({string.Join(" | ", roles)}):\n{string.Join('\n', table)}");
    }

    [GeneratedRegex(@"\b([1-5]\d\d)\b")]
    private static partial Regex StatusInMessage();
}
