using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Routing;

namespace Meurs.Tests.Media.Routing;

public sealed class SeqManagerTests
{
    [Fact]
    public void Input_FirstPacket_MapsToInitialOutput()
    {
        var seq = new SeqManager(initialOutput: 4242);

        Assert.True(seq.Input(17, out var output));
        Assert.Equal(4242, output);
        Assert.Equal(4242, seq.HighestOutput);
    }

    [Fact]
    public void Input_InputWrapsAt65536_OutputStaysContiguous()
    {
        var seq = new SeqManager(initialOutput: 1000);
        var outputs = new List<ushort>();
        for (var i = 0; i < 12; i++)
        {
            Assert.True(seq.Input((ushort)(65530 + i), out var output));
            outputs.Add(output);
        }

        Assert.Equal(Enumerable.Range(1000, 12).Select(i => (ushort)i), outputs);
    }

    [Fact]
    public void Input_OutputWrapsAt65536_OutputStaysContiguous()
    {
        var seq = new SeqManager(initialOutput: 65533);
        var outputs = new List<ushort>();
        for (ushort input = 300; input < 306; input++)
        {
            Assert.True(seq.Input(input, out var output));
            outputs.Add(output);
        }

        Assert.Equal(new ushort[] { 65533, 65534, 65535, 0, 1, 2 }, outputs);
    }

    [Fact]
    public void Input_PacketLostUpstream_GapIsKeptSoTheReceiverNacksIt()
    {
        var seq = new SeqManager(initialOutput: 10);

        seq.Input(1, out var first);
        seq.Input(2, out var second);
        seq.Input(5, out var fifth);

        Assert.Equal([10, 11, 14], new[] { first, second, fifth });
    }

    [Fact]
    public void Drop_NewestInputs_LaterNumbersShiftDownWithoutGap()
    {
        var seq = new SeqManager(initialOutput: 100);

        seq.Input(1, out var a);
        seq.Input(2, out var b);
        Assert.True(seq.Drop(3));
        Assert.True(seq.Drop(4));
        seq.Input(5, out var c);
        Assert.True(seq.Drop(6));
        seq.Input(7, out var d);

        Assert.Equal([100, 101, 102, 103], new[] { a, b, c, d });
    }

    [Fact]
    public void Drop_AcrossTheWrap_LaterNumbersShiftDown()
    {
        var seq = new SeqManager(initialOutput: 0);

        seq.Input(65534, out var a);
        Assert.True(seq.Drop(65535));
        Assert.True(seq.Drop(0));
        seq.Input(1, out var b);

        Assert.Equal([0, 1], new[] { a, b });
    }

    [Fact]
    public void Drop_InputOlderThanHighest_ReturnsFalseAndInputStillMapsIt()
    {
        var seq = new SeqManager(initialOutput: 50);
        seq.Input(10, out _);
        seq.Input(12, out _);

        Assert.False(seq.Drop(11));
        Assert.True(seq.Input(11, out var late));
        Assert.Equal(51, late);
    }

    [Fact]
    public void Input_DroppedInputArrivesAgain_IsRejected()
    {
        var seq = new SeqManager(initialOutput: 0);
        seq.Input(1, out _);
        seq.Drop(2);
        seq.Input(3, out var third);

        Assert.False(seq.Input(2, out _));
        Assert.Equal(1, third);
    }

    [Fact]
    public void Input_ReorderedWithinWindow_GetsTheNumberItWouldHaveHad()
    {
        var seq = new SeqManager(initialOutput: 7000);
        var outputs = new Dictionary<ushort, ushort>();
        foreach (ushort input in new ushort[] { 1, 2, 4, 3, 6, 5, 7 })
        {
            Assert.True(seq.Input(input, out var output));
            outputs[input] = output;
        }

        for (ushort input = 1; input <= 7; input++)
        {
            Assert.Equal(7000 + input - 1, outputs[input]);
        }
    }

    [Fact]
    public void Input_LatePacketBeforeAnAbsorbedDrop_IsNotShifted()
    {
        // 3 is dropped while it is the newest; 2 then arrives late. Drops shift only the inputs
        // after them, so 2 keeps its place and 4 follows it directly.
        var seq = new SeqManager(initialOutput: 0);
        seq.Input(1, out var a);
        Assert.True(seq.Drop(3));
        seq.Input(2, out var b);
        seq.Input(4, out var c);

        Assert.Equal([0, 1, 2], new[] { a, b, c });
    }

    [Fact]
    public void Input_DuplicateWithinWindow_GetsTheSameNumber()
    {
        var seq = new SeqManager(initialOutput: 300, window: 16);
        for (ushort input = 0; input < 20; input++)
        {
            seq.Input(input, out _);
        }

        Assert.True(seq.Input(10, out var again));
        Assert.Equal(310, again);
    }

