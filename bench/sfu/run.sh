#!/usr/bin/env bash
# SFU load benchmark: builds Meurs.Web (Release), then runs bench/Meurs.Bench.Sfu against it and against Debian's
# janus (apt-get install -y janus) in the same invocation.
# Arguments go to the bench: [--subscribers 10,50,100] [--seconds 10] [--kinds video,audio] [--sfu meurs,janus]. See
# bench/Meurs.Bench.Sfu/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release Meurs.Web
exec dotnet run -c Release --project bench/Meurs.Bench.Sfu -- "$@"
