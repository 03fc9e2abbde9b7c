#!/usr/bin/env bash
# Install a built xaapp .deb with the system's package tool, try the installed app, then remove it.
#
#   sudo bash packaging/linux/smoke_deb.sh build/linux/xaapp_<version>_<arch>.deb
#
# Checks, in order: apt-get installs it (pulling its Depends) → files in place, the menu entry valid, the icons
# in the hicolor theme, the installed size at most 150 MiB, no server library → `xaapp --version` → a demo
# commune of 50 households → `xaapp db check` prints ok → a PDF list that pdfinfo reads → `xaapp server run`
# says the server is not in this build → the window on a virtual X screen (Xvfb, the xcb platform): the login,
# then logging in with the keyboard (xdotool) to the main window, each grabbed as a PNG (ImageMagick `import`),
# and the window's icon read back (xprop _NET_WM_ICON)
# → apt-get remove leaves no file of the package behind and the officer's data untouched.
# Screenshots and logs go to build/linux/smoke/. A package left installed by a failed run is removed too.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
MAX_MB=150

deb="${1:?usage: sudo bash packaging/linux/smoke_deb.sh PATH/TO/xaapp_VERSION_ARCH.deb}"
deb="$(realpath "$deb")"
[ "$(id -u)" -eq 0 ] || { echo "run as root (it installs and removes a package)" >&2; exit 2; }
version="$(dpkg-deb -f "$deb" Version)"
out="$ROOT/build/linux/smoke"
rm -rf "$out"; mkdir -p "$out"
data="$out/data"
results=()
pass() { results+=("ok    $1"); echo "ok    $1"; }
fail() { echo "FAIL  $1" >&2; exit 1; }

need=(xvfb xauth imagemagick xdotool x11-utils poppler-utils desktop-file-utils)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing the smoke test's tools: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cleanup() {
  if dpkg-query -W -f='${Status}' xaapp 2>/dev/null | grep -q "install ok installed"; then
    echo "removing xaapp after a failed run"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq xaapp >/dev/null || true
  fi
}
trap cleanup EXIT

echo "== install $deb"
start=$SECONDS
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$out/apt-install.log" 2>&1 \
  || { cat "$out/apt-install.log" >&2; fail "apt-get install"; }
pass "apt-get install ./$(basename "$deb") ($((SECONDS - start)) s)"

[ "$(dpkg-query -W -f='${Version}' xaapp)" = "$version" ] || fail "dpkg does not list xaapp $version"
[ -x /opt/xaapp/xaapp ] && [ "$(readlink -f /usr/bin/xaapp)" = /opt/xaapp/xaapp ] || fail "/usr/bin/xaapp → /opt/xaapp/xaapp"
desktop-file-validate /usr/share/applications/xaapp.desktop || fail "menu entry"
for size in 16 24 32 48 64 128 256; do
  [ -s "/usr/share/icons/hicolor/${size}x${size}/apps/xaapp.png" ] || fail "icon ${size}x${size}"
done
[ -s /usr/share/icons/hicolor/scalable/apps/xaapp.svg ] || fail "scalable icon"
pass "files: /opt/xaapp, /usr/bin/xaapp, menu entry (valid), icons 16-256 px + SVG"

installed_mb="$(du -sm /opt/xaapp | cut -f1)"
[ "$installed_mb" -le "$MAX_MB" ] || fail "installed size $installed_mb MiB > $MAX_MB MiB"
pass "installed size: $installed_mb MiB in /opt/xaapp (limit $MAX_MB); package $(du -h "$deb" | cut -f1)"

server_libs="$(find /opt/xaapp \( -iname 'fastapi*' -o -iname 'uvicorn*' -o -iname 'pydantic*' -o -iname 'psycopg*' \
  -o -iname 'starlette*' -o -iname 'pytest*' -o -iname 'hypothesis*' \) -print)"
[ -z "$server_libs" ] || fail "server or test files installed: $server_libs"
pass "no server or test library among the installed files"

got="$(xaapp --version)"
[ "$got" = "xaapp $version" ] || fail "xaapp --version printed '$got'"
pass "xaapp --version → $got"

