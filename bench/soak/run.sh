#!/usr/bin/env bash
# Soak battery (issue 10): builds Meurs.Web (Release) and bench/Meurs.Bench.Battery, then holds 1,000 WebSocket clients
# in 20 rooms chatting at 20 messages/s for 60 minutes, counting seq gaps, duplicates, out-of-order events, p99
# delivery, 5xx answers and server memory growth after warm-up.
# Options: [--minutes 60] [--clients 1000] [--rooms 20] [--users 100] [--rate 20] [--port 5632].
# See bench/soak/README.md. The machine is shared: `nice -n 19 bench/soak/run.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release Meurs.Web --nologo -v quiet >&2
dotnet build -c Release bench/Meurs.Bench.Battery --nologo -v quiet >&2
# Each client is a descriptor here and one in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec dotnet bench/Meurs.Bench.Battery/bin/Release/net10.0/Meurs.Bench.Battery.dll soak "$@"
