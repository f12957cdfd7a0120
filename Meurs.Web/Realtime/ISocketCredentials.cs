namespace Meurs.Web.Realtime;

/// <summary>
/// The account feature's side of ending sessions (<see cref="SocketSessions"/>): it says what credential a socket request
/// carried, and later which of the open sockets' credentials no longer hold (a browser logged out, its password changed,
/// the account disabled, an access token revoked). The fabric never reads accounts itself.
/// </summary>
public interface ISocketCredentials
{
    /// <summary>The credential <paramref name="http"/> was authenticated with (the request is authenticated).</summary>
    SocketCredential Describe(HttpContext http);

    /// <summary>Those of <paramref name="credentials"/> that have been revoked since their socket opened.</summary>
    Task<IReadOnlySet<SocketCredential>> RevokedAsync(IReadOnlyCollection<SocketCredential> credentials, CancellationToken cancellationToken);
}
