namespace Meurs.Web.Realtime;

/// <summary>
/// What a socket was authenticated with, as the account feature describes it (<see cref="ISocketCredentials"/>): the
/// fabric keeps it beside the connection and asks later whether it still holds. Plain data, compared by value.
/// </summary>
/// <param name="UserId">Whose socket it is.</param>
/// <param name="Kind">What <paramref name="Value"/> is, e.g. <c>stamp</c> (a browser's sign-in) or <c>token</c> (an access token's id).</param>
/// <param name="Value">The credential's identifying value (never a secret).</param>
public sealed record SocketCredential(Guid UserId, string Kind, string Value);
