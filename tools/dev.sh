#!/usr/bin/env bash
# Prepare this checkout on a fresh Debian/Ubuntu machine, then launch the app or run the tests.
#
#   bash tools/dev.sh app  [xaapp arguments]   # the desktop app on its embedded default (a local SQLite file)
#   bash tools/dev.sh test [pytest arguments]  # the whole test suite, headless
#
# Steps: install the system libraries Qt, PDF checks and the PostgreSQL tests need (apt-get, with sudo
# unless already root; skipped when all are present) → create .venv → pip install the project with its
# extras → compile the interface translations → run.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
case "$mode" in app|test) shift ;; *) echo "usage: bash tools/dev.sh app|test [args]" >&2; exit 2 ;; esac

# Qt offscreen + xcb runtime libraries, poppler for PDF checks, xvfb for a real window,
# postgresql for the central server's tests, chromium + its driver for the console's no-JavaScript browser test.
packages=(
  python3-venv libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 libx11-6
  libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxcb-glx0
  poppler-utils xvfb xauth postgresql chromium chromium-driver
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
# pip runs only when pyproject.toml changed since the last install (the install is editable, so source
# edits need none); a launch then takes seconds, not the 10+ s of a pip resolve.
stamp=.venv/.xaapp-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev,server]'
  echo "$want" > "$stamp"
fi
.venv/bin/python tools/build_translations.py >/dev/null

if [ "$mode" = app ]; then
  exec .venv/bin/xaapp "$@"
fi
exec .venv/bin/python -m pytest "$@"
