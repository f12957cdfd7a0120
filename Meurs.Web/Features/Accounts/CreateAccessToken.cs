using System.Diagnostics.CodeAnalysis;
using Meurs.Web.Data;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Accounts;

/// <summary>Creates a personal access token for a user and hands back its secret, the only time it is ever available.</summary>
public sealed class CreateAccessToken(MeursDbContext db, TimeProvider time, IOptions<AccessTokensOptions> options)
{
    /// <summary>The new token and its secret, or why none was made (then nothing was stored).</summary>
    /// <param name="Token">The stored token; null on refusal.</param>
    /// <param name="Secret">The <c>meurs_…</c> secret to give the owner; null on refusal.</param>
    /// <param name="Error">A sentence for the owner when the input broke a rule; null on success.</param>
    public sealed record Outcome(AccessToken? Token, string? Secret, string? Error)
    {
        /// <summary>True when the token was stored.</summary>
        [MemberNotNullWhen(true, nameof(Token), nameof(Secret))]
        [MemberNotNullWhen(false, nameof(Error))]
        public bool Succeeded => Error is null;
    }

    /// <summary>
    /// The rule <paramref name="name"/> (trimmed) and <paramref name="lifetimeDays"/> break, as a sentence, or null:
    /// a name of 1–<see cref="AccessToken.NameMaxLength"/> characters without control characters, and
    /// <see cref="AccessToken.MinLifetimeDays"/>–<see cref="AccessToken.MaxLifetimeDays"/> days (null means the configured default).
    /// </summary>
    public static string? Check(string? name, int? lifetimeDays)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "Give the token a name.";
        }
        if (trimmed.Length > AccessToken.NameMaxLength)
        {
            return $"A token name is at most {AccessToken.NameMaxLength} characters.";
        }
        if (trimmed.Any(char.IsControl))
        {
            return "A token name cannot contain control characters.";
        }
        if (lifetimeDays is < AccessToken.MinLifetimeDays or > AccessToken.MaxLifetimeDays)
        {
            return $"A token lasts {AccessToken.MinLifetimeDays} to {AccessToken.MaxLifetimeDays} days.";
        }
        return null;
    }

    /// <summary>
    /// Stores a token named <paramref name="name"/> (trimmed) for <paramref name="userId"/>, expiring
    /// <paramref name="lifetimeDays"/> days from now, or after <see cref="AccessTokensOptions.DefaultLifetime"/> when null.
    /// Input that breaks <see cref="Check"/> is refused with its sentence.
    /// </summary>
    public async Task<Outcome> HandleAsync(Guid userId, string? name, int? lifetimeDays, CancellationToken cancellationToken)
    {
        if (Check(name, lifetimeDays) is { } error)
        {
            return new Outcome(null, null, error);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = lifetimeDays is { } days ? TimeSpan.FromDays(days) : options.Value.DefaultLifetime;
        var secret = AccessTokenSecret.New();
        var token = new AccessToken
        {
            UserId = userId,
            Name = name!.Trim(),
            TokenHash = AccessTokenSecret.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(token, secret, null);
    }
}