xaapp demo --data-dir "$data" --households 50 > "$out/demo.txt" 2> "$out/demo.err" || fail "xaapp demo"
password="$(sed -n 's/.*password: *//p' "$out/demo.txt")"
[ -n "$password" ] || fail "xaapp demo printed no login"
pass "xaapp demo --households 50 → $(head -1 "$out/demo.txt" | sed 's/ *→.*//')"

check="$(xaapp db check --data-dir "$data")"
[ "$check" = ok ] || fail "xaapp db check printed '$check'"
pass "xaapp db check → ok"

pdf="$out/posting.pdf"
xaapp export --data-dir "$data" --list posting --year 2026 --format pdf -o "$pdf" > "$out/export.txt" \
  || fail "xaapp export"
pages="$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')"
[ "${pages:-0}" -ge 1 ] || fail "pdfinfo cannot read $pdf"
pass "xaapp export posting 2026 → PDF, $pages page(s), '$(pdfinfo "$pdf" | sed -n 's/^Title: *//p')'"

set +e
xaapp server run > "$out/server.txt" 2>&1; status=$?
set -e
[ "$status" -eq 2 ] && grep -q "leaves the server out" "$out/server.txt" || fail "xaapp server run (status $status)"
pass "xaapp server run → status 2, 'the commune desktop build leaves the server out'"

echo "== window on Xvfb"
cat > "$out/gui.sh" <<'EOF'
set -eu
data="$1"; out="$2"; password="$3"
log="$data/logs/xaapp.log"
xaapp --data-dir "$data" > "$out/gui.stdout" 2>&1 &
pid=$!
wait_for() {  # a line in the app's log, up to 60 s
  for _ in $(seq 120); do grep -q "$1" "$log" 2>/dev/null && return 0; kill -0 "$pid" 2>/dev/null || return 1; sleep 0.5; done
  return 1
}
wait_for "login shown (xcb)" || { echo "no login window" >&2; kill "$pid" 2>/dev/null; exit 1; }
sleep 1
import -window root "$out/login.png"
window="$(xdotool search --sync --onlyvisible --name "xaapp" | head -1)"
xprop -id "$window" _NET_WM_ICON | head -c 300 > "$out/window_icon.txt"  # the icon Qt gave the window
xdotool windowfocus "$window"; sleep 0.3
xdotool type --delay 30 demo; xdotool key Tab; xdotool type --delay 30 "$password"; xdotool key Return
wait_for "main window shown" || { echo "no main window after logging in" >&2; kill "$pid" 2>/dev/null; exit 1; }
sleep 2
import -window root "$out/main_window.png"
kill "$pid"; wait "$pid" 2>/dev/null || true
EOF
timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" bash "$out/gui.sh" "$data" "$out" "$password" \
  || fail "the window (see $out/gui.stdout and $data/logs/xaapp.log)"
for shot in login main_window; do
  colours="$(identify -format '%k' "$out/$shot.png")"
  [ "$colours" -ge 50 ] || fail "$shot.png is nearly blank ($colours colours)"
done
grep -q "^_NET_WM_ICON(CARDINAL)" "$out/window_icon.txt" \
  || fail "the window has no icon ($(cat "$out/window_icon.txt"))"
pass "window on Xvfb (xcb), with its icon: login → main window after $(sed -n 's/.*main window shown \([0-9.]* s\).*/\1/p' "$data/logs/xaapp.log") → $out/login.png, $out/main_window.png"

echo "== remove"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq xaapp > "$out/apt-remove.log" 2>&1 || fail "apt-get remove"
left="$(ls -d /opt/xaapp /usr/bin/xaapp /usr/share/applications/xaapp.desktop \
  /usr/share/icons/hicolor/*/apps/xaapp.* 2>/dev/null || true)"
[ -z "$left" ] || fail "left behind after removal: $left"
dpkg-query -W -f='${Status}' xaapp 2>/dev/null | grep -q "install ok installed" && fail "still installed"
[ -s "$data/xaapp.db" ] || fail "the data folder was touched"
pass "apt-get remove xaapp: no file left; the data folder kept"

echo
echo "Smoke test of xaapp $version passed:"
printf '  %s\n' "${results[@]}"
