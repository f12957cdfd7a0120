#!/usr/bin/env bash
# Generates the sample library that ships with Meurs, so a fresh checkout never
# shows an empty library. Every file is synthesised here from test-signal
# generators (sox, ffmpeg lavfi) and speech synthesis (espeak-ng): no recorded or
# third-party material is involved, so the samples are free of any license.
#
# Usage:  media/make-samples.sh            # create samples that are missing
#         media/make-samples.sh --force    # rebuild every sample
#
# Existing files are left alone by default: encoder versions differ between
# machines, and rebuilding would churn the committed bytes (and the durations
# that Meurs.Tests/Web/Library/LibraryTagsTests.cs pins) for no gain.
#
# Requires: bash, sox, espeak-ng, ffmpeg (with libvorbis, libopus, libmp3lame,
# libvpx, libx264, aac). Keep the whole set to a few hundred KiB: check with
#   du -sh media
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
music="$here/music"
videos="$here/videos"

force=0
if [[ "${1:-}" == "--force" ]]; then
  force=1
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--force]" >&2
  exit 2
fi

for tool in sox espeak-ng ffmpeg; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# -bitexact and -map_metadata -1 keep encoder version strings and dates out of
# the output, and sox -R (repeatable mode) fixes its dither seed, so rebuilding
# on the same toolchain gives the same bytes.
ff=(ffmpeg -hide_banner -loglevel error -nostdin -y)
bitexact=(-map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact)

# want <target>: true when <target> must be (re)built. Builders write to a temp
# file first and then move it in place, so an interrupted run never leaves a
# half-written sample that later runs would skip.
want() {
  [[ $force -eq 1 || ! -s "$1" ]]
}

publish() { # publish <temp> <target>
  mkdir -p "$(dirname "$2")"
  mv -f "$1" "$2"
  printf '  %-40s %6s bytes\n' "${2#"$here"/}" "$(stat -c %s "$2")"
}

echo "Generating samples in $here"

# music/Tones/a440-sine.ogg — concert A (440 Hz) for 8 s, Ogg Vorbis, mono
# 22.05 kHz at the lowest quality setting; short fades avoid clicks.
out="$music/Tones/a440-sine.ogg"
if want "$out"; then
  "${ff[@]}" -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=8" \
    -af "afade=t=in:d=0.2,afade=t=out:st=7.6:d=0.4,volume=0.5" \
    -ac 1 -c:a libvorbis -q:a 0 "${bitexact[@]}" "$work/a440.ogg"
  publish "$work/a440.ogg" "$out"
fi

# music/Speech/welcome-to-meurs.mp3 — espeak-ng reads a short greeting (~5 s);
# libmp3lame encodes it as 32 kbit/s CBR mono, which also writes an Info header.
out="$music/Speech/welcome-to-meurs.mp3"
if want "$out"; then
  espeak-ng -v en-gb -s 150 -w "$work/welcome.wav" \
    "Welcome to Meurs. This sample was made by a speech synthesiser."
  "${ff[@]}" -i "$work/welcome.wav" -ar 22050 -ac 1 -c:a libmp3lame -b:a 32k \
    "${bitexact[@]}" "$work/welcome.mp3"
  publish "$work/welcome.mp3" "$out"
fi

# music/chord-progression.opus — a I–V–vi–IV progression in C (2.5 s per chord,
# 10 s total) of plucked strings from sox's synth, strummed with small delays and
# mixed to mono, then encoded as Ogg Opus at 24 kbit/s.
out="$music/chord-progression.opus"
if want "$out"; then
  chord() { # chord <name> <note>... : one strummed 2.5 s chord
    local name="$1"; shift
    local synth=() delays=() d=0
    for n in "$@"; do
      synth+=(pluck "$n")
      delays+=("$d")
      d="$(awk -v d="$d" 'BEGIN { print d + 0.04 }')"
    done
    sox -R -q -n -r 48000 -c 1 "$work/$name.wav" synth 2.5 "${synth[@]}" \
      delay "${delays[@]}" remix - fade 0 2.5 0.3 norm -3 trim 0 2.5
  }
  chord c  C3 E3 G3 C4 E4
  chord g  G2 D3 G3 B3 D4
  chord am A2 E3 A3 C4 E4
  chord f  F2 C3 F3 A3 C4
  sox -R -q "$work/c.wav" "$work/g.wav" "$work/am.wav" "$work/f.wav" "$work/chords.wav"
  "${ff[@]}" -i "$work/chords.wav" -ac 1 -c:a libopus -b:a 24k "${bitexact[@]}" "$work/chords.opus"
  publish "$work/chords.opus" "$out"
