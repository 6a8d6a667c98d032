#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: vet against the git CLI doing the same jobs on
# generated workspaces of each size, plus the repository size after many marks.
#
# usage: Scripts/benchmarks.sh [CLAIMS ...]     (default: 1000 10000; add 100000 for the full bar)
#   RUNS=11     runs per job (median reported)
#   MARKS=10000 marks for the size comparison (0 skips it)
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
runs=${RUNS:-11}
marks=${MARKS:-10000}
# As vet is meant to be installed: release, with the Swift runtime linked in,
# which halves the start-up time of every command.
build=(swift build -c release --static-swift-stdlib)
"${build[@]}" --product vet >/dev/null
"${build[@]}" --product vet-bench >/dev/null
bin=$("${build[@]}" --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-Bench Analyst} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-bench@example.org}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-Bench Analyst} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-bench@example.org}
run_files=()
for n in "${sizes[@]}"; do
  sources=$(( n / 100 )); [ "$sources" -lt 1 ] && sources=1
  "$bin/vet-bench" generate "$work/ws-$n" --claims "$n" --commits "$n" --sources "$sources"
  # The first read builds vet's claim index; build it before timing, as any earlier command would have.
  "$bin/vet" -C "$work/ws-$n" status >/dev/null
  "$bin/vet-bench" run "$work/ws-$n" --vet "$bin/vet" --claims "$n" --runs "$runs" > "$work/run-$n.json"
  run_files+=(--runs "$work/run-$n.json")
done
size_args=()
if [ "$marks" -gt 0 ]; then
  "$bin/vet-bench" generate "$work/size" --claims 10000 --commits 10000 --sources 100
  "$bin/vet-bench" size "$work/size" --vet "$bin/vet" --marks "$marks" > "$work/size.json"
  size_args=(--size "$work/size.json")
fi
"$bin/vet-bench" report "${run_files[@]}" "${size_args[@]}" --command "Scripts/benchmarks.sh ${sizes[*]}" > BENCHMARKS.md
echo "wrote BENCHMARKS.md"
