#!/usr/bin/env bash
# Installs what vet needs to build and test on Debian/Ubuntu with Swift already
# installed: libgit2 (the library vet stores workspaces with), pkg-config to find it,
# and the git CLI that the tests use as the interoperability referee.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(libgit2-dev pkg-config git ca-certificates)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "Swift is not on PATH; install Swift 6.1 or newer first (swift.org)." >&2; exit 1; }
pkg-config --exists libgit2 || { echo "pkg-config cannot find libgit2 after installing libgit2-dev." >&2; exit 1; }
