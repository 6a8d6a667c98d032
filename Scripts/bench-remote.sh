#!/usr/bin/env bash
# Times `vet clone` and `vet pull` of a large workspace over git:// against
# `git clone` and `git pull` of the same repository, from the same git daemon,
# interleaved run by run, and prints the medians and the ratios.
#
#   Scripts/bench-remote.sh [CLAIMS] [RUNS] [NEW_COMMITS]
#
# CLAIMS (default 10000) claims with as many commits of history are generated
# by vet-bench; the pull brings NEW_COMMITS (default 100) vet marks made in
# another clone. SCRATCH=path picks the SwiftPM scratch folder.
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${1:-10000}
runs=${2:-5}
new_commits=${3:-100}
scratch=(); [ -n "${SCRATCH:-}" ] && scratch=(--scratch-path "$SCRATCH")

swift build -c release "${scratch[@]}" --product vet >/dev/null
swift build -c release "${scratch[@]}" --product vet-bench >/dev/null
bin=$(swift build -c release "${scratch[@]}" --show-bin-path)
vet="$bin/vet"

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
export GIT_AUTHOR_NAME="Bench Analyst" GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME="Bench Analyst" GIT_COMMITTER_EMAIL=bench@example.org

work=$(mktemp -d /tmp/vet-bench-remote.XXXXXX)
daemon_pid=""
cleanup() {
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Generating a workspace of $claims claims..." >&2
"$bin/vet-bench" generate "$work/source" --claims "$claims" --commits "$claims" 2>/dev/null
mkdir -p "$work/served"
git clone -q --bare "$work/source" "$work/served/old.git"
# The same workspace after another analyst's day of work: NEW_COMMITS marks.
git clone -q "$work/served/old.git" "$work/writer"
# (sed reads to the end, so no SIGPIPE upsets pipefail.)
ids=$(git -C "$work/writer" ls-tree -r --name-only HEAD claims | sed -n "1,${new_commits}p" | sed 's|.*/||; s|\.md$||')
for id in $ids; do (cd "$work/writer" && "$vet" mark "$id" disputed --note "bench pull" >/dev/null); done
git clone -q --bare "$work/writer" "$work/served/new.git"
for repo in old new; do git -C "$work/served/$repo.git" gc -q; done

port=$((20000 + RANDOM % 20000))
timeout 3600 git daemon --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$work/served" \
  --export-all "$work/served" &
daemon_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
url="git://127.0.0.1:$port"

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

vet_clone=(); git_clone=(); vet_pull=(); git_pull=()
time_clone() { # vet|git run
  local t0 t1
  t0=$(now)
  if [ "$1" = vet ]; then "$vet" clone -q "$url/new.git" "$work/runs/vc$2" >/dev/null; else git clone -q "$url/new.git" "$work/runs/gc$2"; fi
  t1=$(now)
  if [ "$1" = vet ]; then vet_clone+=("$(ms "$t0" "$t1")"); else git_clone+=("$(ms "$t0" "$t1")"); fi
}
time_pull() { # vet|git run
  local t0 t1
  t0=$(now)
  if [ "$1" = vet ]; then (cd "$work/runs/vp$2" && "$vet" pull -q >/dev/null); else git -C "$work/runs/gp$2" pull -q --no-rebase origin main; fi
  t1=$(now)
  if [ "$1" = vet ]; then vet_pull+=("$(ms "$t0" "$t1")"); else git_pull+=("$(ms "$t0" "$t1")"); fi
}
# Nothing is deleted until the end (ext4 makes the next file creations pay for
# a large deletion), and the two tools take turns going first.
mkdir -p "$work/runs"
for i in $(seq "$runs"); do
  echo "run $i/$runs" >&2
  if [ $((i % 2)) -eq 1 ]; then order=(vet git); else order=(git vet); fi
  for tool in "${order[@]}"; do time_clone "$tool" "$i"; done
  # Two identical clones of the old state, both then pointed at the new one.
  for who in vp gp; do
    git clone -q "$url/old.git" "$work/runs/$who$i"
    git -C "$work/runs/$who$i" remote set-url origin "$url/new.git"
  done
  sync
  for tool in "${order[@]}"; do time_pull "$tool" "$i"; done
  if [ "$(git -C "$work/runs/vp$i" rev-parse HEAD^{tree})" != "$(git -C "$work/runs/gp$i" rev-parse HEAD^{tree})" ]; then
    echo "vet pull and git pull disagree" >&2; exit 1
  fi
  [ -z "$(git -C "$work/runs/vp$i" status --porcelain)" ] || { echo "vet pull left changes" >&2; exit 1; }
done

vc=$(printf '%s\n' "${vet_clone[@]}" | median); gc=$(printf '%s\n' "${git_clone[@]}" | median)
vp=$(printf '%s\n' "${vet_pull[@]}" | median); gp=$(printf '%s\n' "${git_pull[@]}" | median)
size=$(du -sk "$work/served/new.git" | cut -f1)
echo "Sharing over git:// — $claims claims, $claims commits of history (${size} KiB packed), $runs runs, medians"
printf '%-34s %10s %10s %7s\n' "job" "vet ms" "git ms" "ratio"
printf '%-34s %10s %10s %7.2f\n' "clone" "$vc" "$gc" "$(awk "BEGIN {print $vc / $gc}")"
printf '%-34s %10s %10s %7.2f\n' "pull ($new_commits new commits, fast-forward)" "$vp" "$gp" "$(awk "BEGIN {print $vp / $gp}")"
