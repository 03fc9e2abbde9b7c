"""The packaged desktop, checked without building it (a real build, install and smoke test:
``bash packaging/linux/build_deb.sh --smoke``, see packaging/README.md).

The PyInstaller spec leaves out everything only the server or the tests need, on Windows and Linux alike; the
menu entry, the icons and the .deb's Depends are valid and in step with each other.
"""

from __future__ import annotations

import ast
import configparser
import importlib.metadata as metadata
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pyinstaller" / "xaapp.spec"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


excludes = _load(PACKAGING / "pyinstaller" / "excludes.py", "xaapp_test_excludes")
debtools = _load(PACKAGING / "linux" / "debtools.py", "xaapp_test_debtools")


# --- what the bundle leaves out ---------------------------------------------------------------------------


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(requirements: list[str]) -> set[str]:
    """Every distribution the requirements pull in, as installed here (markers evaluated for this Python)."""
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [r for r in map(Requirement, requirements) if r.marker is None or r.marker.evaluate({"extra": ""})]
    while todo:
        req = todo.pop()
        key = (_norm(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            pytest.fail(
                f"{req.name} is not installed: run the tests in the venv of tools/dev.sh (.[dev,server])"
            )
        for text in dist.requires or []:
            sub = Requirement(text)
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in (req.extras or {""})):
                todo.append(sub)
    return {name for name, _extras in seen}


def _import_names(dists: set[str]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {d: set() for d in dists}
    for module, owners in metadata.packages_distributions().items():
        for owner in owners:
            # mypyc's compiled runtime ("<hash>__mypyc") is named per build, never imported by name
            if _norm(owner) in names and not module.startswith("__") and not module.endswith("__mypyc"):
                names[_norm(owner)].add(module)
    return names


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_package_only_the_server_needs_is_left_out(project: dict) -> None:
    desktop = _closure(project["dependencies"])
    server_only = _closure(project["optional-dependencies"]["server"]) - desktop
    assert {"fastapi", "uvicorn", "pydantic", "starlette", "psycopg"} <= server_only
    missing = {
        dist: sorted(names - set(excludes.SERVER_EXCLUDES))
        for dist, names in _import_names(server_only).items()
        if names - set(excludes.SERVER_EXCLUDES)
    }
    assert missing == {}, "add these to SERVER_EXCLUDES in packaging/pyinstaller/excludes.py"
    assert "xaapp.server" in excludes.SERVER_EXCLUDES


def test_every_test_and_developer_package_is_left_out(project: dict) -> None:
    extras = project["optional-dependencies"]
    desktop = _closure(project["dependencies"])
    dev_only = _closure(extras["dev"]) - desktop
    assert {"pytest", "hypothesis", "pytest-qt", "schemathesis", "alembic"} <= dev_only
    left_out = set(excludes.DEV_EXCLUDES) | set(excludes.SERVER_EXCLUDES)
    missing = {
        dist: sorted(names - left_out) for dist, names in _import_names(dev_only).items() if names - left_out
    }
    assert missing == {}, "add these to DEV_EXCLUDES in packaging/pyinstaller/excludes.py"
    assert "PyInstaller" in excludes.DEV_EXCLUDES  # the packaging extra itself


def test_nothing_the_desktop_needs_is_left_out(project: dict) -> None:
    desktop = _closure(project["dependencies"])
    assert {"pyside6-essentials", "sqlalchemy", "openpyxl", "requests", "typing-extensions", "cryptography"} <= desktop
    needed = set().union(*_import_names(desktop).values()) | {
        "xaapp",
        "xaapp.ui",
        "xaapp.sync",
        "PySide6.QtSvg",
    }
    assert needed & set(excludes.EXCLUDES) == set()


# --- the spec, run with PyInstaller's objects stood in for, as on Linux and as on Windows --------------------


class _Built:
    def __init__(self, *args: object, **kwargs: object) -> None:
        self.args, self.kwargs = args, kwargs


def _run_spec(monkeypatch: pytest.MonkeyPatch, platform: str, binaries: list, datas: list) -> SimpleNamespace:
    from xaapp.ui.i18n import compile_translation

    for ts in (ROOT / "resources" / "i18n").glob("*_*.ts"):  # the spec insists on compiled catalogues
        catalog, language = ts.stem.split("_", 1)
        assert compile_translation(language, catalog) is not None

    seen = SimpleNamespace(exes=[], collect=None, analysis=None)

    class Analysis:
        def __init__(self, scripts, pathex, datas, hiddenimports, excludes):  # noqa: ANN001 - PyInstaller's
            seen.analysis = SimpleNamespace(
                scripts=scripts, datas=datas, hiddenimports=hiddenimports, excludes=excludes
            )
            self.binaries, self.datas, self.pure, self.scripts = binaries, datas_toc, [], []

    datas_toc = datas

    def exe(*args: object, **kwargs: object) -> _Built:
        seen.exes.append(kwargs)
        return _Built(*args, **kwargs)

    def collect(*args: object, **kwargs: object) -> _Built:
        seen.collect = _Built(*args, **kwargs)
        return seen.collect

    modules = sorted(
        ".".join(p.relative_to(ROOT / "src").with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "src" / "xaapp").rglob("*.py")
    )
    hooks = ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package, filter=lambda _n: True: [m for m in modules if filter(m)]  # noqa: A006
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name) or ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = {
        "__name__": "xaapp_spec",
        "__file__": str(SPEC),
        "SPECPATH": str(SPEC.parent),
        "Analysis": Analysis,
        "PYZ": _Built,
        "EXE": exe,
        "COLLECT": collect,
    }
    try:
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    finally:
        sys.modules.pop("excludes", None)
    seen.kept = {dest for item in seen.collect.args if isinstance(item, list) for dest, _src, _kind in item}
    return seen


LINUX_BINARIES = [
    ("PySide6/Qt/lib/libQt6Core.so.6", "/venv/site-packages/PySide6/Qt/lib/libQt6Core.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6OpenGL.so.6", "/venv/site-packages/PySide6/Qt/lib/libQt6OpenGL.so.6", "BINARY"),
    (
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "/venv/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so",
        "BINARY",
    ),
    (
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "/venv/site-packages/PySide6/Qt/plugins/platforms/libqwayland.so",
        "BINARY",
    ),
    (
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "/venv/site-packages/PySide6/Qt/plugins/platforms/libqeglfs.so",
        "BINARY",
    ),
    (
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "/venv/site-packages/PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "BINARY",
    ),
    (
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "/venv/site-packages/PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "BINARY",
    ),
    (
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "/venv/site-packages/PySide6/Qt/plugins/imageformats/libqsvg.so",
        "BINARY",
    ),
    (
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "/venv/site-packages/PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "BINARY",
    ),
    (
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "/venv/site-packages/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "BINARY",
    ),
    ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"),
    ("libgtk-3.so.0", "/lib/x86_64-linux-gnu/libgtk-3.so.0", "BINARY"),
    ("libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", "BINARY"),
    (
        "python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
        "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
        "EXTENSION",
    ),
    ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK"),
]
QT_DATAS = [
    (
        "PySide6/Qt/translations/qtbase_de.qm",
        "/venv/site-packages/PySide6/Qt/translations/qtbase_de.qm",
        "DATA",
    ),
    (
        "resources/fonts/NotoSans-Regular.ttf",
        str(ROOT / "resources" / "fonts" / "NotoSans-Regular.ttf"),
        "DATA",
    ),
]


def test_the_linux_build_keeps_qt_for_x11_and_wayland_and_takes_system_libraries_from_the_system(
    monkeypatch,
) -> None:
    seen = _run_spec(monkeypatch, "linux", LINUX_BINARIES, QT_DATAS)
    assert seen.kept == {
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",  # Vietnamese input
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "libpython3.11.so.1.0",
        "python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
        "libQt6Core.so.6",
        "resources/fonts/NotoSans-Regular.ttf",
    }  # gone: OpenGL and its link, eglfs, the GTK theme, JPEG, the system's X11 and GTK, Qt's own catalogues
    assert [(e["name"], e["console"]) for e in seen.exes] == [("xaapp", True)]
    assert seen.collect.kwargs["name"].startswith("xaapp-")


def test_the_windows_build_has_a_window_exe_a_console_exe_and_the_icon(monkeypatch) -> None:
    site = "C:/Python311/Lib/site-packages/PySide6"
    binaries = [
        ("PySide6/Qt6Core.dll", f"{site}/Qt6Core.dll", "BINARY"),
        ("PySide6/plugins/platforms/qwindows.dll", f"{site}/plugins/platforms/qwindows.dll", "BINARY"),
        ("PySide6/plugins/platforms/qdirect2d.dll", f"{site}/plugins/platforms/qdirect2d.dll", "BINARY"),
        (
            "PySide6/plugins/styles/qmodernwindowsstyle.dll",
            f"{site}/plugins/styles/qmodernwindowsstyle.dll",
            "BINARY",
        ),
        ("PySide6/plugins/imageformats/qjpeg.dll", f"{site}/plugins/imageformats/qjpeg.dll", "BINARY"),
        ("PySide6/plugins/imageformats/qico.dll", f"{site}/plugins/imageformats/qico.dll", "BINARY"),
        ("python311.dll", "C:/Python311/python311.dll", "BINARY"),
    ]
    datas = [("PySide6/translations/qtbase_de.qm", f"{site}/translations/qtbase_de.qm", "DATA")]
    seen = _run_spec(monkeypatch, "win32", binaries, datas)
    assert seen.kept == {
        "PySide6/Qt6Core.dll",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/plugins/imageformats/qico.dll",
        "python311.dll",
    }
    assert [(e["name"], e["console"]) for e in seen.exes] == [("xaapp", False), ("xaapp-cli", True)]
    for exe in seen.exes:
        assert Path(exe["icon"]) == ICONS / "xaapp.ico" and Path(exe["icon"]).is_file()
    assert seen.collect.kwargs["strip"] is False


def test_the_spec_bundles_every_desktop_module_and_resource_but_no_server(monkeypatch) -> None:
    from xaapp.cli import COMMAND_MODULES

    seen = _run_spec(monkeypatch, "linux", [], [])
    hidden = set(seen.analysis.hiddenimports)
    steps = {
        f"xaapp.storage.migrations.steps.{p.stem}"
        for p in (ROOT / "src/xaapp/storage/migrations/steps").glob("m*.py")
    }
    assert set(COMMAND_MODULES) | steps <= hidden
    assert not any(m.startswith("xaapp.server") for m in hidden)
    assert seen.analysis.excludes == excludes.EXCLUDES
    destinations = {Path(dest).as_posix() for _src, dest in seen.analysis.datas}
    assert {
        "forms",
        "resources/fonts",
        "resources/icons",
        "resources/rules",
        "resources/data",
        "resources/i18n",
    } <= destinations
    i18n = [Path(src).name for src, dest in seen.analysis.datas if Path(dest).as_posix() == "resources/i18n"]
    assert sorted(i18n) == ["qt_vi.qm", "xaapp_en.qm"]  # compiled catalogues only, no .ts sources


def test_the_spec_names_no_path_of_one_system_outside_its_platform_branch() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    system_dirs: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", "") == "SYSTEM_LIB_DIRS" for t in node.targets
        ):
            system_dirs = {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant)}
    assert "/usr/lib/x86_64-linux-gnu" in system_dirs
    absolute = {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and re.match(r"^(/|[A-Za-z]:\\|\\\\)", n.value)
    }
    assert absolute == system_dirs  # read only when not WINDOWS (see the Windows run above)
    assert "\\" not in "".join(
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


# --- menu entry, icons ------------------------------------------------------------------------------------


def test_the_menu_entry_is_valid_and_names_the_installed_command_and_icon() -> None:
    desktop = PACKAGING / "linux" / "xaapp.desktop"
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(desktop, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Terminal"] == "false"
    assert section["Exec"] == "xaapp" and section["Icon"] == "xaapp" and section["StartupWMClass"] == "xaapp"
    assert section["Categories"].endswith(";") and "Office" in section["Categories"].split(";")
    assert "hộ nghèo" in section["Comment[vi]"]
    build = (PACKAGING / "linux" / "build_deb.sh").read_text(encoding="utf-8")
    assert 'ln -s /opt/xaapp/xaapp "$stage/usr/bin/xaapp"' in build  # Exec=xaapp finds it on PATH
    assert "/apps/xaapp.png" in build and "scalable/apps/xaapp.svg" in build  # Icon=xaapp in hicolor


def test_the_icon_renders_and_every_png_is_a_current_render_of_it() -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICONS / "xaapp.svg"))
    assert renderer.isValid() and renderer.defaultSize().width() == renderer.defaultSize().height()
    render_icons = _load(ROOT / "tools" / "render_icons.py", "xaapp_test_render_icons")
    for size in PNG_SIZES:
        committed = QImage(str(ICONS / f"xaapp-{size}.png")).convertToFormat(QImage.Format.Format_ARGB32)
        assert (committed.width(), committed.height()) == (size, size)
        assert committed.pixelColor(0, size - 1).alpha() == 0  # transparent corner
        assert committed.pixelColor(size // 2, size * 3 // 4).alpha() == 255  # the house
        fresh = render_icons.render(size).convertToFormat(QImage.Format.Format_ARGB32)
        a, b = bytes(committed.constBits()), bytes(fresh.constBits())
        mean_difference = sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)
        assert mean_difference < 2, f"xaapp-{size}.png is stale: run tools/render_icons.py"


