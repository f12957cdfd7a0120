using FsCheck;
using FsCheck.Fluent;

namespace Meurs.Tests.Support;

/// <summary>
/// The tests' one generator of damaged packets, for the parsers' "never throws" properties: a valid seed with one to
/// four edits, each a flipped bit, an overwritten byte, a cut, an inserted byte, 1–64 bytes appended, the last byte
/// (a padding count in RTP/RTCP) replaced, or one of the format's length fields pushed to an extreme (zero, all ones,
/// about the real length, or any value), since length fields are where parsers go wrong.
/// </summary>
internal static class MutatedPackets
{
    private static readonly Gen<byte> Bytes = Gen.Choose(0, 255).Select(b => (byte)b);

    /// <summary>Mutations (one to four edits each) for a format whose length and count fields are <paramref name="lengthFields"/>.</summary>
    public static Gen<Mutation> Mutations(IReadOnlyList<LengthField> lengthFields)
    {
        var edit =
            from kind in Gen.Choose(0, 6)
            from at in Gen.Choose(0, int.MaxValue)
            from value in Gen.Choose(0, int.MaxValue)
            from extra in Gen.Choose(1, 64).SelectMany(n => Gen.ArrayOf(Bytes, n))
            select new Edit(kind, at, value, extra);
        return Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(edit, n)).Select(edits => new Mutation(edits, lengthFields));
    }

    /// <summary>
    /// Packets made from <paramref name="seeds"/>; <paramref name="lengthFields"/> are the format's length and count
    /// fields (those past a packet's end are skipped).
    /// </summary>
    public static Gen<byte[]> From(IReadOnlyList<byte[]> seeds, IReadOnlyList<LengthField> lengthFields) =>
        from seed in Gen.Elements(seeds.AsEnumerable())
        from mutation in Mutations(lengthFields)
        select mutation.Apply(seed);

    /// <summary>
    /// <paramref name="count"/> mutations drawn at once, for loops whose next seed depends on state (a handshake's
    /// progress, which receiver gets the packet) and so cannot be a property over fixed seeds.
    /// </summary>
    public static Mutation[] Sample(IReadOnlyList<LengthField> lengthFields, int count) => Gen.Sample(Mutations(lengthFields), count);

    /// <summary>
    /// Checks <paramref name="exercise"/> (true when the invariants held; throwing fails too) on
    /// <paramref name="count"/> packets from <paramref name="packets"/>; a failure names the packet.
    /// </summary>
    public static void NeverThrow(Gen<byte[]> packets, Func<byte[], bool> exercise, int count = 20_000) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), Prop.ForAll(Arb.From(packets), exercise));

    /// <summary>One edit; <c>At</c> and <c>Value</c> are reduced modulo what the packet in hand allows.</summary>
    internal sealed record Edit(int Kind, int At, int Value, byte[] Extra);
}

/// <summary>One generated mutation: edits applied to whichever seed is in hand.</summary>
internal sealed class Mutation(MutatedPackets.Edit[] edits, IReadOnlyList<LengthField> lengthFields)
{
    /// <summary>The edits applied to a copy of <paramref name="seed"/>.</summary>
    public byte[] Apply(byte[] seed)
    {
        var packet = seed.ToList();
        foreach (var edit in edits)
        {
            switch (edit.Kind)
            {
                case 0 when packet.Count > 0:
                    var bit = edit.At % (packet.Count * 8);
                    packet[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1 when packet.Count > 0:
                    packet[edit.At % packet.Count] = (byte)edit.Value;
                    break;
                case 2:
                    packet.RemoveRange(edit.At % (packet.Count + 1), packet.Count - (edit.At % (packet.Count + 1)));
                    break;
                case 3:
                    packet.Insert(edit.At % (packet.Count + 1), (byte)edit.Value);
                    break;
                case 4:
                    packet.AddRange(edit.Extra);
                    break;
                case 5 when packet.Count > 0:
                    packet[^1] = (byte)edit.Value;
                    break;
                case 6 when lengthFields.Count > 0:
                    var field = lengthFields[edit.At % lengthFields.Count];
                    if (field.Offset + field.Width <= packet.Count)
                    {
                        var max = (1L << (8 * field.Width)) - 1;
                        var extreme = (edit.Value % 4) switch
                        {
                            0 => 0,
                            1 => max,
                            2 => Math.Clamp(packet.Count - (field.CountedFrom ?? field.Offset + field.Width) + (edit.Value % 17) - 8, 0, max),
                            _ => edit.Value & max,
                        };
                        for (var i = 0; i < field.Width; i++)
                        {
                            packet[field.Offset + i] = (byte)(extreme >> (8 * (field.Width - 1 - i)));
                        }
                    }
                    break;
            }
        }
        return [.. packet];
    }
}

/// <summary>
/// A big-endian length or count field of a packet format: <paramref name="Offset"/> and <paramref name="Width"/> in
/// bytes; <paramref name="CountedFrom"/> is where the bytes it counts begin (default: right after it), so "about the
/// real length" lands near the truth and the parser walks what follows.
/// </summary>
internal sealed record LengthField(int Offset, int Width, int? CountedFrom = null)
{
    /// <summary>Every single byte from <paramref name="offset"/> for <paramref name="count"/> bytes, for headers packed with counts and flags.</summary>
    public static IReadOnlyList<LengthField> EachByte(int offset, int count) =>
        [.. Enumerable.Range(offset, count).Select(o => new LengthField(o, 1))];
}
