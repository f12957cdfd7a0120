using System.Runtime.CompilerServices;
using Meurs.Media.Dtls;
using static Meurs.Tests.Media.Dtls.DtlsTestPeers;

namespace Meurs.Tests.Media.Dtls;

[Collection(DtlsNativeTests.Name)]
public sealed class DtlsLeakTests
{
    [Fact]
    public void Dispose_ThousandTransports_EveryNativeHandleIsReleased()
    {
        var baseline = SettledHandleCount();
        var serverContext = new DtlsContext(DtlsRole.Server, ServerCertificate);
        var clientContext = new DtlsContext(DtlsRole.Client, ClientCertificate);
        Assert.Equal(baseline + 2, DtlsDiagnostics.LiveNativeHandles);

        Churn(serverContext, clientContext, 200); // warm-up: allocator arenas, JIT
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var residentBefore = ResidentBytes();

        Churn(serverContext, clientContext, 1_000);

        // Every SSL (and each peer certificate taken from one) was disposed, not finalized.
        Assert.Equal(baseline + 2, DtlsDiagnostics.LiveNativeHandles);
        serverContext.Dispose();
        clientContext.Dispose();
        Assert.Equal(baseline, DtlsDiagnostics.LiveNativeHandles);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var growth = ResidentBytes() - residentBefore;
        Assert.True(growth < 128L * 1024 * 1024, $"resident memory grew by {growth / 1024 / 1024} MB over 1,000 transports");
    }

    [Fact]
    public void Finalization_UndisposedTransports_AreFreedBySafeHandles()
    {
        var baseline = SettledHandleCount();

        AbandonTransports(100);
        Assert.True(DtlsDiagnostics.LiveNativeHandles > baseline);

        Assert.Equal(baseline, SettledHandleCount());
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndLaterCallsThrow()
    {
        var baseline = SettledHandleCount();
        using var context = new DtlsContext(DtlsRole.Server, ServerCertificate);
        var transport = new DtlsTransport(context, ClientCertificate.Fingerprint);
        Assert.Equal(baseline + 2, DtlsDiagnostics.LiveNativeHandles);

        transport.Dispose();
        transport.Dispose();

        Assert.Equal(baseline + 1, DtlsDiagnostics.LiveNativeHandles);
        Assert.Equal(DtlsState.Closed, transport.State);
        Assert.Null(transport.NextTimeout);
        Assert.False(transport.TryDequeue(out _));
        Assert.Throws<ObjectDisposedException>(() => transport.Feed([0x16]));
        Assert.Throws<ObjectDisposedException>(transport.Start);
        Assert.Throws<ObjectDisposedException>(() => transport.HandleTimeout());
        Assert.Throws<ObjectDisposedException>(transport.Close);
    }

    // Each round: a fresh pair; every tenth completes the handshake (peer certificates, key
    // export), the rest stop after the server's first flight (signing, buffered flight).
    private static void Churn(DtlsContext serverContext, DtlsContext clientContext, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var server = new DtlsTransport(serverContext, ClientCertificate.Fingerprint);
            using var client = new DtlsTransport(clientContext, ServerCertificate.Fingerprint);
            client.Start();
            if (i % 10 == 0)
            {
                Pump(client, server);
                Assert.Equal(DtlsState.Connected, server.State);
            }
            else
            {
                Assert.True(client.TryDequeue(out var hello));
                server.Feed(hello);
                Assert.True(server.PendingDatagrams > 0);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AbandonTransports(int count)
    {
        var context = new DtlsContext(DtlsRole.Server, ServerCertificate);
        for (var i = 0; i < count; i++)
        {
            _ = new DtlsTransport(context, ClientCertificate.Fingerprint);
        }
    }

    private static long SettledHandleCount()
    {
        // The shared certificates are made on first use; made inside a test they would count as its handles.
        GC.KeepAlive(ServerCertificate);
        GC.KeepAlive(ClientCertificate);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return DtlsDiagnostics.LiveNativeHandles;
    }

    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
