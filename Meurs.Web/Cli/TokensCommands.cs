using System.CommandLine;
using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Cli;

/// <summary><c>meurs tokens create</c>: a personal access token for a user, made on the server's console (for a bot, or for <c>meurs connect</c>).</summary>
internal static class TokensCommands
{
    /// <summary>The <c>tokens</c> command group.</summary>
    public static Command Create(CliContext context)
    {
        var tokens = new Command("tokens", "Personal access tokens (Authorization: Bearer) for API and socket clients.");
        tokens.Add(CreateToken(context));
        return tokens;
    }

    private static Command CreateToken(CliContext context)
    {
        var user = new Option<string>("--user", "-u") { Description = "Whose token it is; it acts as this user.", Required = true, HelpName = "NAME" };
        var name = new Option<string>("--name", "-n")
        {
            Description = $"What the token is for, 1–{AccessToken.NameMaxLength} characters (e.g. 'laptop CLI').",
            Required = true,
            HelpName = "NAME",
        };
        var days = new Option<int?>("--days", "-d")
        {
            Description = $"Lifetime in days, {AccessToken.MinLifetimeDays}–{AccessToken.MaxLifetimeDays}. Default: AccessTokens:DefaultLifetime (30 days).",
            HelpName = "DAYS",
        };
        var command = new Command("create", "Create a token and print its secret on stdout. The secret is shown only this once.") { user, name, days };
        command.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var owner = await UserLookup.FindAsync(services.GetRequiredService<UserManager<MeursUser>>(), parse.GetRequiredValue(user));
            var outcome = await services.GetRequiredService<CreateAccessToken>()
                .HandleAsync(owner.Id, parse.GetRequiredValue(name), parse.GetValue(days), CancellationToken.None);
            if (!outcome.Succeeded)
            {
                throw new CliException(outcome.Error);
            }
            // The secret alone on stdout, so `T=$(meurs tokens create …)` captures exactly it; the note goes to stderr.
            await context.Console.Out.WriteLineAsync(outcome.Secret);
            await context.Console.Error.WriteLineAsync(
                $"Token '{outcome.Token.Name}' for {owner.UserName}, valid until {TextTable.Utc(outcome.Token.ExpiresAt)}. Store it now: it is not shown again.");
            return 0;
        }));
        return command;
    }
}
