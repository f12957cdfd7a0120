#!/usr/bin/env bash
# Text-channel benchmark (issue 11): builds Meurs.Web (Release), then runs bench/Meurs.Bench.Channels against it.
# Arguments go to the bench: [--subscribers 200] [--seconds 10] [--rate 10] [--writers 4] [--concurrency 8] [--users N].
# See bench/channels/README.md. The Markdown report goes to stdout, progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release Meurs.Web
exec dotnet run -c Release --project bench/Meurs.Bench.Channels -- "$@"
