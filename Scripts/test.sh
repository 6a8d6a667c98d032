#!/usr/bin/env bash
# Runs every test: installs what is needed, builds, and runs the whole suite
# (unit, end-to-end against the built vet binary, interoperability with the git CLI,
# concurrency and crash tests, the reporting-diff evaluation bars, the walkthrough).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
# The house style (.swift-format) is checked first: a formatting slip fails fast.
Scripts/format.sh --lint
# Tests commit with git; give them an identity when the machine has none.
export GIT_CONFIG_NOSYSTEM=1
swift build --build-tests
swift test --skip-build --parallel --num-workers 2