    [Fact]
    public void Input_DuplicateOlderThanWindow_IsRejected()
    {
        var seq = new SeqManager(initialOutput: 300, window: 16);
        for (ushort input = 0; input <= 40; input++)
        {
            seq.Input(input, out _);
        }

        Assert.False(seq.Input(24, out var output)); // 40 - 24 = 16: one past the window
        Assert.Equal(0, output);
        Assert.True(seq.Input(25, out var inside));
        Assert.Equal(325, inside);
    }

    [Fact]
    public void Input_SenderRestartsNumbering_TwoConsecutiveFarInputsResync()
    {
        // RFC 3550 Appendix A.1: the sender jumped from 5000 to 20 (15000 behind, far outside the
        // window): the first such packet is held back as a possible stray, the second confirms.
        var seq = new SeqManager(initialOutput: 900, window: 64);
        for (ushort input = 4990; input <= 5000; input++)
        {
            seq.Input(input, out _);
        }

        Assert.False(seq.Input(20, out _));
        Assert.True(seq.Input(21, out var restarted));
        Assert.True(seq.Input(22, out var next));
        Assert.Equal([911, 912], new[] { restarted, next });
        Assert.False(seq.Input(20, out _)); // before the new anchor
    }

    [Fact]
    public void Input_FarInputsNotConsecutive_StayRejected()
    {
        var seq = new SeqManager(initialOutput: 0, window: 64);
        seq.Input(5000, out _);

        Assert.False(seq.Input(20, out _));
        Assert.False(seq.Input(30, out _));
        Assert.True(seq.Input(5001, out _));
        Assert.False(seq.Input(31, out _)); // an accepted input in between resets the probe
    }

    [Fact]
    public void Sync_NewSource_NextOutputIsLastPlusOne()
    {
        var seq = new SeqManager(initialOutput: 1);
        for (ushort input = 1000; input <= 1010; input++)
        {
            seq.Input(input, out _);
        }

        seq.Sync(50000);

        Assert.True(seq.Input(50000, out var first));
        Assert.True(seq.Input(50001, out var second));
        Assert.Equal(12, first);
        Assert.Equal(13, second);
    }

    [Fact]
    public void Sync_InputFromBeforeTheSwitchPoint_IsRejected()
    {
        var seq = new SeqManager(initialOutput: 1);
        seq.Input(1000, out _);
        seq.Sync(50000);
        seq.Input(50000, out _);

        Assert.False(seq.Input(49999, out _));
        Assert.False(seq.Input(40000, out _)); // an old-source number behind the switch point
    }

    [Fact]
    public void Sync_AfterReorderedTail_ContinuesAfterTheHighestOutput()
    {
        // The last packet processed before the switch was a late one with a lower output; the new
        // source must continue after the highest output, not after the last.
        var seq = new SeqManager(initialOutput: 65534);
        seq.Input(10, out _);
        seq.Input(12, out _);
        seq.Input(11, out _);

        seq.Sync(7);
        seq.Input(7, out var next);

        Assert.Equal(1, next); // 65534, 65535, 0 were used; next is 1
    }

    [Fact]
    public void Sync_ClearsDropsOfTheOldSource()
    {
        var seq = new SeqManager(initialOutput: 0);
        seq.Input(1, out _);
        seq.Drop(2);
        seq.Drop(3);
        seq.Sync(2);

        Assert.True(seq.Input(2, out var a));
        Assert.True(seq.Input(3, out var b));
        Assert.Equal([1, 2], new[] { a, b });
    }

    [Fact]
    public void Drop_BeforeAnyInput_AnchorsSoFirstSentIsInitialOutput()
    {
        var seq = new SeqManager(initialOutput: 500);

        Assert.True(seq.Drop(9));
        Assert.True(seq.Input(10, out var output));
        Assert.Equal(500, output);
    }

