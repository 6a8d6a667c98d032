#!/usr/bin/env bash
# The ferry case, end to end: the demo, and an end-to-end test (the test suite
# runs it and checks the workspace with the git CLI afterwards).
#
# usage: Examples/walkthrough.sh [VET] [WORKSPACE]
#   VET        the vet binary (default: vet on PATH)
#   WORKSPACE  where to build the demo workspace (default: Workspaces/demo); replaced if present
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vet=${1:-vet}
workspace=${2:-"$here/../Workspaces/demo"}
case "$vet" in /*) ;; */*) vet="$PWD/$vet" ;; esac
# The script works inside the workspace, so paths made from it must not be relative.
case "$workspace" in /*) ;; *) workspace="$PWD/$workspace" ;; esac

# The demo needs a git identity; use the machine's, or a demo one.
if ! git config user.email >/dev/null 2>&1 && [ -z "${GIT_AUTHOR_EMAIL:-}" ]; then
  export GIT_AUTHOR_NAME="Demo Analyst" GIT_AUTHOR_EMAIL="analyst@example.org"
  export GIT_COMMITTER_NAME="Demo Analyst" GIT_COMMITTER_EMAIL="analyst@example.org"
fi

bold=""; plain=""
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m'; plain=$'\033[0m'; fi
step() {
  printf '\n%s$ %s%s\n' "$bold" "$(echo "$*" | sed "s|$vet|vet|g; s|$here/||g")" "$plain"
  "$@"
}

rm -rf "$workspace" "$workspace-diff.html"
step "$vet" init "$workspace"
cd "$workspace"

# 1. The wire report lands: store it and extract its claims.
step "$vet" source add "$here/ferry/wire-v1.txt" --id wire --outlet "Meridian Wire" --reliability B \
  --published 2026-11-20T09:00:00Z --url https://meridian.example/ferry-capsizes
step "$vet" claim list --status unverified

# 2. Work the casualty figure.
toll=$("$vet" claim list --grep "feared drowned" --source wire -q | tail -1)
step "$vet" note "${toll:0:6}" "Port authority switchboard: figures expected at 18:00" \
  --evidence https://meridian.example/ferry-capsizes
rescued=$("$vet" claim list --grep "212 people" -q | head -1)
step "$vet" confirm "${rescued:0:6}" --note "Coast guard statement lists 212 rescued" \
  --evidence https://coastguard.example/statements/sella-marin-1

# 3. The wire updates its story: record version 2; restated claims get a new appearance and their drift.
step "$vet" source update wire "$here/ferry/wire-v2.txt"
step "$vet" mark "${toll:0:6}" disputed --note "v2 says 43 drowned; the ministry still gives no figure"

# 4. A rewritten copy circulates: its sentences link to the wire's claims, with what drifted.
step "$vet" source add "$here/ferry/rewrite.txt" --id dailycopy --outlet "The Daily Copy" --reliability D

# 5. How the copy differs from the wire, in meaning; and a page to mail an editor.
step "$vet" diff wire@1 dailycopy
step "$vet" diff wire@1 dailycopy --html "$workspace-diff.html"
step "$vet" diff --since HEAD~3

# 6. Review.
step "$vet" log "${toll:0:6}"
step "$vet" claim show "${toll:0:6}"
step "$vet" status
step "$vet" source list

# 7. The git CLI agrees: a healthy repository, a clean tree, one commit per operation.
step git fsck --strict --no-progress
test -z "$(git status --porcelain)" && echo "working tree clean"
step git log --format='%h %an: %s' -n 8
echo
echo "Demo workspace: $workspace"
echo "Diff report:    $workspace-diff.html"
