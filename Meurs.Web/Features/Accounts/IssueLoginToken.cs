using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// <c>POST /api/auth/login</c>: checks a username and password exactly as the login page does (same failed-attempt
/// count and lockout) and, when they are right, creates an access token named <see cref="TokenName"/>.
/// </summary>
public sealed class IssueLoginToken(UserManager<MeursUser> users, SignInManager<MeursUser> signIn, CreateAccessToken create)
{
    /// <summary>The name of tokens made by logging in through the API.</summary>
    public const string TokenName = "api login";

    /// <summary>How the attempt ended.</summary>
    public enum Status
    {
        /// <summary>Right credentials; a token was created.</summary>
        Issued,

        /// <summary>Unknown user or wrong password (not told apart). A wrong password counts towards lockout.</summary>
        WrongCredentials,

        /// <summary>The account is locked (after <see cref="AccountRules.MaxFailedAttempts"/> failures, or by an administrator).</summary>
        LockedOut,

        /// <summary>Identity refuses sign-in for this account.</summary>
        NotAllowed,
    }

    /// <summary>The outcome of a login attempt.</summary>
    /// <param name="Status">How it ended.</param>
    /// <param name="Token">The created token when <see cref="Status.Issued"/>.</param>
    /// <param name="Secret">Its secret when <see cref="Status.Issued"/>.</param>
    /// <param name="LockedUntil">When a lockout ends (UTC) for <see cref="Status.LockedOut"/>, if known.</param>
    public sealed record Outcome(Status Status, AccessToken? Token = null, string? Secret = null, DateTimeOffset? LockedUntil = null);

    /// <summary>Checks the credentials (username in any case, trimmed) and issues a token when they are right.</summary>
    public async Task<Outcome> HandleAsync(string username, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        var user = await users.FindByNameAsync(username.Trim());
        if (user is null)
        {
            return new Outcome(Status.WrongCredentials);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return new Outcome(Status.LockedOut, LockedUntil: user.LockoutEnd);
        }
        if (result.IsNotAllowed)
        {
            return new Outcome(Status.NotAllowed);
        }
        if (!result.Succeeded)
        {
            return new Outcome(Status.WrongCredentials);
        }
        var created = await create.HandleAsync(user.Id, TokenName, lifetimeDays: null, cancellationToken);
        // The name is a constant that passes CreateAccessToken.Check, so a refusal here is a bug, not bad input.
        return created.Succeeded
            ? new Outcome(Status.Issued, created.Token, created.Secret)
            : throw new InvalidOperationException(created.Error);
    }
}
