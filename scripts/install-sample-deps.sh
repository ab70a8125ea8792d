#!/usr/bin/env bash
# Installs the Debian packages that samples/generate.py needs, only those missing.
# Idempotent: checks each package with dpkg -s, runs apt-get update only when something must be installed
# and the package lists do not know it yet.
set -euo pipefail

PACKAGES=(
  python3-pil
  python3-reportlab
  python3-numpy
  zint
  fonts-dejavu-core
  fonts-liberation2
  fonts-freefont-ttf
  libtiff-tools
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-sample-deps: all sample packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "install-sample-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Update the lists only when apt cannot find a candidate for a missing package (fresh machines have none).
need_update=0
for pkg in "${missing[@]}"; do
  if ! apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [^(]'; then
    need_update=1
    break
  fi
done
if [ "$need_update" -eq 1 ]; then
  $SUDO apt-get update
fi
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
