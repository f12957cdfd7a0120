#!/usr/bin/env bash
# Listening-session sync benchmark (issue 12): builds Meurs.Web (Release), then runs bench/Meurs.Bench.Listen against it.
# Arguments go to the bench: [--clients 2,10] [--seconds 60] [--warmup 10] [--seeks 4] [--seek-every 10]
# [--max-offset-ms 5000] [--seed 12] [--chromium]. See bench/listen/README.md. The Markdown report goes to stdout,
# progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release Meurs.Web
exec dotnet run -c Release --project bench/Meurs.Bench.Listen -- "$@"
