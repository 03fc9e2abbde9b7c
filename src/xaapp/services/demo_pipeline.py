"""Running a generator of work items in another process while this one consumes them.

``items_from_process(produce, *args)`` starts a fresh interpreter (a plain child process: safe from any
thread, the UI's too, and leaving no helper process behind) that iterates ``produce(*args)`` (a module-level
generator function) and sends each item back pickled through a pipe. The pipe's small buffer keeps the
producer at most one item ahead, so memory stays bounded while both sides run at once on two cores. The
items arrive in order; an error in the producer is raised here with its traceback; whatever happens, the
child is stopped and waited for before this returns. The demo commune generates its records this way while
its rows are being written (``services.demo``).
"""

from __future__ import annotations

import importlib
import os
import pickle
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable, Generator, Iterator
from typing import IO, Any, BinaryIO

_HEADER = struct.Struct("<cQ")  # kind, length of the pickle that follows
_ITEM, _END, _ERROR = b"i", b"e", b"x"


class ProducerFailed(RuntimeError):
    """The producing process raised, or died."""


def _send(out: BinaryIO, kind: bytes, value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(kind, len(data)))
    out.write(data)
    out.flush()


def _receive(source: IO[bytes]) -> tuple[bytes, Any] | None:
    header = source.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    kind, length = _HEADER.unpack(header)
    data = source.read(length)
    if len(data) < length:
        return None
    return kind, pickle.loads(data)


def child_main() -> None:
    """The child's side: read (module, function, args) from stdin, send each item, then the end or the error."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, never into the items
    try:
        module, name, args = pickle.load(sys.stdin.buffer)
        produce = getattr(importlib.import_module(module), name)
        for item in produce(*args):
            _send(out, _ITEM, item)
        _send(out, _END, None)
    except BaseException:  # sent to the consumer, which raises it; nothing is swallowed
        import traceback

        _send(out, _ERROR, traceback.format_exc())
        raise SystemExit(1) from None
    finally:
        out.close()


def items_from_process(produce: Callable[..., Iterator[Any]], *args: Any) -> Generator[Any, None, None]:
    """Each item ``produce(*args)`` yields, produced in a child process (module docstring)."""
    command = [sys.executable, "-c", "from xaapp.services.demo_pipeline import child_main; child_main()"]
    errors = tempfile.TemporaryFile()  # a file, not a pipe: a chatty child can never block on it
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
    try:
        assert child.stdin is not None and child.stdout is not None
        pickle.dump((produce.__module__, produce.__qualname__, args), child.stdin)
        child.stdin.close()
        while True:
            got = _receive(child.stdout)
            if got is None:
                child.wait()
                errors.seek(0)
                detail = errors.read().decode(errors="replace")[-2000:]
                raise ProducerFailed(
                    f"the producing process ended without a result (exit code {child.returncode}): {detail}"
                )
            kind, value = got
            if kind == _END:
                break
            if kind == _ERROR:
                raise ProducerFailed(value)
            yield value
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None and not stream.closed:
                stream.close()
        errors.close()
