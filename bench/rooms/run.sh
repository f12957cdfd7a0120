#!/usr/bin/env bash
# Room fan-out benchmark: builds Meurs.Web (Release), then runs bench/Meurs.Bench.Rooms against it.
# Arguments go to the bench: [--clients 100,1000] [--rate 20] [--seconds 10] [--senders 10]. See bench/Meurs.Bench.Rooms/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release Meurs.Web
exec dotnet run -c Release --project bench/Meurs.Bench.Rooms -- "$@"
