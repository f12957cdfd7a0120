using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>How a servers use case ended, mapped one to one to HTTP statuses by the API and to messages by the pages.</summary>
public enum ServerStatus
{
    /// <summary>Done (200, 201 or 204).</summary>
    Ok,

    /// <summary>The input breaks a rule (400): the sentence says which.</summary>
    BadInput,

    /// <summary>A member lacking the permission, or a non-member of an open server (403).</summary>
    Forbidden,

    /// <summary>It does not exist, or the actor may not know of it (404).</summary>
    NotFound,

    /// <summary>An invite that existed but has expired or is used up (410).</summary>
    Gone,

    /// <summary>The person did this too often lately (429): creating servers, uploading images.</summary>
    TooManyRequests,
}

/// <summary>Why a use case refused, before it knows its result type; converts implicitly to any <see cref="ServerResult{T}"/>.</summary>
/// <param name="Status">Never <see cref="ServerStatus.Ok"/>.</param>
/// <param name="Detail">One sentence for people.</param>
public sealed record ServerRefusal(ServerStatus Status, string Detail)
{
    /// <summary>400 with <paramref name="detail"/>.</summary>
    public static ServerRefusal BadInput(string detail) => new(ServerStatus.BadInput, detail);

    /// <summary>403 with <paramref name="detail"/>.</summary>
    public static ServerRefusal Forbidden(string detail) => new(ServerStatus.Forbidden, detail);

    /// <summary>404 with <paramref name="detail"/>.</summary>
    public static ServerRefusal NotFound(string detail) => new(ServerStatus.NotFound, detail);

    /// <summary>410 with <paramref name="detail"/>.</summary>
    public static ServerRefusal Gone(string detail) => new(ServerStatus.Gone, detail);

    /// <summary>429 with <paramref name="detail"/>.</summary>
    public static ServerRefusal TooManyRequests(string detail) => new(ServerStatus.TooManyRequests, detail);

    /// <summary>A policy's refusal (<see cref="ServerChannelPolicy"/>, <see cref="TextChannelPolicy"/>) as a use case's.</summary>
    public static ServerRefusal From(RealtimeRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Status switch
        {
            StatusCodes.Status404NotFound => NotFound(refusal.Detail),
            StatusCodes.Status403Forbidden => Forbidden(refusal.Detail),
            _ => BadInput(refusal.Detail),
        };
    }
}

/// <summary>Nothing to return: the result of a use case that only acts (leave, kick, delete, mute, …).</summary>
public readonly record struct Done
{
    /// <summary>The one value.</summary>
    public static Done Value => default;
}

/// <summary>
/// The result of every servers use case: <see cref="ServerStatus.Ok"/> with <see cref="Value"/>, or a refusal with a
/// sentence (<see cref="Detail"/>). A refusal changed nothing.
/// </summary>
/// <typeparam name="T">What an accepted action returns (<see cref="Done"/> for none).</typeparam>
public sealed record ServerResult<T>
{
    internal ServerResult(ServerStatus status, T? value, string detail)
    {
        Status = status;
        Value = value;
        Detail = detail;
    }

    /// <summary>How it ended.</summary>
    public ServerStatus Status { get; }

    /// <summary>The result when <see cref="IsOk"/>, else default.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused (empty when <see cref="IsOk"/>).</summary>
    public string Detail { get; }

    /// <summary>True when the action was done.</summary>
    public bool IsOk => Status == ServerStatus.Ok;

    /// <summary>An accepted action's result.</summary>
    public static implicit operator ServerResult<T>(T value) => new(ServerStatus.Ok, value, "");

    /// <summary>A refusal.</summary>
    public static implicit operator ServerResult<T>(ServerRefusal refusal) =>
        new((refusal ?? throw new ArgumentNullException(nameof(refusal))).Status, default, refusal.Detail);
}

/// <summary>Makes <see cref="ServerResult{T}"/> values where the implicit conversion cannot (an interface-typed result).</summary>
public static class ServerResult
{
    /// <summary>An accepted action's result.</summary>
    public static ServerResult<T> Ok<T>(T value) => new(ServerStatus.Ok, value, "");
}
