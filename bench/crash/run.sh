#!/usr/bin/env bash
# Crash battery (issue 10): builds Meurs.Web (Release) and bench/Meurs.Bench.Battery, then kills the server with -9 at
# random moments during 200 chat writes/s and checks every acknowledged message and PRAGMA integrity_check after each
# restart. Options: [--rounds 100] [--rate 200] [--writers 4] [--port 5631] [--max-ms 4000] [--seed 1]. Needs sqlite3.
# See bench/crash/README.md. The machine is shared: `nice -n 19 bench/crash/run.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
dotnet build -c Release Meurs.Web --nologo -v quiet >&2
dotnet build -c Release bench/Meurs.Bench.Battery --nologo -v quiet >&2
exec dotnet bench/Meurs.Bench.Battery/bin/Release/net10.0/Meurs.Bench.Battery.dll crash "$@"
