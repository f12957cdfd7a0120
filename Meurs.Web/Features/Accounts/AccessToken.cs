namespace Meurs.Web.Features.Accounts;

/// <summary>
/// A personal access token: what an API client or the CLI sends as <c>Authorization: Bearer meurs_…</c>.
/// Only the SHA-256 of the secret is stored (<see cref="TokenHash"/>), so a copy of the database cannot be replayed;
/// the secret itself is shown once, when the token is created. Times are UTC.
/// </summary>
public sealed class AccessToken
{
    /// <summary>Longest allowed <see cref="Name"/>, in characters.</summary>
    public const int NameMaxLength = 64;

    /// <summary>Shortest lifetime a token can be given, in days.</summary>
    public const int MinLifetimeDays = 1;

    /// <summary>Longest lifetime a token can be given, in days; a forgotten token stops working within a year.</summary>
    public const int MaxLifetimeDays = 365;

    /// <summary>Time-ordered id (UUID v7), so a user's tokens list in creation order.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The owner; the token acts as this user.</summary>
    public Guid UserId { get; init; }

    /// <summary>The owner (navigation).</summary>
    public MeursUser? User { get; init; }

    /// <summary>What the owner called it (1–<see cref="NameMaxLength"/> characters), e.g. <c>api login</c> or <c>laptop CLI</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes (64 characters); see <see cref="AccessTokenSecret"/>.</summary>
    public required string TokenHash { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When it stops working (UTC, exclusive).</summary>
    public DateTime ExpiresAt { get; init; }

    /// <summary>When it last authenticated a request (UTC), to about a minute; null if never used.</summary>
    public DateTime? LastUsedAt { get; set; }

    /// <summary>When its owner revoked it (UTC), or null. A revoked token never works again.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>True when the token would authenticate a request at <paramref name="now"/> (UTC): not revoked, not expired.</summary>
    public bool IsActiveAt(DateTime now) => RevokedAt is null && now < ExpiresAt;
}
