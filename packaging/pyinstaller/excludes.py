"""What the desktop bundle leaves out, by import name. Read by xaapp.spec, by the bundle check after a build
(packaging/linux/debtools.py) and by tests/unit/test_packaging.py, which checks that these lists cover every
package that only pyproject's `server` or `dev` extra brings in (their whole dependency trees, less what the
desktop itself depends on). A package the desktop needs must never appear here.
"""

# Grouped by what pulls them in, several to a line.
# fmt: off
# The central server and what only it needs: pyproject `server` extra (FastAPI, uvicorn, psycopg, jinja2)
# and their dependencies, plus optional speed-ups uvicorn would pick up if present. (cryptography is not
# here: the desktop seals its sync token with it; nor annotated_types: the sync protocol's dataclasses carry
# their wire bounds with it.)
SERVER_EXCLUDES = [
    "xaapp.server",
    "fastapi", "starlette", "uvicorn", "click", "h11", "httptools", "uvloop", "watchfiles", "websockets",
    "pydantic", "pydantic_core", "annotated_doc", "typing_inspection", "email_validator",
    "anyio", "sniffio", "opentelemetry",
    "psycopg", "psycopg_binary", "psycopg_c", "psycopg_pool", "psycopg2",
    "OpenSSL",
    "jinja2", "markupsafe",  # the province console's pages
    "alembic", "mako",  # the central database's schema revisions
]

# Tests and developer tools: pyproject `dev` and `packaging` extras and what they pull in.
DEV_EXCLUDES = [
    "pytest", "_pytest", "py", "pluggy", "iniconfig", "pytestqt",
    "hypothesis", "_hypothesis_ftz_detector", "_hypothesis_globals", "_hypothesis_pytestplugin", "sortedcontainers",
    "importlinter", "grimp", "ruff", "pyxform", "lark", "xlrd", "defusedxml", "xlwt",
    "httpx", "httpcore",
    "mypy", "mypyc", "mypy_extensions", "librt", "ast_serialize", "pathspec", "requests-stubs", "openpyxl-stubs",
    "schemathesis", "hypothesis_graphql", "graphql", "harfile", "jsonschema_rs", "pyrate_limiter", "werkzeug",
    "yaml", "_yaml", "rich", "pygments", "markdown_it", "mdurl", "packaging",
    "selenium", "trio", "trio_websocket", "outcome", "wsproto", "socks", "sockshandler", "attr", "attrs",
    "websocket",
    "PyInstaller", "altgraph", "pyinstaller_hooks_contrib", "_pyinstaller_hooks_contrib",
    "setuptools", "pkg_resources", "pip", "wheel", "_distutils_hack", "IPython", "numpy", "PIL",
]

# Parts of the standard library and of Qt the desktop never uses.
OTHER_EXCLUDES = [
    "tkinter", "_tkinter", "turtledemo", "idlelib", "lib2to3", "pydoc_data", "test", "unittest",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtUiTools", "PySide6.QtXml", "PySide6.QtConcurrent",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
]
# fmt: on

EXCLUDES = SERVER_EXCLUDES + DEV_EXCLUDES + OTHER_EXCLUDES