def test_the_windows_icon_holds_every_size_the_shell_asks_for() -> None:
    from PySide6.QtGui import QImageReader

    data = (ICONS / "xaapp.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        blob = data[offset : offset + length]
        assert len(blob) == length and bits == 32
        size = width or 256
        sizes.append(size)
        if size == 256:
            assert blob.startswith(b"\x89PNG")
        else:
            assert struct.unpack_from("<Iii", blob) == (40, size, 2 * size)  # a 32-bit bitmap with its mask
    assert sizes == [16, 24, 32, 48, 256]
    reader = QImageReader(str(ICONS / "xaapp.ico"))
    assert reader.imageCount() == 5 and not reader.read().isNull()


@pytest.mark.gui
def test_every_window_of_the_app_carries_the_icon(qtbot, tmp_path: Path, monkeypatch) -> None:
    from xaapp.app import DesktopApp
    from xaapp.config import AppConfig

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # DesktopApp installs its own; restored after
    app = DesktopApp(AppConfig(tmp_path, tmp_path / "logs"))
    try:
        icon = app.qt.windowIcon()
        assert not icon.isNull() and not icon.pixmap(32, 32).isNull()
    finally:
        app.runner.shutdown()


# --- the .deb's Depends, the bundle check, the scripts ----------------------------------------------------


def test_the_qt_runtime_list_of_the_deb_is_the_one_tools_dev_sh_installs() -> None:
    dev_sh = (ROOT / "tools" / "dev.sh").read_text(encoding="utf-8")
    listed = re.search(r"^packages=\((.*?)\)", dev_sh, re.S | re.M)
    assert listed is not None
    dev_libs = {p for p in re.sub(r"#.*", "", listed.group(1)).split() if p.startswith("lib")}
    depends = debtools.read_list(PACKAGING / "linux" / "depends.txt")
    assert len(depends) == len(set(depends)) and set(depends) == dev_libs


def test_depends_keep_the_minimum_versions_found_and_add_what_qt_loads_by_name() -> None:
    merged = debtools.merge_depends(
        "shlibs:Depends=libc6 (>= 2.35), libx11-6, libxcb1 (>= 1.8)", ["libx11-6", "libegl1", "libdbus-1-3"]
    )
    assert merged == "libc6 (>= 2.35), libdbus-1-3, libegl1, libx11-6, libxcb1 (>= 1.8)"


def test_the_bundle_check_finds_a_server_package_or_an_unused_qt_module(tmp_path: Path) -> None:
    internal = tmp_path / "xaapp-0.1.0" / "_internal"
    for name in (
        "PySide6/QtCore.abi3.so",
        "python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
        "sqlalchemy/engine/_row_cy.cpython-311-x86_64-linux-gnu.so",
    ):
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"\0" * 1024)
    assert debtools.check_bundle(internal.parent, max_mb=1) == 0
    assert debtools.check_bundle(internal.parent, max_mb=0.001) == 1  # over the size limit
    for name in ("pydantic_core/_pydantic_core.cpython-311-x86_64-linux-gnu.so", "PySide6/QtNetwork.abi3.so"):
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"\0")
    assert debtools.forbidden_in(debtools.bundle_modules(internal.parent)) == [
        "pydantic_core",
        "PySide6.QtNetwork",
    ]
    assert debtools.check_bundle(internal.parent, max_mb=1) == 1


