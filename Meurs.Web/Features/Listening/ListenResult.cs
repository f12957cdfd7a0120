using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>How a listening use case ended, mapped one to one to HTTP statuses by the API and to refusal codes by the sockets.</summary>
public enum ListenStatus
{
    /// <summary>Done (200, 201 or 204).</summary>
    Ok,

    /// <summary>The input breaks a rule (400 / <c>bad_request</c>): the sentence says which.</summary>
    BadInput,

    /// <summary>A member without the power (403 / <c>forbidden</c>).</summary>
    Forbidden,

    /// <summary>It does not exist, or the actor may not see it (404 / <c>not_found</c>).</summary>
    NotFound,

    /// <summary>It cannot be done in the present state (409 / <c>conflict</c>): a request already decided, a call that already has a session.</summary>
    Conflict,
}

/// <summary>Why a use case refused, before it knows its result type; converts implicitly to any <see cref="ListenResult{T}"/>.</summary>
/// <param name="Status">Never <see cref="ListenStatus.Ok"/>.</param>
/// <param name="Detail">One sentence for people.</param>
public sealed record ListenRefusal(ListenStatus Status, string Detail)
{
    /// <summary>400 with <paramref name="detail"/>.</summary>
    public static ListenRefusal BadInput(string detail) => new(ListenStatus.BadInput, detail);

    /// <summary>404 with <paramref name="detail"/>.</summary>
    public static ListenRefusal NotFound(string detail) => new(ListenStatus.NotFound, detail);

    /// <summary>409 with <paramref name="detail"/>.</summary>
    public static ListenRefusal Conflict(string detail) => new(ListenStatus.Conflict, detail);

    /// <summary>The policy's refusal (<see cref="ListenAccess.Judge"/>) as a use case's.</summary>
    public static ListenRefusal From(RealtimeRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Status switch
        {
            StatusCodes.Status404NotFound => NotFound(refusal.Detail),
            StatusCodes.Status403Forbidden => new(ListenStatus.Forbidden, refusal.Detail),
            StatusCodes.Status409Conflict => Conflict(refusal.Detail),
            _ => BadInput(refusal.Detail),
        };
    }

    /// <summary>This refusal on a socket: the fabric's codes <c>bad_request</c>, <c>forbidden</c>, <c>not_found</c>, and <c>conflict</c>.</summary>
    public RealtimeRefusal ToRealtime() => Status switch
    {
        ListenStatus.NotFound => RealtimeRefusal.NotFound(Detail),
        ListenStatus.Forbidden => RealtimeRefusal.Forbidden(Detail),
        ListenStatus.Conflict => new RealtimeRefusal("conflict", Detail, StatusCodes.Status409Conflict),
        _ => new RealtimeRefusal("bad_request", Detail),
    };
}

/// <summary>Nothing to return: the result of a use case that only acts (leave, end, remove).</summary>
public readonly record struct ListenDone
{
    /// <summary>The one value.</summary>
    public static ListenDone Value => default;
}

/// <summary>
/// The result of every listening use case: <see cref="ListenStatus.Ok"/> with <see cref="Value"/>, or a refusal with a
/// sentence (<see cref="Detail"/>). A refusal changed nothing.
/// </summary>
/// <typeparam name="T">What an accepted action returns (<see cref="ListenDone"/> for none).</typeparam>
public sealed record ListenResult<T>
{
    internal ListenResult(ListenStatus status, T? value, string detail)
    {
        Status = status;
        Value = value;
        Detail = detail;
    }

    /// <summary>How it ended.</summary>
    public ListenStatus Status { get; }

    /// <summary>The result when <see cref="IsOk"/>, else default.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused (empty when <see cref="IsOk"/>).</summary>
    public string Detail { get; }

    /// <summary>True when the action was done.</summary>
    public bool IsOk => Status == ListenStatus.Ok;

    /// <summary>The refusal, or null when <see cref="IsOk"/>.</summary>
    public ListenRefusal? Refusal => IsOk ? null : new ListenRefusal(Status, Detail);

    /// <summary>An accepted action's result.</summary>
    public static implicit operator ListenResult<T>(T value) => new(ListenStatus.Ok, value, "");

    /// <summary>A refusal.</summary>
    public static implicit operator ListenResult<T>(ListenRefusal refusal) =>
        new((refusal ?? throw new ArgumentNullException(nameof(refusal))).Status, default, refusal.Detail);
}

/// <summary>Makes <see cref="ListenResult{T}"/> values where the implicit conversion cannot (an interface-typed result).</summary>
public static class ListenResult
{
    /// <summary>An accepted action's result.</summary>
    public static ListenResult<T> Ok<T>(T value) => new(ListenStatus.Ok, value, "");
}
