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

# The wire agency's site, played by nginx on this machine serving Examples/ferry/site:
# the demo stays offline. Started on a free port; stopped when the script ends.
site=$(mktemp -d)
server=""
stop_site() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$site"; }
trap stop_site EXIT
nginx=$(command -v nginx || echo /usr/sbin/nginx)
for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  mkdir -p "$site/tmp"
  cat > "$site/nginx.conf" <<CONF
worker_processes 1;
daemon off;
$([ "$(id -u)" -eq 0 ] && echo "user root;")
error_log $site/error.log;
pid $site/nginx.pid;
events { worker_connections 16; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $site/tmp/body; proxy_temp_path $site/tmp/proxy; fastcgi_temp_path $site/tmp/fastcgi;
  uwsgi_temp_path $site/tmp/uwsgi; scgi_temp_path $site/tmp/scgi;
  server { listen 127.0.0.1:$port; root $here/ferry/site; }
}
CONF
  "$nginx" -c "$site/nginx.conf" -p "$site" 2>/dev/null &
  server=$!
  for wait in 1 2 3 4 5 6 7 8 9 10; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break 2; fi
    sleep 0.2
  done
  kill "$server" 2>/dev/null || true
  server=""
done
[ -n "$server" ] || { echo "walkthrough: could not start nginx to serve the example site" >&2; exit 1; }

rm -rf "$workspace" "$workspace-diff.html"
step "$vet" init "$workspace"
cd "$workspace"

# 1. The wire report is published: fetch the page, store its article and extract its claims.
step "$vet" source add "http://127.0.0.1:$port/ferry-capsizes.html" --id wire --outlet "Meridian Wire" --reliability B
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