def test_the_build_scripts_parse_and_name_files_that_exist() -> None:
    for script in ("build_deb.sh", "smoke_deb.sh"):
        path = PACKAGING / "linux" / script
        assert subprocess.run(["bash", "-n", str(path)], capture_output=True, timeout=30).returncode == 0
    build_deb = (PACKAGING / "linux" / "build_deb.sh").read_text(encoding="utf-8")
    ps1 = (PACKAGING / "windows" / "build.ps1").read_text(encoding="utf-8")
    for text in (build_deb, ps1):
        for rel in re.findall(r"(?:packaging|tools)[\\/][\w\\/.-]+\.(?:spec|py|sh|iss|txt)", text):
            assert (ROOT / rel.replace("\\", "/")).is_file(), rel
    assert "packaging\\pyinstaller\\xaapp.spec" in ps1 and "packaging/pyinstaller/xaapp.spec" in build_deb


def test_the_installer_script_is_plain_ascii_and_finds_the_bundle_and_icon() -> None:
    iss = PACKAGING / "windows" / "xaapp.iss"
    text = iss.read_bytes().decode("ascii")  # a script without a BOM is read in the ANSI code page
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.M)
    assert (
        icon is not None
        and (iss.parent / icon.group(1).strip().replace("\\", "/")).resolve() == ICONS / "xaapp.ico"
    )
    assert 'DistDir "..\\..\\build\\windows\\dist\\xaapp-" + AppVersion' in text
    assert 'Join-Path $Dist "xaapp-$Version"' in (PACKAGING / "windows" / "build.ps1").read_text(
        encoding="utf-8"
    )
    assert 'name=f"xaapp-{__version__}"' in SPEC.read_text(encoding="utf-8")


def test_build_output_is_never_committed() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    paths = [
        "build/linux/xaapp_0.1.0_amd64.deb",
        "xaapp_0.1.0_amd64.deb",
        "build/windows/xaapp-0.1.0-setup.exe",
        "dist/xaapp-0.1.0/xaapp",
        "resources/i18n/xaapp_en.qm",
    ]
    result = subprocess.run(
        ["git", "check-ignore", *paths], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.stdout.split() == paths
