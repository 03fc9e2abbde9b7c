"""Helpers of build_deb.sh and smoke_deb.sh (standard library, plus PyInstaller for `check-bundle`).

python debtools.py depends --shlibs "shlibs:Depends=libc6 (>= 2.35), ..." --base depends.txt
    the .deb's Depends: what dpkg-shlibdeps found (with versions), plus the fixed Qt run-time list
python debtools.py check-bundle DIR [--max-mb 150]
    a PyInstaller folder holds no server, test or developer package (packaging/pyinstaller/excludes.py)
    and stays under the size limit; prints its size and the packages it holds
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "xaapp_bundle_excludes", Path(__file__).resolve().parents[1] / "pyinstaller" / "excludes.py"
)
excludes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(excludes)

_PACKAGE = re.compile(r"^([a-z0-9][a-z0-9+.-]+)")


def merge_depends(shlibs: str, base: list[str]) -> str:
    """dpkg-shlibdeps' list first (it carries minimum versions), then every base package it did not name."""
    found = shlibs.split("=", 1)[1] if shlibs.startswith("shlibs:Depends=") else shlibs
    items = [item.strip() for item in found.split(",") if item.strip()]
    names = {_PACKAGE.match(item).group(1) for item in items if _PACKAGE.match(item)}
    items += [name for name in base if name not in names]
    return ", ".join(
        sorted(items, key=lambda item: _PACKAGE.match(item).group(1) if _PACKAGE.match(item) else item)
    )


def read_list(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def _module_name(rel: Path) -> str | None:
    """Dotted module name of a file in the bundle's _internal folder (pydantic_core/_pydantic_core.cpython-311-….so)."""
    if rel.suffix not in {".py", ".pyc", ".so", ".pyd"} and ".so." not in rel.name:
        return None
    stem = rel.name.split(".", 1)[0]
    parts = [*rel.parts[:-1], stem]
    if not all(part.isidentifier() for part in parts):  # python3.11/lib-dynload/…: the standard library
        return None
    if stem == "__init__":
        parts = parts[:-1]
    return ".".join(parts) if parts else None


def bundle_modules(folder: Path) -> set[str]:
    """Every module the bundle can import: the archive inside the executable and the files beside it."""
    modules: set[str] = set()
    internal = folder / "_internal"
    for path in internal.rglob("*"):
        if path.is_file():
            name = _module_name(path.relative_to(internal))
            if name:
                modules.add(name)
            for part in path.relative_to(internal).parts[:-1]:  # package folders holding data only
                modules.add(part.split(".", 1)[0])
    executables = [p for p in (folder / "xaapp", folder / "xaapp.exe") if p.exists()]
    if executables:
        from PyInstaller.archive.readers import CArchiveReader

        archive = CArchiveReader(str(executables[0]))
        modules.update(name for name in archive.toc if not name.endswith(".pyz"))
        modules.update(archive.open_embedded_archive("PYZ.pyz").toc)
    return modules


def forbidden_in(modules: set[str]) -> list[str]:
    found = []
    for name in excludes.EXCLUDES:
        if any(m == name or m.startswith(name + ".") for m in modules):
            found.append(name)
    return found


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_bundle(folder: Path, max_mb: float) -> int:
    modules = bundle_modules(folder)
    size_mb = folder_size(folder) / 2**20
    packages = sorted({m.split(".", 1)[0] for m in modules if "." in m} - set(sys.stdlib_module_names))
    print(f"bundle {folder}: {size_mb:.1f} MiB, {len(modules)} modules")
    print("packages beside the standard library: " + " ".join(p for p in packages if not p.startswith("_")))
    status = 0
    forbidden = forbidden_in(modules)
    if forbidden:
        print(f"FAIL: the bundle holds packages it must leave out: {', '.join(forbidden)}", file=sys.stderr)
        status = 1
    if size_mb > max_mb:
        print(f"FAIL: {size_mb:.1f} MiB is over the {max_mb:.0f} MiB limit", file=sys.stderr)
        status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dep = sub.add_parser("depends")
    dep.add_argument("--shlibs", required=True)
    dep.add_argument("--base", required=True, type=Path)
    chk = sub.add_parser("check-bundle")
    chk.add_argument("folder", type=Path)
    chk.add_argument("--max-mb", type=float, default=150.0)
    args = parser.parse_args(argv)
    if args.command == "depends":
        print(merge_depends(args.shlibs, read_list(args.base)))
        return 0
    return check_bundle(args.folder, args.max_mb)


if __name__ == "__main__":
    raise SystemExit(main())
