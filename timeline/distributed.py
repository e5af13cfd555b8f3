"""Build on a Dask cluster: the per-document work spread over workers, reports written as
partitioned Parquet, then merged by the client a bucket of days at a time, as a local build
does (:func:`timeline.merge.merge_parts`).

The work on a document (:func:`timeline.pipeline.process_document`) is a pure function, so
each batch of documents is one Dask task. Workers write their batch's events to
``partitions/part-NNNNN.parquet``; on a cluster of several machines that folder must be
storage every worker and the client can reach (a shared file system).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from timeline.errors import InputError, OutputError
from timeline.model import Document
from timeline.pipeline import (
    BATCH,
    Processed,
    Timeline,
    _documents,
    _timeline,
    _usable,
    process_document,
)
from timeline.store import Store
from timeline.table import documents_to_frame, events_to_frame
from timeline.taxonomy import Taxonomy, load_taxonomy
from timeline.temporal import Anchoring


def _process_batch(
    number: int,
    batch: list[Document],
    folder: str,
    taxonomy: Taxonomy | None,
    anchoring: Anchoring,
    aliases: Mapping[str, str] | None,
) -> tuple[int, int, pl.DataFrame]:
    """One Dask task: a batch's events written to a Parquet partition, in text order; counts
    and the documents' metadata back to the client."""
    done = Processed.total(
        process_document(doc, taxonomy=taxonomy, anchoring=anchoring, aliases=aliases)
        for doc in batch
    )
    events_to_frame(done.events, sort=False).write_parquet(_partition(folder, number))
    return done.mentions, done.unresolved, documents_to_frame(batch)


def _partition(folder: str | Path, number: int) -> Path:
    return Path(folder) / f"part-{number:05d}.parquet"


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
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except (OSError, ValueError, TypeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            msg = f"cannot reach the Dask scheduler {scheduler!r}: {reason}"
            raise InputError(msg) from None
        with client:
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
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
) -> Timeline:
    """:func:`timeline.build` on Dask: on the cluster at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``), or on a local cluster of ``workers`` processes.

    Workers write events into a new folder of the build's own inside ``partitions`` (a
    folder they and the client can all reach); the client merges them from there into a
    folder in ``workdir`` (as :func:`timeline.build`), then removes the partitions' folder.
    Nothing else in ``partitions`` is touched."""
    skipped: list[str] | None = [] if skip_bad else None
    with _client(scheduler, workers) as client, Store(_folder(partitions)) as shared:
        documents = _usable(_documents(inputs, reference_date, skipped), skipped, lang)
        futures = []
        for number in itertools.count():
            batch = list(itertools.islice(documents, BATCH))
            if not batch:
                break
            task = (number, batch, str(shared.path), taxonomy, anchoring, aliases)
            futures.append(client.submit(_process_batch, *task))
        results = client.gather(futures)
        # the client merges the partitions a bucket of days at a time, as a local build does
        with Store(workdir).removed_on_error() as store:
            for number, result in enumerate(results):
                result[2].write_parquet(store.part("documents", number))
            return _timeline(
                store,
                [_partition(shared.path, number) for number in range(len(results))],
                sum(r[0] for r in results),
                sum(r[1] for r in results),
                taxonomy=taxonomy or load_taxonomy(),
                title=title,
                skipped=skipped,
            )
