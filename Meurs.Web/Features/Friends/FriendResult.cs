namespace Meurs.Web.Features.Friends;

/// <summary>How a friends use case ended, mapped one to one to HTTP statuses by the API and to sentences by the page.</summary>
public enum FriendStatus
{
    /// <summary>Done (200, 201 or 204).</summary>
    Ok,

    /// <summary>The input breaks a rule (400): empty, too long, invalid Unicode, oneself.</summary>
    BadInput,

    /// <summary>
    /// Refused because one of the two blocked the other (403). The sentence is the same whichever way the block goes, so
    /// nobody learns who blocked whom (Discord's generic refusal).
    /// </summary>
    Forbidden,

    /// <summary>No such person, request or friend, or a request addressed to or sent by someone else (404).</summary>
    NotFound,

    /// <summary>Already friends, a duplicate request, or a reverse request while theirs is pending (409).</summary>
    Conflict,
}

/// <summary>Why a friends use case refused; converts implicitly to any <see cref="FriendResult{T}"/>.</summary>
/// <param name="Status">Never <see cref="FriendStatus.Ok"/>.</param>
/// <param name="Detail">One sentence for people.</param>
public sealed record FriendRefusal(FriendStatus Status, string Detail)
{
    /// <summary>400 with <paramref name="detail"/>.</summary>
    public static FriendRefusal BadInput(string detail) => new(FriendStatus.BadInput, detail);

    /// <summary>404 with <paramref name="detail"/>.</summary>
    public static FriendRefusal NotFound(string detail) => new(FriendStatus.NotFound, detail);

    /// <summary>409 with <paramref name="detail"/>.</summary>
    public static FriendRefusal Conflict(string detail) => new(FriendStatus.Conflict, detail);

    /// <summary>403: one of the two blocked the other; the same sentence either way.</summary>
    public static FriendRefusal Blocked { get; } = new(FriendStatus.Forbidden, "You cannot send a friend request to this person.");
}

/// <summary>
/// The result of every friends use case: <see cref="FriendStatus.Ok"/> with <see cref="Value"/>, or a refusal with a
/// sentence. A refusal changed nothing.
/// </summary>
/// <typeparam name="T">What an accepted action returns.</typeparam>
public sealed record FriendResult<T>
{
    internal FriendResult(FriendStatus status, T? value, string detail)
    {
        Status = status;
        Value = value;
        Detail = detail;
    }

    /// <summary>How it ended.</summary>
    public FriendStatus Status { get; }

    /// <summary>The result when <see cref="IsOk"/>, else default.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused (empty when <see cref="IsOk"/>).</summary>
    public string Detail { get; }

    /// <summary>True when the action was done.</summary>
    public bool IsOk => Status == FriendStatus.Ok;

    /// <summary>An accepted action's result.</summary>
    public static implicit operator FriendResult<T>(T value) => new(FriendStatus.Ok, value, "");

    /// <summary>A refusal.</summary>
    public static implicit operator FriendResult<T>(FriendRefusal refusal) =>
        new((refusal ?? throw new ArgumentNullException(nameof(refusal))).Status, default, refusal.Detail);
}

/// <summary>Makes <see cref="FriendResult{T}"/> values where the implicit conversion cannot (an interface- or tuple-typed result).</summary>
public static class FriendResult
{
    /// <summary>An accepted action's result.</summary>
    public static FriendResult<T> Ok<T>(T value) => new(FriendStatus.Ok, value, "");
}