fi

# music/short-beep.wav — 1 s, 1 kHz beep, 8 kHz mono 16-bit PCM (16 KB).
out="$music/short-beep.wav"
if want "$out"; then
  sox -R -q -n -r 8000 -c 1 -b 16 -e signed-integer "$work/beep.wav" \
    synth 1 sine 1000 fade 0.02 1 0.05 vol 0.5
  publish "$work/beep.wav" "$out"
fi

# music/Tones/sweep.flac — 3 s logarithmic sweep 100 Hz → 3.5 kHz, FLAC,
# 8 kHz mono 16-bit (Chromium decodes FLAC at any standard rate).
out="$music/Tones/sweep.flac"
if want "$out"; then
  sox -R -q -n -r 8000 -c 1 -b 16 "$work/sweep.wav" synth 3 sine 100:3500 fade 0.05 3 0.1 vol 0.5
  "${ff[@]}" -i "$work/sweep.wav" -c:a flac -compression_level 8 "${bitexact[@]}" "$work/sweep.flac"
  publish "$work/sweep.flac" "$out"
fi

# videos/test-pattern.webm — ffmpeg's testsrc2 pattern with a 660 Hz tone, 6 s,
# 320x180 at 15 fps, VP9 (~80 kbit/s) + Opus (24 kbit/s) in WebM.
out="$videos/test-pattern.webm"
if want "$out"; then
  "${ff[@]}" -f lavfi -i "testsrc2=size=320x180:rate=15:duration=6" \
    -f lavfi -i "sine=frequency=660:sample_rate=48000:duration=6" \
    -af "volume=0.3" -ac 1 \
    -c:v libvpx-vp9 -b:v 80k -deadline good -cpu-used 4 -row-mt 1 -pix_fmt yuv420p \
    -c:a libopus -b:a 24k -shortest "${bitexact[@]}" "$work/pattern.webm"
  publish "$work/pattern.webm" "$out"
fi

# videos/countdown.mp4 — a 5 → 1 countdown drawn over a colour field with a beep
# on every second, 5 s, 320x180 at 15 fps, H.264 Constrained Baseline + AAC-LC,
# moov moved to the front (+faststart) so browsers can start before the end.
# Without a usable font it falls back to ffmpeg's testsrc (which shows a counter).
out="$videos/countdown.mp4"
if want "$out"; then
  font="$(fc-match -f '%{file}' 'DejaVu Sans:bold' 2>/dev/null || true)"
  if [[ -n "$font" && -f "$font" ]]; then
    video_in=(-f lavfi -i "color=c=0x203040:size=320x180:rate=15:duration=5")
    vf="drawtext=fontfile='$font':text='%{eif\:5-floor(t)\:d}':fontsize=120:fontcolor=white:x=(w-tw)/2:y=(h-th)/2"
  else
    video_in=(-f lavfi -i "testsrc=size=320x180:rate=15:duration=5")
    vf="null"
  fi
  # The beep: a 880 Hz tone gated to the first 0.15 s of every second.
  "${ff[@]}" "${video_in[@]}" \
    -f lavfi -i "sine=frequency=880:sample_rate=44100:duration=5" \
    -vf "$vf" -af "volume='if(lt(mod(t,1),0.15),0.4,0)':eval=frame" -ac 1 \
    -c:v libx264 -profile:v baseline -level 3.0 -preset veryslow -b:v 60k -pix_fmt yuv420p \
    -c:a aac -b:a 32k -shortest -movflags +faststart "${bitexact[@]}" "$work/countdown.mp4"
  publish "$work/countdown.mp4" "$out"
fi

