"""Where a build keeps what it makes while it runs: a folder of its own holding each batch's
reports and documents, then the merged events, as Parquet files.

Memory holds one batch, or one bucket of the merge; the folder holds the corpus. The folder
is removed when the :class:`Store` is closed or let go (the build's
:class:`~timeline.pipeline.Timeline` holds it while its tables are read).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path

from timeline.errors import OutputError


class Store:
    """A temporary folder of numbered Parquet parts, by kind ("reports", "documents",
    "events"). ``parent`` is where the folder goes (the system's temp folder by default;
    ``TMPDIR`` moves it)."""

    def __init__(self, parent: str | Path | None = None) -> None:
        try:
            self.path = Path(tempfile.mkdtemp(prefix="timeline-", dir=parent))
        except OSError as exc:
            msg = f"cannot make a working folder in {parent or tempfile.gettempdir()}: {exc}"
            raise OutputError(msg) from None
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)

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
