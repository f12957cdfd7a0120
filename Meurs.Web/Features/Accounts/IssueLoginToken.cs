namespace Meurs.Web.Features.Accounts;

/// <summary>
/// <c>POST /api/auth/login</c>: checks a username and password exactly as the login page does (<see cref="CheckCredentials"/>:
/// same failed-attempt count and lockout, one answer for every refusal) and, when they are right, creates an access token
/// named <see cref="TokenName"/>.
/// </summary>
public sealed class IssueLoginToken(CheckCredentials check, CreateAccessToken create)
{
    /// <summary>The name of tokens made by logging in through the API.</summary>
    public const string TokenName = "api login";

    /// <summary>How the attempt ended.</summary>
    public enum Status
    {
        /// <summary>Right credentials; a token was created.</summary>
        Issued,

        /// <summary>Unknown user, wrong password, or a locked or disabled account: deliberately not told apart.</summary>
        WrongCredentials,
    }

    /// <summary>The outcome of a login attempt.</summary>
    /// <param name="Status">How it ended.</param>
    /// <param name="Token">The created token when <see cref="Status.Issued"/>.</param>
    /// <param name="Secret">Its secret when <see cref="Status.Issued"/>.</param>
    public sealed record Outcome(Status Status, AccessToken? Token = null, string? Secret = null);

    /// <summary>Checks the credentials (username in any case, trimmed) and issues a token when they are right.</summary>
    public async Task<Outcome> HandleAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await check.HandleAsync(username, password);
        if (user is null)
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
