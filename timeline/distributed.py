"""Build on a Dask cluster: each batch of documents is one Dask task, the same work as a
local build's (:func:`timeline.batches.work_batch`), run by the same loop
(:func:`timeline.batches.spool`); the client then merges the reports a bucket of days at a
time, as a local build does (:func:`timeline.merge.merge_parts`).

Workers write each batch's reports to ``PARTITIONS/timeline-XXXX/part-NNNNN.parquet``; on a
cluster of several machines that folder must be storage every worker and the client can
reach (a shared file system). A few batches are in flight at a time, each worker's share
and one more, so memory holds a bounded number of batches whatever the corpus.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tqdm import tqdm

from timeline.batches import Batch, Engine, Settings, read_inputs, spool, work_batch
from timeline.errors import InputError, OutputError
from timeline.model import Document
from timeline.pipeline import Timeline, finish
from timeline.store import Store
from timeline.taxonomy import Taxonomy, load_taxonomy
from timeline.temporal import Anchoring


def _partition(folder: str | Path, number: int) -> Path:
    return Path(folder) / f"part-{number:05d}.parquet"


def dask_engine(client: Any, folder: Path, settings: Settings, ahead: int) -> Engine:
    """Batches as Dask tasks on ``client``'s cluster, at most ``ahead`` in flight, their
    reports written by the workers into ``folder``; results in order."""

    def run(
        batches: Iterator[tuple[int, list[Document]]], done: Callable[[int], object]
    ) -> Iterator[Batch]:
        flying: deque[tuple[int, Any]] = deque()
        for number, batch in batches:
            path = str(_partition(folder, number))
            flying.append((len(batch), client.submit(work_batch, number, batch, path, settings)))
            if len(flying) >= ahead:
                size, future = flying.popleft()
                yield future.result()
                done(size)
        while flying:
            size, future = flying.popleft()
            yield future.result()
            done(size)

    return run


# how long the client tries to reach a scheduler before it says it cannot
CONNECT_TIMEOUT = 10


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Dask client of the cluster at ``scheduler``, or of a local cluster of ``workers``
    processes (closed with it); a clear :class:`InputError` when Dask is missing or the
    scheduler can't be reached."""
    try:
        from dask.distributed import Client, LocalCluster  # imported lazily: optional engine
    except ImportError:
        msg = "the dask engine needs Dask: pip install 'timeline[dask]'"
        raise InputError(msg) from None
    if scheduler is not None:
        reason = None
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except (OSError, ValueError, TypeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if reason is not None:
            # the half-made client closes when collected, stopping the event-loop thread
            # Dask shares between clients: collect it now, not while a later cluster starts
            # that thread again (which deadlocks)
            gc.collect()
            msg = f"cannot reach the Dask scheduler {scheduler!r}: {reason}"
            raise InputError(msg)
        with client:
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # its web server on a free port: never a clash over 8787
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def _folder(path: str | Path) -> Path:
    """``path`` as a folder, made if missing, or a clear :class:`OutputError`."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"cannot make the partitions folder {folder}: {exc.strerror or exc}"
        raise OutputError(msg) from None
    return folder


def build_on_dask(
    inputs: Sequence[str | Path | Document],
    *,
    partitions: str | Path,
    scheduler: str | None = None,
    reference_date: date | None = None,
    title: str | None = None,
    taxonomy: Taxonomy | None = None,
    anchoring: Anchoring = "auto",
    aliases: Mapping[str, str] | None = None,
    workers: int = 2,
    workdir: str | Path | None = None,
    skip_bad: bool = False,
    lang: str = "auto",
    progress: bool = False,
) -> Timeline:
    """:func:`timeline.build` on Dask: on the cluster at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``), or on a local cluster of ``workers`` processes.

    Workers write events into a new folder of the build's own inside ``partitions`` (a
    folder they and the client can all reach); the client merges them from there into a
    folder in ``workdir`` (as :func:`timeline.build`), then removes the partitions' folder.
    Nothing else in ``partitions`` is touched."""
    skipped: list[str] | None = [] if skip_bad else None
    settings = Settings(taxonomy=taxonomy, anchoring=anchoring, aliases=aliases)
    with _client(scheduler, workers) as client, Store(_folder(partitions)) as shared:
        documents = read_inputs(inputs, reference_date=reference_date, lang=lang, skipped=skipped)
        engine = dask_engine(client, shared.path, settings, ahead=workers + 1)
        bar = tqdm(unit="doc", disable=not progress, file=sys.stderr)
        # the client keeps the documents and merges the reports a bucket of days at a
        # time, as a local build does
        with Store(workdir).removed_on_error() as store:
            with bar:
                spooled = spool(documents, engine, store, skipped=skipped, done=bar.update)
            return finish(
                store,
                spooled,
                taxonomy=taxonomy or load_taxonomy(),
                title=title,
                skipped=skipped,
                progress=progress,
            )
