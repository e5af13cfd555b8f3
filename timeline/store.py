"""Where a build keeps what it makes while it runs: a folder of its own holding each batch's
reports and documents, then the merged events, as Parquet files.

Memory holds one batch, or one bucket of the merge; the folder holds the corpus. The folder
is removed when the :class:`Store` is closed or let go (the build's
:class:`~timeline.pipeline.Timeline` holds it while its tables are read), or when the build
fails or is interrupted. A build killed outright (SIGKILL, a power cut) cannot remove its
folder: each folder holds an owner file naming its process, and the next build in the same
place removes the folders of processes that are gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path

from timeline.errors import OutputError

PREFIX = "timeline-"
# the file in a working folder saying which process made it; no other folder is ever removed
OWNER = ".timeline-owner"


class Store:
    """A temporary folder of numbered Parquet parts, by kind ("reports", "documents",
    "events"). ``parent`` is where the folder goes (the system's temp folder by default;
    ``TMPDIR`` moves it)."""

    def __init__(self, parent: str | Path | None = None) -> None:
        where = Path(parent) if parent is not None else Path(tempfile.gettempdir())
        remove_stale(where)
        try:
            self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=where))
        except OSError as exc:
            msg = f"cannot make a working folder in {where}: {exc.strerror or exc}"
            raise OutputError(msg) from None
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)
        try:
            (self.path / OWNER).write_text(_owner(), encoding="utf-8")
        except OSError as exc:
            self.close()
            msg = f"cannot write in the working folder {self.path}: {exc.strerror or exc}"
            raise OutputError(msg) from None

    def part(self, kind: str, number: int) -> Path:
        """The path of part ``number`` of ``kind`` (its folder made)."""
        folder = self.path / kind
        folder.mkdir(exist_ok=True)
        return folder / f"part-{number:05d}.parquet"

    def parts(self, kind: str) -> list[Path]:
        """The parts of ``kind`` written so far, in order."""
        return sorted((self.path / kind).glob("part-*.parquet"))

    @contextlib.contextmanager
    def removed_on_error(self) -> Iterator[Store]:
        """The store, removed if the block raises (kept for its result otherwise)."""
        try:
            yield self
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove the folder (also done when the store is let go)."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive


def _owner(pid: int | None = None) -> str:
    return f"{socket.gethostname()} {os.getpid() if pid is None else pid}\n"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale(parent: Path) -> list[Path]:
    """Remove the working folders in ``parent`` left by builds of this machine whose process
    is gone (killed outright); returns them. Only folders holding an owner file are looked
    at; a folder whose process still runs, or of another machine, is kept."""
    removed = []
    host = socket.gethostname()
    with contextlib.suppress(OSError):
        for folder in parent.glob(f"{PREFIX}*"):
            try:
                name, pid = (folder / OWNER).read_text(encoding="utf-8").split()
                stale = name == host and not _alive(int(pid))
            except (OSError, ValueError):
                continue  # not a working folder of ours, or one being made
            if stale:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed
