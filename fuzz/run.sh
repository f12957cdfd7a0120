#!/usr/bin/env bash
# fuzz/run.sh <target> <seconds> — build the harnesses, instrument the target's assembly with sharpfuzz, run afl-fuzz
# for <seconds> from the checked-in seeds, then print executions, paths and crashes from afl's fuzzer_stats and replay
# every crash in process with its stack trace. Targets: stun rtp rtcp sdp dtls json. Not part of CI.
# The machine is shared: run it as `nice -n 19 fuzz/run.sh <target> <seconds>`.
set -euo pipefail

if [[ $# -ne 2 || ! $2 =~ ^[0-9]+$ ]]; then
  echo "usage: fuzz/run.sh <stun|rtp|rtcp|sdp|dtls|json> <seconds>" >&2
  exit 2
fi
target=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=$here/out
seeds=$here/corpus/$target
[[ -d $seeds ]] || { echo "no seed corpus at $seeds" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install -y afl++" >&2; exit 1; }

mkdir -p "$work"
(cd "$repo" && dotnet tool restore >/dev/null)
# FUZZ_NO_BUILD=1 reuses the last publish (several targets in a row while the tree changes).
if [[ ${FUZZ_NO_BUILD:-} != 1 || ! -f $work/publish/Meurs.Fuzz.dll ]]; then
  echo "== publishing fuzz/Meurs.Fuzz (Release)"
  dotnet publish "$here/Meurs.Fuzz/Meurs.Fuzz.csproj" -c Release -o "$work/publish" --nologo -v quiet >/dev/null
fi

assemblies=$(dotnet "$work/publish/Meurs.Fuzz.dll" targets | awk -v t="$target" '$1 == t { $1 = ""; print }')
[[ -n $assemblies ]] || { echo "unknown target '$target'" >&2; exit 2; }

# A fresh copy per target: sharpfuzz instruments in place, and only the target's own parser should steer afl.
bin=$work/$target/bin
findings=$work/$target/findings
rm -rf "$work/$target"
mkdir -p "$work/$target"
cp -r "$work/publish" "$bin"
for assembly in $assemblies; do
  echo "== instrumenting $assembly"
  (cd "$repo" && dotnet tool run sharpfuzz "$bin/$assembly")
done

echo "== afl-fuzz $target for ${seconds}s"
# dotnet is not an afl binary (SKIP_BIN_CHECK); the .NET fork server is SharpFuzz's. -t is generous for the JIT's first
# runs; -m none because the runtime reserves far more address space than afl's default allows.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  afl-fuzz -i "$seeds" -o "$findings" -V "$seconds" -t 10000 -m none -- dotnet "$bin/Meurs.Fuzz.dll" "$target" \
  > "$work/$target/afl.log" 2>&1 || { tail -40 "$work/$target/afl.log"; exit 1; }

stats=$findings/default/fuzzer_stats
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "== $target: $(stat run_time)s"
echo "executions: $(stat execs_done) ($(stat execs_per_sec)/s)"
echo "paths: $(stat corpus_count) in the corpus ($(stat corpus_found) found), $(stat edges_found) edges of $(stat total_edges) ($(stat bitmap_cvg))"
echo "crashes: $(stat saved_crashes), hangs: $(stat saved_hangs)"
echo "command: nice -n 19 fuzz/run.sh $target $seconds"
crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
if [[ $crashes -gt 0 ]]; then
  echo "== replaying $crashes crash(es) from $findings/default/crashes"
  # The uninstrumented build: instrumented code writes to afl's shared memory, which only exists under afl-fuzz.
  dotnet "$work/publish/Meurs.Fuzz.dll" replay "$target" "$findings/default/crashes" || true
fi