    [Fact]
    public void Drop_ManyMoreThanTheWindow_AreFoldedAndLaterInputsStayContiguous()
    {
        // A long run of drops: the list must be folded into the offset as it leaves the window.
        var seq = new SeqManager(initialOutput: 0, window: 8);
        seq.Input(65000, out _);
        for (var i = 1; i <= 1000; i++)
        {
            Assert.True(seq.Drop((ushort)(65000 + i)));
        }

        Assert.True(seq.Input(unchecked((ushort)(65000 + 1001)), out var next));
        Assert.True(seq.Input(unchecked((ushort)(65000 + 1002)), out var after));
        Assert.Equal([1, 2], new[] { next, after });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SeqManager.MaxWindow + 1)]
    public void Constructor_WindowOutOfRange_Throws(int window)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeqManager(0, window));
    }

    private enum Fate
    {
        Deliver,
        Lose,
        Drop,
    }

    private sealed record Scenario(ushort Start, ushort InitialOutput, int Window, Fate[] Fates, int[] ArrivalOrder)
    {
        public override string ToString() =>
            $"start {Start} initial {InitialOutput} window {Window} fates [{string.Join(",", Fates.Select(f => f.ToString()[0]))}] order [{string.Join(",", ArrivalOrder)}]";
    }

    // Each packet i arrives at key i + r, r in 0..maxLag, so no packet arrives more than maxLag
    // positions after a newer one: every packet is within the window when it arrives.
    private static Gen<Scenario> Scenarios(bool allowLoss) =>
        from start in Gen.Frequency((1, Gen.Choose(65000, 65535)), (1, Gen.Choose(0, 65535)))
        from initial in Gen.Frequency((1, Gen.Choose(65400, 65535)), (1, Gen.Choose(0, 65535)))
        from window in Gen.Elements(8, 64, 1024)
        from maxLag in Gen.Choose(0, Math.Min(window - 1, 40))
        from count in Gen.Choose(1, 1500)
        from fates in Gen.ArrayOf(
            allowLoss
                ? Gen.Frequency((8, Gen.Constant(Fate.Deliver)), (1, Gen.Constant(Fate.Lose)), (2, Gen.Constant(Fate.Drop)))
                : Gen.Frequency((8, Gen.Constant(Fate.Deliver)), (2, Gen.Constant(Fate.Drop))),
            count)
        from lags in Gen.ArrayOf(Gen.Choose(0, maxLag), count)
        let order = Enumerable.Range(0, count).OrderBy(i => i + lags[i]).ThenBy(i => i).ToArray()
        select new Scenario((ushort)start, (ushort)initial, window, fates, order);

    [Fact]
    public void Input_AnyLossReorderAndDrops_OutputAdvancesByExactlyTheUndroppedDistance()
    {
        var property = Prop.ForAll(Arb.From(Scenarios(allowLoss: true)), scenario => CheckScenario(scenario, requireNoGaps: false));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Input_ReorderAndDropsWithoutLoss_InOrderOutputsAreStrictlyPlusOne()
    {
        var property = Prop.ForAll(Arb.From(Scenarios(allowLoss: false)), scenario => CheckScenario(scenario, requireNoGaps: true));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    // Feeds the scenario as the Consumer would (a drop that cannot be absorbed is sent instead)
    // and checks every answer against a model in packet-index space.
    private static bool CheckScenario(Scenario s, bool requireNoGaps)
    {
        var seq = new SeqManager(s.InitialOutput, s.Window);
        var outputs = new Dictionary<int, ushort>();
        var absorbed = new HashSet<int>();
        int? anchor = null;
        var highest = -1;
        foreach (var i in s.ArrivalOrder)
        {
            if (s.Fates[i] == Fate.Lose)
            {
                continue;
            }

            anchor ??= i;
            var input = (ushort)(s.Start + i);
            if (s.Fates[i] == Fate.Drop)
            {
                var expectAbsorbed = i > highest;
                if (seq.Drop(input) != expectAbsorbed)
                {
                    Assert.Fail($"packet {i}: Drop should return {expectAbsorbed} ({s})");
                }
                highest = Math.Max(highest, i);
                if (expectAbsorbed)
                {
                    absorbed.Add(i);
                    continue;
                }
            }

            highest = Math.Max(highest, i);
            var accepted = seq.Input(input, out var output);
            if (accepted != i >= anchor)
            {
                Assert.Fail($"packet {i}: accepted {accepted}, anchor {anchor} ({s})");
            }
            if (accepted)
            {
                outputs[i] = output;
            }
        }

        // Exact: each packet sent is its distance from the anchor past the initial output, less
        // the drops absorbed before it.
        var absorbedBelow = new int[s.Fates.Length + 1];
        for (var i = 0; i < s.Fates.Length; i++)
        {
            absorbedBelow[i + 1] = absorbedBelow[i] + (absorbed.Contains(i) ? 1 : 0);
        }

        var sent = outputs.Keys.Order().ToArray();
        foreach (var i in sent)
        {
            var expected = (ushort)(s.InitialOutput + (i - anchor!.Value) - absorbedBelow[i]);
            if (expected != outputs[i])
            {
                Assert.Fail($"packet {i}: output {outputs[i]}, expected {expected} ({s})");
            }
        }

        for (var k = 1; k < sent.Length; k++)
        {
            int a = sent[k - 1], b = sent[k];
            var dropsBetween = absorbedBelow[b] - absorbedBelow[a + 1];
            var step = (ushort)(outputs[b] - outputs[a]);
            if (step != b - a - dropsBetween || (requireNoGaps && step != 1))
            {
                Assert.Fail($"{a}->{b}: step {step}, {dropsBetween} drops between ({s})");
            }
        }

        return true;
    }
}
