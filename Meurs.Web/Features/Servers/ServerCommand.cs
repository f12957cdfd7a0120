using System.Text.Json.Serialization;

namespace Meurs.Web.Features.Servers;

/// <summary>What a program may send on <c>/api/ws/servers/{id}</c>: only <c>{"type":"ping"}</c>; every change goes through the REST API's use cases.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ServerPing), "ping")]
public abstract record ServerCommand;

/// <summary>A keep-alive; answered <c>{"type":"pong"}</c>. Any member may send it.</summary>
public sealed record ServerPing : ServerCommand, IRequiresPermissions
{
    /// <inheritdoc />
    public Permissions Required => Permissions.None;
}
