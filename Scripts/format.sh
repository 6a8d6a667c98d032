#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the checked-in
# .swift-format (2-space indent, no force unwrap or force try, ordered imports).
#   Scripts/format.sh          rewrite files in place
#   Scripts/format.sh --lint   report what differs and fail if anything does (CI runs this), change nothing
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--lint" ]; then
  exec swift format lint --strict --recursive --configuration .swift-format Sources Tests
fi
exec swift format format --in-place --recursive --configuration .swift-format Sources Tests