# music/the-test-tones/signal-garden/ — a tagged album of three short tracks by
# "The Test Tones", each with the same embedded front cover (a 128x128 JPEG
# gradient under 1 KiB), to show albums, artists and covers in the library.
album="$music/the-test-tones/signal-garden"
tags() { # tags <title> <track>: ffmpeg options, one a line
  printf '%s\n' -metadata "title=$1" -metadata "artist=The Test Tones" -metadata "album=Signal Garden" \
    -metadata "track=$2" -metadata "date=2026"
}
cover_tags=(-metadata:s:v "title=Album cover" -metadata:s:v "comment=Cover (front)")
if [[ $force -eq 1 || ! -s "$album/01-morning-chord.flac" || ! -s "$album/02-paper-boats.mp3" || ! -s "$album/03-slow-sweep.m4a" ]]; then
  "${ff[@]}" -f lavfi -i "gradients=size=128x128:c0=0x1d4e89:c1=0xf4a259:x0=0:y0=0:x1=128:y1=128:nb_colors=2:duration=1" \
    -frames:v 1 -q:v 6 "$work/cover.jpg"
  mapfile -t t1 < <(tags "Morning Chord" 1)
  mapfile -t t2 < <(tags "Paper Boats" 2)
  mapfile -t t3 < <(tags "Slow Sweep" 3)

  # 01 — a C major chord decaying over 4 s, FLAC 8 kHz mono, cover as attached picture.
  "${ff[@]}" -f lavfi -i "aevalsrc=0.3*sin(2*PI*261.63*t)*exp(-t)+0.3*sin(2*PI*329.63*t)*exp(-t)+0.3*sin(2*PI*392*t)*exp(-t):s=8000:d=4" \
    -i "$work/cover.jpg" -map 0:a -map 1:v -c:a flac -compression_level 8 -c:v copy -disposition:v attached_pic \
    "${cover_tags[@]}" "${t1[@]}" -fflags +bitexact "$work/01.flac"
  publish "$work/01.flac" "$album/01-morning-chord.flac"

  # 02 — 5 s of 330 Hz, MP3 32 kbit/s CBR with a LAME Info header (the case TagLib times wrongly), ID3v2.3 APIC.
  "${ff[@]}" -f lavfi -i "sine=frequency=330:sample_rate=22050:duration=5" -i "$work/cover.jpg" -map 0:a -map 1:v \
    -af "afade=t=out:st=4.5:d=0.5,volume=0.4" -ac 1 -c:a libmp3lame -b:a 32k -c:v copy -id3v2_version 3 \
    "${cover_tags[@]}" "${t2[@]}" -fflags +bitexact "$work/02.mp3"
  publish "$work/02.mp3" "$album/02-paper-boats.mp3"

  # 03 — 4 s of 220 Hz, AAC-LC 24 kbit/s in MP4 (.m4a), cover as attached picture.
  "${ff[@]}" -f lavfi -i "sine=frequency=220:sample_rate=22050:duration=4" -i "$work/cover.jpg" -map 0:a -map 1:v \
    -af "volume=0.4" -ac 1 -c:a aac -b:a 24k -c:v copy -disposition:v attached_pic \
    "${t3[@]}" -movflags +faststart -fflags +bitexact "$work/03.m4a"
  publish "$work/03.m4a" "$album/03-slow-sweep.m4a"
fi

# videos/recorded-clip.webm — written the way a browser's MediaRecorder writes
# WebM (-live 1: no Duration element, no Cues, clusters of unknown size), VP8 +
# Opus, 4 s, 320x180. TagLib reads 0 s and ffprobe's format duration is N/A; only
# its packets tell the length.
out="$videos/recorded-clip.webm"
if want "$out"; then
  "${ff[@]}" -f lavfi -i "testsrc2=size=320x180:rate=15:duration=4" \
    -f lavfi -i "sine=frequency=500:sample_rate=48000:duration=4" -af "volume=0.3" -ac 1 \
    -c:v libvpx -b:v 60k -c:a libopus -b:a 24k -live 1 -f webm "${bitexact[@]}" "$work/recorded.webm"
  publish "$work/recorded.webm" "$out"
fi

echo "Total: $(du -sh "$here" | cut -f1)"
