using Microsoft.Playwright;

namespace Meurs.E2E;

/// <summary>
/// Debian's Chromium driven by Playwright. Playwright never downloads a browser here: it launches /usr/bin/chromium
/// (or MEURS_CHROMIUM) with the flags a root user on a closed network needs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MEURS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required",
                // Calls: a synthetic camera and microphone, permission prompts accepted, WebRTC over loopback
                // (DESIGN.md §6), and the current tab offered when a page asks to share a screen.
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
                // A steady tone as everyone's microphone (looped), so people "speak" continuously; the default fake
                // microphone only clicks briefly twice a second, too short to count as speech.
                "--use-file-for-fake-audio-capture=" + ToneFile(),
                "--auto-accept-this-tab-capture", "--auto-select-tab-capture-source-by-title=Meurs",
            ],
        });
    }

    // One second of a 440 Hz sine at about -12 dBFS, 48 kHz 16-bit mono PCM in a RIFF/WAVE file.
    private static string ToneFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "meurs-e2e-tone.wav");
        const int rate = 48000;
        var samples = new short[rate];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate));
        }
        using var file = new BinaryWriter(File.Create(path));
        file.Write("RIFF"u8);
        file.Write(36 + (samples.Length * 2));
        file.Write("WAVEfmt "u8);
        file.Write(16);
        file.Write((short)1); // PCM
        file.Write((short)1); // mono
        file.Write(rate);
        file.Write(rate * 2);
        file.Write((short)2);
        file.Write((short)16);
        file.Write("data"u8);
        file.Write(samples.Length * 2);
        foreach (var sample in samples)
        {
            file.Write(sample);
        }
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
