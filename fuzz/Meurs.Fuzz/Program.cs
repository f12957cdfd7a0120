using Meurs.Fuzz;
using SharpFuzz;

// meurs-fuzz <target>                  run under afl-fuzz (fuzz/run.sh); alone it runs once on standard input
// meurs-fuzz replay <target> <paths>   run files or folders in process, printing every finding (triage, corpus checks)
// meurs-fuzz seeds <folder>            write the seed corpora, one folder per target, from the tests' samples
// meurs-fuzz targets                   list the targets and the assemblies each one instruments
if (args is ["targets"])
{
    foreach (var target in FuzzTarget.All)
    {
        Console.WriteLine($"{target.Name} {string.Join(' ', target.Assemblies)}");
    }
    return 0;
}

if (args is ["seeds", var seedFolder])
{
    foreach (var (name, count) in Seeds.Write(seedFolder))
    {
        Console.WriteLine($"{name}: {count} seeds");
    }
    return 0;
}

if (args is ["replay", var replayName, .. var paths] && FuzzTarget.Find(replayName) is { } replayTarget)
{
    return Replay.Run(replayTarget, paths);
}

if (args is [var targetName] && FuzzTarget.Find(targetName) is { } fuzzTarget)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        fuzzTarget.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

Console.Error.WriteLine($"usage: meurs-fuzz <{string.Join('|', FuzzTarget.All.Select(t => t.Name))}> | replay <target> <paths...> | seeds <folder> | targets");
return 2;
