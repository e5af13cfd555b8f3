"""Build on a Dask cluster: the per-document work spread over workers, events written as
partitioned Parquet, then scanned by polars to merge, dedupe and render.

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

from timeline.errors import InputError
from timeline.events import merge_reports
from timeline.model import Document
from timeline.pipeline import (
    BATCH,
    Processed,
    Timeline,
    _documents,
    _usable,
    metadata,
    process_document,
)
from timeline.table import EVENT_SCHEMA, events_to_frame, frame_to_events
from timeline.taxonomy import Taxonomy, load_taxonomy
from timeline.temporal import Anchoring


def _process_batch(
    number: int,
    batch: list[Document],
    folder: str,
    taxonomy: Taxonomy,
    anchoring: Anchoring,
    aliases: Mapping[str, str] | None,
) -> tuple[int, int, list[Document]]:
    """One Dask task: a batch's events written to a Parquet partition; counts and metadata
    back to the client."""
    done = Processed.total(
        process_document(doc, taxonomy=taxonomy, anchoring=anchoring, aliases=aliases)
        for doc in batch
    )
    events_to_frame(done.events).write_parquet(Path(folder) / f"part-{number:05d}.parquet")
    return done.mentions, done.unresolved, [metadata(doc) for doc in batch]


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
) -> Timeline:
    """:func:`timeline.build` on Dask: on the cluster at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``), or on a local cluster of ``workers`` processes. Events are
    written to ``partitions`` (emptied first) and merged from there."""
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
    if not results:
        msg = "no input documents"
        raise InputError(msg)
    frame = pl.scan_parquet(folder / "*.parquet").select(EVENT_SCHEMA.names()).collect()
    order = ["doc_id", "char_start"]  # the order the local build meets the events in
    doc_rank = {d.doc_id: i for i, d in enumerate(m for r in results for m in r[2])}
    frame = (
        frame.with_columns(
            pl.col("doc_id").replace_strict(doc_rank, return_dtype=pl.Int64).alias("_rank")
        )
        .sort(["_rank", *order[1:]])
        .drop("_rank")
    )
    kept = [doc for result in results for doc in result[2]]
    return Timeline(
        documents=tuple(kept),
        events=events_to_frame(merge_reports(frame_to_events(frame))),
        taxonomy=taxonomy,
        mentions=sum(r[0] for r in results),
        unresolved=sum(r[1] for r in results),
        title=title or (kept[0].title if len(kept) == 1 else None),
    )
