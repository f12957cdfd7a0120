using Meurs.Bench.Battery;

// meurs-battery crash [--rounds 100] [--rate 200] [--writers 4] [--port 5631] [--max-ms 4000] [--seed 1]
// meurs-battery soak  [--minutes 60] [--clients 1000] [--rooms 20] [--users 100] [--rate 20] [--port 5632]
// The Markdown report goes to stdout, progress to stderr. Everything is on 127.0.0.1.
var (mode, defaults) = args.FirstOrDefault() switch
{
    "crash" => ("crash", CrashRun.Defaults),
    "soak" => ("soak", SoakRun.Defaults),
    _ => (null, null),
};
if (mode is null || defaults is null)
{
    Console.Error.WriteLine("usage: meurs-battery crash|soak [--option N ...]");
    return 2;
}
var options = Options.Parse(args[1..], defaults, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}
if (!File.Exists(MeursServer.Dll))
{
    Console.Error.WriteLine($"{MeursServer.Dll} is missing: run `dotnet build -c Release Meurs.Web` first (run.sh does).");
    return 2;
}
return mode == "crash" ? await CrashRun.RunAsync(options) : await SoakRun.RunAsync(options);
