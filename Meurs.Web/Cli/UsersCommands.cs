using System.CommandLine;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Cli;

/// <summary>
/// <c>meurs users create|list|disable|enable|grant-admin|reset-password</c>: accounts on the configured database, for an operator at
/// the server's console. The rules are the web app's own (<see cref="RegisterAccount"/>, Identity's lockout, <see cref="AdminRole"/>).
/// </summary>
internal static class UsersCommands
{
    /// <summary>The <c>users</c> command group.</summary>
    public static Command Create(CliContext context)
    {
        var users = new Command("users", "Create, list, disable and promote accounts.");
        users.Add(CreateUser(context));
        users.Add(List(context));
        users.Add(Disable(context));
        users.Add(Enable(context));
        users.Add(GrantAdmin(context));
        users.Add(ResetPassword(context));
        return users;
    }

    private static Command CreateUser(CliContext context)
    {
        var username = new Option<string>("--username", "-u") { Description = AccountRules.UsernameRule, Required = true, HelpName = "NAME" };
        var password = new Option<string>("--password", "-p")
        {
            Description = AccountRules.PasswordRule + " '-' reads it from the first line of stdin (kept out of shell history).",
            Required = true,
            HelpName = "PASSWORD",
        };
        var command = new Command("create", "Create an account, with the same rules as signing up.") { username, password };
        command.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var secret = parse.GetRequiredValue(password);
            if (secret == "-")
            {
                secret = await context.Console.In.ReadLineAsync() ?? "";
            }
            var outcome = await services.GetRequiredService<RegisterAccount>().HandleAsync(parse.GetRequiredValue(username), secret);
            if (!outcome.Succeeded)
            {
                throw new CliException(string.Join(" ", outcome.Errors));
            }
            await context.Console.Out.WriteLineAsync($"Created user {outcome.User.UserName}.");
            return 0;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List accounts, oldest first: name, creation time, whether disabled, whether an administrator.");
        command.SetAction(_ => context.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<MeursDbContext>();
            var adminRole = AdminRole.Name.ToUpperInvariant();
            var admins = await db.UserRoles
                .Join(db.Roles.Where(r => r.NormalizedName == adminRole), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
                .ToListAsync();
            // LockoutEnd is a DateTimeOffset, which EF Core 6 cannot compare on SQLite: read the few columns, decide here.
            var users = await db.Users.AsNoTracking()
                .OrderBy(u => u.CreatedAt)
                .Select(u => new { u.Id, u.UserName, u.CreatedAt, u.LockoutEnd })
                .ToListAsync();
            IReadOnlyList<IReadOnlyList<string>> rows =
            [
                .. users.Select(u => (IReadOnlyList<string>)
                [
                    u.UserName ?? "", TextTable.Utc(u.CreatedAt), IsDisabled(u.LockoutEnd) ? "yes" : "no", admins.Contains(u.Id) ? "yes" : "no",
                ]),
            ];
            await TextTable.WriteAsync(context.Console.Out, ["USERNAME", "CREATED", "DISABLED", "ADMIN"], rows);
            return 0;
        }));
        return command;
    }

    private static Command Disable(CliContext context)
    {
        var username = UsernameArgument();
        var command = new Command("disable", "Lock an account for good: it cannot log in, and its access tokens stop working. 'enable' undoes it.") { username };
        command.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<MeursUser>>();
            var user = await UserLookup.FindAsync(users, parse.GetRequiredValue(username));
            // A lockout that never ends is Identity's own "disabled": the login page, the API login and the bearer-token
            // handler all refuse a locked-out user already, so no new check is needed anywhere.
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            // A new security stamp makes the cookie of a browser already signed in fail on its next request, and a running
            // server closes the account's open sockets at its next session check (SessionWatch).
            Check(await users.UpdateSecurityStampAsync(user));
            await context.Console.Out.WriteLineAsync($"Disabled {user.UserName}: logins and access tokens are refused from now on.");
            return 0;
        }));
        return command;
    }

    private static Command Enable(CliContext context)
    {
        var username = UsernameArgument();
        var command = new Command("enable", "Undo 'disable' (or lift a lockout after failed logins).") { username };
        command.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<MeursUser>>();
            var user = await UserLookup.FindAsync(users, parse.GetRequiredValue(username));
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            await context.Console.Out.WriteLineAsync($"Enabled {user.UserName}.");
            return 0;
        }));
        return command;
    }

    private static Command GrantAdmin(CliContext context)
    {
        var username = UsernameArgument();
        var command = new Command("grant-admin", $"Make an account an administrator (Identity role '{AdminRole.Name}'). How the first administrator is made.") { username };
        command.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var user = await UserLookup.FindAsync(services.GetRequiredService<UserManager<MeursUser>>(), parse.GetRequiredValue(username));
            // The Admin feature's own service, so the CLI and the admin pages agree on what an administrator is.
            var message = await services.GetRequiredService<AdminRole>().GrantAsync(user.UserName!) switch
            {
                AdminRole.Outcome.Granted => $"{user.UserName} is now an administrator.",
                AdminRole.Outcome.AlreadyAdmin => $"{user.UserName} is already an administrator.",
                _ => throw new CliException($"No user named '{user.UserName}'."),
            };
            await context.Console.Out.WriteLineAsync(message);
            return 0;
        }));
        return command;
    }

    private static Command ResetPassword(CliContext context)
    {
        var username = UsernameArgument();
        var stdin = new Option<bool>("--stdin") { Description = "Read the new password from the first line of stdin (kept out of shell history) instead of making one up." };
        var command = new Command("reset-password",
            "Give an account a new password: a random one, printed once, or one read with --stdin. Every browser session of the account ends; its access tokens are kept (revoked from the settings page).")
        {
            username, stdin,
        };
        command.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<MeursUser>>();
            var user = await UserLookup.FindAsync(users, parse.GetRequiredValue(username));
            var fromStdin = parse.GetValue(stdin);
            var password = fromStdin ? await context.Console.In.ReadLineAsync() ?? "" : RandomPassword();
            if (!AccountRules.IsValidPasswordLength(password))
            {
                throw new CliException("Password must be " + AccountRules.PasswordRule);
            }
            // Checked before the old one is removed, so a refused password leaves the account as it was.
            foreach (var validator in users.PasswordValidators)
            {
                Check(await validator.ValidateAsync(users, user, password));
            }
            // Both steps give the account a new security stamp: every browser session of it fails its next check.
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, password));
            await context.Console.Out.WriteLineAsync(fromStdin
                ? $"Reset the password of {user.UserName}; their browser sessions have ended."
                : $"New password for {user.UserName}: {password}\nIt is shown only this once. Their browser sessions have ended.");
            return 0;
        }));
        return command;
    }

    // 20 characters from 55 unambiguous letters and digits: about 115 bits.
    private static string RandomPassword() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    /// <summary>True when <paramref name="lockoutEnd"/> is the never-ending lockout that <c>users disable</c> sets.</summary>
    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year >= DateTimeOffset.MaxValue.Year;

    private static Argument<string> UsernameArgument() => new("username") { Description = "The account's name (any letter case)." };

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new CliException(string.Join(" ", result.Errors.Select(e => e.Description).Distinct()));
        }
    }
}
