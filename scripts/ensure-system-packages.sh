#!/usr/bin/env bash
# Install Debian packages that Kotopolku needs, when their command is missing.
# Usage: scripts/ensure-system-packages.sh COMMAND:PACKAGE [COMMAND:PACKAGE ...]
# (COMMAND may also be an absolute path to a file the package installs.)
# As root it runs apt-get; otherwise it prints the exact command to run and fails.
set -euo pipefail

missing=()
for pair in "$@"; do
  command_name=${pair%%:*}
  package=${pair##*:}
  # COMMAND is a command name, an executable path, or (starting with /) a data file, e.g. a
  # Tesseract language model.
  if ! command -v "$command_name" >/dev/null 2>&1 && ! [ -x "$command_name" ] \
    && ! { [[ $command_name == /* ]] && [ -f "$command_name" ]; }; then
    missing+=("$package")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Kotopolku needs these system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
