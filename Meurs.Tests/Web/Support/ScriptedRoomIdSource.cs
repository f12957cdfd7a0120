using System.Collections.Concurrent;
using Meurs.Web.Features.Rooms;

namespace Meurs.Tests.Web.Support;

/// <summary>Hands out the given ids in order, then repeats the last one forever (so it can be made to always collide).</summary>
public sealed class ScriptedRoomIdSource(params string[] script) : IRoomIdSource
{
    private readonly ConcurrentQueue<string> queue = new(script);
    private string last = script[^1];
    private int calls;

    public int Calls => calls;

    public string NewId()
    {
        Interlocked.Increment(ref calls);
        if (queue.TryDequeue(out var id))
        {
            last = id;
        }
        return last;
    }
}
