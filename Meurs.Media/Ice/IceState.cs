namespace Meurs.Media.Ice;

/// <summary>
/// IceState is where an <see cref="IceLiteAgent"/> stands: the RTCIceConnectionState subset a
/// lite, controlled agent can reach (RFC 8445 §2.5, §8.2; consent per RFC 7675).
/// </summary>
public enum IceState
{
    /// <summary>New: no valid Binding request has arrived yet.</summary>
    New,

    /// <summary>Checking: valid checks arrive but none has nominated a pair (no USE-CANDIDATE yet).</summary>
    Checking,

    /// <summary>Connected: a pair is nominated (<see cref="IceLiteAgent.SelectedEndPoint"/>) and its consent is fresh.</summary>
    Connected,

    /// <summary>
    /// Disconnected: no valid request came from the selected tuple within the consent timeout
    /// (RFC 7675 §5.1), so media must stop. Not final: the next valid request from the selected
    /// tuple, or a new nomination, makes the agent <see cref="Connected"/> again.
    /// </summary>
    Disconnected,

    /// <summary>Closed: <see cref="IceLiteAgent.Close"/> was called; everything is dropped.</summary>
    Closed,
}
