"""Write files so that nobody's file is lost: never half a file, never a file swapped for
another kind, and a run's outputs published together or not at all.

A regular file (or a new path) is written to a temporary file beside it, then renamed over
it. A symbolic link is followed: the file it points to is replaced, the link stays. Anything
else that exists at the path (a device such as ``/dev/stdout``, a named pipe) is written
into, never replaced; ``-`` is standard output. A folder is never written over.

:class:`Outputs` is a run's set of outputs: each path is checked (and its temporary file
made) before any work, none may be an input the run reads or another output, and the set is
published only when every file is written, so a failed run changes no existing output.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import OutputError

STDOUT = "-"


@dataclass(frozen=True)
class Staged:
    """One output being written: ``tmp`` is written first, then published to ``target``
    (renamed over ``destination``, or, when ``through``, copied into it)."""

    target: str  # the path as given ("-": standard output)
    destination: Path | None  # the real path written: links followed; None for stdout
    tmp: Path
    through: bool  # written into (a device, a pipe, stdout), not renamed over
    mode: int  # permissions the published file gets (an existing file's own)
    made: tuple[Path, ...] = ()  # folders made for it, removed again if it is discarded


def _fail(target: object, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {exc.strerror or exc}")


def _temp(folder: Path | None, name: str) -> Path:
    """A new empty temporary file, in ``folder`` (the system's temp folder if None), whose
    name ends like ``name`` (image writers read the kind from the suffix)."""
    suffix = f".tmp{Path(name).suffix}"
    fd, path = tempfile.mkstemp(prefix=f".{Path(name).name}.", suffix=suffix, dir=folder)
    os.close(fd)
    return Path(path)


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def stage(path: str | Path) -> Staged:
    """Check that ``path`` can be written and make its temporary file; nothing at ``path``
    changes until :func:`publish`."""
    target = str(path)
    if target == STDOUT:
        try:
            return Staged(target, None, _temp(None, "stdout"), through=True, mode=0)
        except OSError as exc:
            raise _fail("standard output", exc) from None
    real = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = real.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _fail(target, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        msg = f"cannot write {target}: it is a folder; give a file name"
        raise OutputError(msg)
    through = info is not None and not stat.S_ISREG(info.st_mode)
    if through and not os.access(real, os.W_OK):
        msg = f"cannot write {target}: permission denied"
        raise OutputError(msg)
    made = () if through else tuple(p for p in real.parents if not p.exists())
    try:
        if not through:
            real.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp(None if through else real.parent, real.name)
    except OSError as exc:
        _remove_empty(made)
        raise _fail(target, exc) from None
    mode = stat.S_IMODE(info.st_mode) if info is not None else _umask_mode()
    return Staged(target, real, tmp, through=through, mode=mode, made=made)


def _remove_empty(folders: Iterable[Path]) -> None:
    """Remove those of ``folders`` (deepest first) that are still empty."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def publish(staged: Staged) -> None:
    """Put the written temporary file in its place (and remove it)."""
    try:
        if not staged.through:
            assert staged.destination is not None
            os.chmod(staged.tmp, staged.mode)
            os.replace(staged.tmp, staged.destination)
            return
        with staged.tmp.open("rb") as source:
            if staged.destination is None:
                sys.stdout.flush()
                stream = getattr(sys.stdout, "buffer", None)
                if stream is None:  # a text-only stream (some test runners)
                    sys.stdout.write(source.read().decode("utf-8"))
                else:
                    shutil.copyfileobj(source, stream)
                    stream.flush()
            else:
                with staged.destination.open("wb") as out:
                    shutil.copyfileobj(source, out)
    except OSError as exc:
        discard(staged)
        raise _fail(staged.target, exc) from None
    finally:
        staged.tmp.unlink(missing_ok=True)


def discard(staged: Staged) -> None:
    """Remove the temporary file and the folders made for it (the target is left as it
    was)."""
    staged.tmp.unlink(missing_ok=True)
    _remove_empty(staged.made)


@contextlib.contextmanager
def atomic_write(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it is published to ``path`` (see
    :func:`stage`), on any error removed, ``path`` left as it was."""
    staged = stage(path)
    try:
        yield staged.tmp
        publish(staged)
    except OSError as exc:
        raise _fail(path, exc) from None
    finally:
        discard(staged)


def write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    with atomic_write(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def _identity(path: Path) -> tuple[int, int] | str:
    """What makes two paths the same file: device and inode when it exists (hard links
    too), else the real path."""
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError:
        return real
    return (info.st_dev, info.st_ino)


class Outputs:
    """A run's outputs, published together.

    :meth:`add` checks a path and returns the temporary file to write it to; :meth:`publish`
    puts them all in place once everything is written. Leaving the ``with`` block with an
    error removes every temporary file and changes nothing. ``inputs`` are the files the
    run reads: an output that is one of them (by any path, link or hard link) is refused.
    """

    def __init__(self, inputs: Iterable[str | Path] = ()) -> None:
        self._inputs = {_identity(Path(p)) for p in inputs}
        self._staged: list[Staged] = []
        self._ids: dict[tuple[int, int] | str, str] = {}

    def add(self, path: str | Path, *, what: str = "output") -> Path:
        """Check ``path`` and make its temporary file; returns where to write it."""
        target = str(path)
        if target == STDOUT:
            ident: tuple[int, int] | str = STDOUT
        else:
            ident = _identity(Path(path))
            if ident in self._inputs:
                msg = f"{what} {target} is also an input; choose another output path"
                raise OutputError(msg)
        if ident in self._ids:
            if ident == STDOUT:
                msg = "only one output can go to standard output (-)"
            else:
                msg = f"{what} {target} is also given as {self._ids[ident]}; choose two paths"
            raise OutputError(msg)
        staged = stage(path)
        self._ids[ident] = f"{what} {target}"
        self._staged.append(staged)
        return staged.tmp

    def publish(self) -> None:
        """Put every output in place (regular files first renamed, then what is written
        into: standard output last)."""
        for staged in sorted(self._staged, key=lambda s: (s.through, s.destination is None)):
            publish(staged)
        self._staged = []

    def discard(self) -> None:
        """Remove every temporary file; no output changes."""
        for staged in self._staged:
            staged.tmp.unlink(missing_ok=True)
        _remove_empty(sorted({f for s in self._staged for f in s.made}, reverse=True))
        self._staged = []

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, *_: object) -> None:
        self.discard()  # after publish() there is nothing left to remove
