#!/usr/bin/env bash
# Installs what vet needs to build and test on Debian/Ubuntu with Swift already
# installed: libgit2 (the library vet stores workspaces with), pkg-config to find it,
# libxml2 (vet reads web pages with its HTML parser), libcurl's development files
# (Foundation's URL loading uses libcurl; a binary with the Swift runtime linked in names it),
# SQLite for vet's local claim index, and the git CLI that the tests use as the interoperability referee; and the
# servers the sharing tests start on loopback (git daemon comes with git):
# nginx and fcgiwrap in front of git-http-backend (openssl makes its test certificates),
# OpenSSH's sshd and client.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(libgit2-dev libxml2-dev libcurl4-openssl-dev zlib1g-dev libsqlite3-dev pkg-config git ca-certificates nginx fcgiwrap openssh-server openssh-client openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  # Installing nginx or sshd must not start them as system services: the
  # tests start their own, on loopback only. Where no policy says so already,
  # one is put in place for the duration of the install.
  policy=/usr/sbin/policy-rc.d
  added_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    added_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -n "$added_policy" ] && $sudo rm -f "$policy"
fi
command -v swift >/dev/null || { echo "Swift is not on PATH; install Swift 6.1 or newer first (swift.org)." >&2; exit 1; }
pkg-config --exists libgit2 || { echo "pkg-config cannot find libgit2 after installing libgit2-dev." >&2; exit 1; }
