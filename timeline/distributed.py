"""Build on a Dask cluster: the per-document work spread over workers, reports written as
partitioned Parquet, then merged by the client a bucket of days at a time, as a local build
does (:func:`timeline.merge.merge_parts`).

The work on a document (:func:`timeline.pipeline.process_document`) is a pure function, so
each batch of documents is one Dask task. Workers write their batch's events to
``partitions/part-NNNNN.parquet``; on a cluster of several machines that folder must be
storage every worker and the client can reach (a shared file system).
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

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
    taxonomy: Taxonomy,
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
) -> Timeline:
    """:func:`timeline.build` on Dask: on the cluster at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``), or on a local cluster of ``workers`` processes. Events are
    written to ``partitions`` (emptied first) and merged from there into a folder in
    ``workdir`` (as :func:`timeline.build`)."""
    from dask.distributed import Client, LocalCluster  # imported lazily: optional engine

    folder = Path(partitions)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    taxonomy = taxonomy or load_taxonomy()
    documents = _usable(_documents(inputs, reference_date, None), None)
    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        with Client(scheduler or cluster) as client:  # type: ignore[no-untyped-call]
            futures = []
            for number in itertools.count():
                batch = list(itertools.islice(documents, BATCH))
                if not batch:
                    break
                futures.append(
                    client.submit(
                        _process_batch, number, batch, str(folder), taxonomy, anchoring, aliases
                    )
                )
            results = client.gather(futures)
    finally:
        if cluster is not None:
            cluster.close()
    # the client merges the partitions a bucket of days at a time, as the local build does
    with Store(workdir).removed_on_error() as store:
        for number, result in enumerate(results):
            result[2].write_parquet(store.part("documents", number))
        return _timeline(
            store,
            [_partition(folder, number) for number in range(len(results))],
            sum(r[0] for r in results),
            sum(r[1] for r in results),
            taxonomy=taxonomy,
            title=title,
        )
