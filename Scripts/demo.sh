#!/usr/bin/env bash
# Installs what is needed, builds vet, and works the bundled ferry case end to end
# in Workspaces/demo: ingest the wire report, its update and a rewritten copy,
# mark and annotate claims, read a claim's history, and check the result with git.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build -c release --product vet >/dev/null
exec Examples/walkthrough.sh "$(swift build -c release --show-bin-path)/vet" Workspaces/demo
