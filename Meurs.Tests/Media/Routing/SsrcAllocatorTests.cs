using Meurs.Media.Routing;

namespace Meurs.Tests.Media.Routing;

public sealed class SsrcAllocatorTests
{
    [Fact]
    public void Allocate_Many_AllDistinctNonZeroAndAvoidReserved()
    {
        var allocator = new SsrcAllocator();
        Assert.True(allocator.TryReserve(0x8E3D1F27));

        var ssrcs = Enumerable.Range(0, 10_000).Select(_ => allocator.Allocate()).ToList();

        Assert.Equal(10_000, ssrcs.Distinct().Count());
        Assert.DoesNotContain(0u, ssrcs);
        Assert.DoesNotContain(0x8E3D1F27u, ssrcs);
        Assert.Equal(10_001, allocator.Count);
    }

    [Fact]
    public void TryReserve_InUse_ReturnsFalseUntilReleased()
    {
        var allocator = new SsrcAllocator();
        var ssrc = allocator.Allocate();

        Assert.False(allocator.TryReserve(ssrc));
        Assert.True(allocator.Release(ssrc));
        Assert.False(allocator.IsInUse(ssrc));
        Assert.True(allocator.TryReserve(ssrc));
        Assert.False(allocator.Release(12345));
    }
}
