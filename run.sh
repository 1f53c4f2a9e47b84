#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine (as root, or a user with sudo):
#   ./run.sh render   install everything needed, then render the explainer videos from the shipped assets (offline)
#   ./run.sh test     install everything needed, then run the whole test suite
# Any other argument is passed to make (see the Makefile), e.g. ./run.sh bench;
#   ./run.sh system-packages   only installs the system packages
set -euo pipefail
cd "$(dirname "$0")"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "error: need root or sudo to install system packages; run as root: $*" >&2; exit 1
  fi
}

missing=()
command -v make >/dev/null 2>&1 || missing+=(make)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
# espeak-ng: the offline narration voice; chromium: the browser the tests drive (slide deck, inspector page)
packages=(pkg-config libcairo2-dev libpango1.0-dev espeak-ng)
case "${1:-render}" in test|setup-test) packages+=(chromium) ;; esac
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done

# A Python >= 3.11 with venv and headers: the machine's python3 if it qualifies, else Debian/Ubuntu's python3.11.
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys, venv, ensurepip; assert sys.version_info >= (3, 11)' >/dev/null 2>&1; then
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
    missing+=(python3-venv python3-dev)
  else
    missing+=(python3.11 python3.11-venv python3.11-dev)
    PYTHON=python3.11
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

[ "${1:-}" = system-packages ] && exit 0   # the Makefile's set-up calls this part alone
exec make PYTHON="$PYTHON" "${@:-render}"
