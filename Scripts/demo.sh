#!/usr/bin/env bash
# Installs what is needed, builds vet, and works the bundled ferry case end to end
# in Workspaces/demo: ingest the wire report, its update and a rewritten copy,
# mark and annotate claims, read a claim's history, and check the result with git.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
# Release, with the Swift runtime linked in: the way to install vet (copy the binary anywhere).
build=(swift build -c release --static-swift-stdlib)
"${build[@]}" --product vet
exec Examples/walkthrough.sh "$("${build[@]}" --show-bin-path)/vet" Workspaces/demo
