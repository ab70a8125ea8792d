#!/usr/bin/env bash
# Installs what proofdesk needs to build, run and test on Debian 12, and only what is missing:
# Debian packages with apt-get (apt-get update only when something must be installed), the locked npm
# packages with npm ci (only when node_modules does not match package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config
  libpoco-dev libctemplate-dev catch2 libsodium-dev libmagic-dev libpoppler-cpp-dev
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  libzxing-dev libtesseract-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd
  chromium fonts-dejavu-core
  dovecot-pop3d python3-aiosmtpd openssl
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci only when the installed tree is not the locked one (npm writes node_modules/.package-lock.json).
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s <(node -e '
    const l = require("./package-lock.json").packages;
    const i = require("./node_modules/.package-lock.json").packages;
    const pick = (p) => Object.keys(p).filter((k) => k).sort().map((k) => k + "@" + p[k].version).join("\n");
    console.log(pick(l) === pick(i) ? "same" : "differs");') <(echo same); then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
