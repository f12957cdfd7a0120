namespace Meurs.Web.Features.Profiles;

/// <summary>How a profile use case ended, mapped one to one to HTTP statuses by the API and to sentences by the pages.</summary>
public enum ProfileStatus
{
    /// <summary>Done (200 or 204).</summary>
    Ok,

    /// <summary>The input breaks a rule (400): the sentence says which.</summary>
    BadInput,

    /// <summary>The person does not exist (404; for oneself, the account was deleted meanwhile).</summary>
    NotFound,

    /// <summary>The change collides with someone else's (409): a username taken in any letter case.</summary>
    Conflict,

    /// <summary>An upload over the limit (413).</summary>
    TooLarge,

    /// <summary>Past a rate limit, such as the picture allowance (429); try again later.</summary>
    TooManyRequests,

    /// <summary>Refused as things stand (403): deleting an account that still owns servers, a wrong password.</summary>
    Forbidden,
}

/// <summary>The result of a profile use case: <see cref="ProfileStatus.Ok"/> with <see cref="Value"/>, or a refusal with a sentence. A refusal changed nothing.</summary>
/// <typeparam name="T">What an accepted action returns.</typeparam>
/// <param name="Status">How it ended.</param>
/// <param name="Value">The result when <see cref="IsOk"/>, else default.</param>
/// <param name="Detail">Why it was refused (empty when <see cref="IsOk"/>).</param>
public sealed record ProfileResult<T>(ProfileStatus Status, T? Value, string Detail)
{
    /// <summary>True when the action was done.</summary>
    public bool IsOk => Status == ProfileStatus.Ok;

    /// <summary>An accepted action's result.</summary>
    public static implicit operator ProfileResult<T>(T value) => new(ProfileStatus.Ok, value, "");

    /// <summary>A refusal.</summary>
    public static implicit operator ProfileResult<T>(ProfileRefusal refusal) =>
        new((refusal ?? throw new ArgumentNullException(nameof(refusal))).Status, default, refusal.Detail);

    /// <summary>The HTTP status of this result.</summary>
    public int HttpStatus => ProfileRefusal.HttpStatusOf(Status);
}

/// <summary>Why a profile use case refused, before it knows its result type; converts implicitly to any <see cref="ProfileResult{T}"/>.</summary>
/// <param name="Status">Never <see cref="ProfileStatus.Ok"/>.</param>
/// <param name="Detail">One sentence for people.</param>
public sealed record ProfileRefusal(ProfileStatus Status, string Detail)
{
    /// <summary>The HTTP status of <paramref name="status"/>.</summary>
    public static int HttpStatusOf(ProfileStatus status) => status switch
    {
        ProfileStatus.Ok => StatusCodes.Status200OK,
        ProfileStatus.BadInput => StatusCodes.Status400BadRequest,
        ProfileStatus.NotFound => StatusCodes.Status404NotFound,
        ProfileStatus.Conflict => StatusCodes.Status409Conflict,
        ProfileStatus.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ProfileStatus.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status403Forbidden,
    };
}
