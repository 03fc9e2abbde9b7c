#!/usr/bin/env bash
# Build the Linux desktop bundle and its .deb; with --smoke, also install it, try it and remove it.
#
#   bash packaging/linux/build_deb.sh           # → build/linux/xaapp_<version>_<arch>.deb
#   bash packaging/linux/build_deb.sh --smoke   # … then packaging/linux/smoke_deb.sh on it (root or sudo)
#
# Steps: system packages for building (apt-get, through sudo unless root; skipped when present) → a clean
# build venv (build/linux/venv: the desktop's own dependencies and PyInstaller, never the server's or the
# tests') → translations → PyInstaller (packaging/pyinstaller/xaapp.spec) → bundle check (no server, test or
# developer package; at most 150 MiB) → staged tree → Depends from dpkg-shlibdeps plus the Qt run-time list
# (packaging/linux/depends.txt) → dpkg-deb. Takes a few minutes; everything it writes is under build/linux/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
OUT="$ROOT/build/linux"
MAX_MB=150

smoke=0
case "${1:-}" in
  --smoke) smoke=1 ;;
  "") ;;
  *) echo "usage: bash packaging/linux/build_deb.sh [--smoke]" >&2; exit 2 ;;
esac

sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
need=(python3-venv binutils dpkg-dev desktop-file-utils)
mapfile -t qt_runtime < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' packaging/linux/depends.txt)
need+=("${qt_runtime[@]}")
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A venv of its own, so that nothing of the server or the test suite can reach the bundle.
venv="$OUT/venv"
mkdir -p "$OUT"
[ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
stamp="$venv/.xaapp-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[packaging]'
  echo "$want" > "$stamp"
fi
version="$("$venv/bin/python" -c 'import xaapp; print(xaapp.__version__)')"
arch="$(dpkg --print-architecture)"

echo "== translations"
"$venv/bin/python" tools/build_translations.py >/dev/null
echo "== PyInstaller (a few minutes)"
rm -rf "$OUT/dist"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --workpath "$OUT/work" --distpath "$OUT/dist" \
  packaging/pyinstaller/xaapp.spec
bundle="$OUT/dist/xaapp-$version"
"$venv/bin/python" packaging/linux/debtools.py check-bundle "$bundle" --max-mb "$MAX_MB"

echo "== staging"
stage="$OUT/deb/debian/xaapp"   # the debian/<package> layout dpkg-shlibdeps expects
rm -rf "$OUT/deb"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$stage/opt/xaapp"
ln -s /opt/xaapp/xaapp "$stage/usr/bin/xaapp"
install -m 0644 packaging/linux/xaapp.desktop "$stage/usr/share/applications/xaapp.desktop"
install -m 0644 resources/icons/xaapp.svg "$stage/usr/share/icons/hicolor/scalable/apps/xaapp.svg"
for png in resources/icons/xaapp-*.png; do
  size="${png##*-}"; size="${size%.png}"
  install -D -m 0644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/xaapp.png"
done
chmod -R u=rwX,go=rX "$stage"
desktop-file-validate "$stage/usr/share/applications/xaapp.desktop"

echo "== Depends"
printf 'Source: xaapp\n\nPackage: xaapp\nArchitecture: %s\n' "$arch" > "$OUT/deb/debian/control"
mapfile -t elves < <(find "$stage/opt" -type f -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
args=(); for f in "${elves[@]}"; do args+=("-e$f"); done
internal="$stage/opt/xaapp/_internal"
shlibs="$(cd "$OUT/deb" && dpkg-shlibdeps -O --warnings=0 -l"$internal" -l"$internal/PySide6/Qt/lib" "${args[@]}")"
depends="$("$venv/bin/python" packaging/linux/debtools.py depends --shlibs "$shlibs" --base packaging/linux/depends.txt)"

installed_kb="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
cat > "$stage/DEBIAN/control" <<EOF
Package: xaapp
Version: $version
Architecture: $arch
Maintainer: ${XAAPP_DEB_MAINTAINER:-xaapp}
Section: misc
Priority: optional
Installed-Size: $installed_kb
Depends: $depends
Description: offline poverty reviews and social assistance for communes
 Rà soát hộ nghèo, hộ cận nghèo và quản lý đối tượng bảo trợ xã hội cấp xã
 (Thanh Hóa), không cần mạng; đồng bộ lên tỉnh khi có kết nối, in danh sách.
 .
 A desktop app with which commune officers keep poverty-household reviews
 and social-assistance records offline, sync them to the province, and print
 the lists they post and pay from. Data stays in ~/.local/share/xaapp and
 survives removing the package.
EOF

deb="$OUT/xaapp_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "== built $deb"
echo "   package $(du -h "$deb" | cut -f1), installed $((installed_kb / 1024)) MiB"
echo "   Depends: $depends"

if [ "$smoke" -eq 1 ]; then
  $sudo bash packaging/linux/smoke_deb.sh "$deb"
fi
