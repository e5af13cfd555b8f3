"""The whole job as one call: documents → mentions → values → events → table → figure."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import polars as pl
from tqdm import tqdm

from timeline import lang as packs
from timeline.arguments import check_choice, check_count, check_date, check_type
from timeline.batches import Mapper, Settings, Spooled, local_engine, read_inputs, spool
from timeline.errors import InputError
from timeline.layout import FigureOptions, Layout, layout
from timeline.merge import merge_parts
from timeline.model import Document
from timeline.render import plotly_figure
from timeline.store import Store
from timeline.table import documents_to_frame, scan, to_csv_frame
from timeline.taxonomy import Taxonomy, load_taxonomy
from timeline.temporal import ANCHORINGS, Anchoring
from timeline.temporal.festivals import festival_date
from timeline.temporal.resources import load as load_language


@dataclass(frozen=True)
class Timeline:
    """The result of :func:`build`: the event table, what it was built from, and counts.

    The tables are Parquet files of the build's (``event_parts`` read in order are the event
    table), which stay until the timeline is closed or let go, so that a corpus of any size is
    written out without being held in memory. ``event_table`` and ``document_table`` are
    LazyFrames over them; ``events`` and ``documents`` read them into memory. The document
    table is each document's metadata (:data:`~timeline.table.DOCUMENT_SCHEMA`: id, title,
    source, url, reference date and its basis), not its text.
    """

    event_parts: tuple[Path, ...]
    document_parts: tuple[Path, ...]
    taxonomy: Taxonomy
    mentions: int = 0  # date expressions found
    unresolved: int = 0  # of which could not be resolved
    title: str | None = None  # the document's own title, when there is one document
    skipped: tuple[str, ...] = ()  # why each input left out (with skip_bad) was left out
    store: Store | None = field(default=None, repr=False, compare=False)  # the files read

    @property
    def event_table(self) -> pl.LazyFrame:
        """The event table (:data:`~timeline.table.EVENT_SCHEMA`), read when collected."""
        return scan(self.event_parts)

    @property
    def document_table(self) -> pl.LazyFrame:
        """The documents' metadata (:data:`~timeline.table.DOCUMENT_SCHEMA`), read when
        collected."""
        parts = list(self.document_parts)
        return pl.scan_parquet(parts) if parts else documents_to_frame([]).lazy()

    @cached_property
    def events(self) -> pl.DataFrame:
        """The event table (:data:`~timeline.table.EVENT_SCHEMA`), in memory."""
        return self.event_table.collect()

    @cached_property
    def documents(self) -> pl.DataFrame:
        """The documents' metadata (:data:`~timeline.table.DOCUMENT_SCHEMA`), in memory."""
        return self.document_table.collect()

    def close(self) -> None:
        """Remove the build's files (the lazy tables cannot be read after)."""
        if self.store is not None:
            self.store.close()

    def __enter__(self) -> Timeline:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def layout(self, options: FigureOptions | None = None, **changes: Any) -> Layout:
        """The timeline laid out (:func:`timeline.layout.layout`) as ``options`` say, with
        ``changes`` to them (``lane="actor"``...): its title the build's, lanes in the
        taxonomy's order, its reference dates, the festival days when asked."""
        chosen = replace(options or FigureOptions(), **changes)
        order = chosen.lane_order
        if order is None and chosen.lane == "category":
            order = self.taxonomy.ids
        refs = self.document_table.select(pl.col("reference_date").unique().drop_nulls())
        return layout(
            self.event_parts,
            lane=chosen.lane,
            lane_order=order,
            title=chosen.title or self.title,
            reference_dates=refs.collect().to_series().to_list(),
            bands=self.festival_days() if chosen.festival_bands else (),
            max_events=chosen.max_events,
        )

    def figure(self, options: FigureOptions | None = None, **changes: Any) -> go.Figure:
        """The interactive timeline: the plotly figure of :meth:`layout`."""
        return plotly_figure(self.layout(options, **changes))

    def write(self, path: str | Path, kind: str | None = None, **options: Any) -> Path:
        """Write the timeline as ``kind`` (a writer of :data:`timeline.writers.WRITERS`:
        html, csv, parquet, json, timelinejs, ics, png, svg, embed), else as the path's
        suffix says. ``options`` are :class:`timeline.writers.WriteOptions` fields
        (``excel=True``, ``include_plotlyjs="cdn"``, ``figure=FigureOptions(...)``...)."""
        from timeline.writers import WriteOptions, check_path, writer_for

        writer = writer_for(path, kind)
        check_path(writer, path)
        writer.write(self, Path(path), WriteOptions(**options))
        return Path(path)

    def _span(self) -> tuple[date, date] | None:
        """The first and last day of the events, if any."""
        first, last = (
            self.event_table.select(pl.col("date_start").min(), pl.col("date_end").max())
            .collect()
            .row(0)
        )
        return None if first is None else (first, last)

    def festival_days(self) -> list[tuple[str, date]]:
        """The banded festivals (festivals.toml ``band = true``) in the years the events
        span, as (name, day)."""
        span = self._span()
        if span is None:
            return []
        first, last = span
        table = load_language().festivals
        days = []
        for festival in table.values():
            if not festival.band:
                continue
            for year in range(first.year, last.year + 1):
                day = festival_date(festival, year, table)
                if day is not None and first <= day <= last:
                    days.append((festival.names[0], day))
        return sorted(days, key=lambda item: item[1])

    def category_counts(self) -> list[tuple[str, int]]:
        """Events per category, most first (ties in the taxonomy's order)."""
        counts = self.event_table.group_by("category").len().collect().iter_rows()
        order = {c: i for i, c in enumerate(self.taxonomy.ids)}
        return sorted(counts, key=lambda kv: (-kv[1], order.get(kv[0], 99), kv[0]))

    def to_csv(self) -> str:
        """The event table as CSV text."""
        return to_csv_frame(self.events).write_csv()

    def summary(self) -> str:
        """A few lines for people: counts, date range, categories, unresolved dates."""
        docs = self.document_table.select(pl.len()).collect().item()
        count = self.event_table.select(pl.len()).collect().item()
        lines = [
            f"{docs} document{'s' if docs != 1 else ''}, {self.mentions} date expressions "
            f"({self.unresolved} could not be resolved), {count} events"
        ]
        span = self._span()
        if span is not None:
            lines.append(f"dates: {span[0]!s} to {span[1]!s}")
            ranked = self.category_counts()
            lines.append("categories: " + ", ".join(f"{c} {n}" for c, n in ranked))
        pairs = self.document_table.select("reference_date", "reference_basis").unique()
        bases = pairs.collect()
        lines.append("reference date: " + _reference_dates(bases))
        for reason in self.skipped:
            lines.append(f"skipped: {reason}")
        if "inferred" in bases.get_column("reference_basis"):
            lines.append(
                "warning: a reference date was inferred from the years in the text; "
                "pass --ref-date to be sure"
            )
        return "\n".join(lines)


def _reference_dates(pairs: pl.DataFrame, listed: int = 3) -> str:
    """The documents' reference dates with where each came from (``pairs``: the distinct
    reference_date, reference_basis pairs); a range when many."""
    pairs = pairs.sort("reference_date", "reference_basis")
    if pairs.height <= listed:
        return ", ".join(f"{day} ({basis})" for day, basis in pairs.iter_rows())
    bases = ", ".join(sorted(set(pairs.get_column("reference_basis").drop_nulls())))
    days = pairs.get_column("reference_date")
    return f"{days.n_unique()} dates from {days.min()!s} to {days.max()!s} ({bases})"


def cpu_count() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def usable_jobs(jobs: int) -> int:
    """``jobs``, at most one process a processor: more only wait their turn."""
    return max(1, min(jobs, cpu_count()))


@contextmanager
def _pool(jobs: int) -> Iterator[Mapper]:
    """A map over a batch of documents, in order: in this process, or in ``jobs``.

    The workers ignore Ctrl-C (they inherit the ignored SIGINT while they start): only
    this process is interrupted, and leaving the block for any reason terminates them."""
    if jobs <= 1:
        yield lambda work, docs: map(work, docs)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = multiprocessing.get_context("spawn").Pool(jobs)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        yield lambda work, docs: pool.imap(work, docs, chunksize=max(1, len(docs) // (jobs * 4)))
    finally:
        pool.terminate()
        pool.join()


def _inputs(inputs: object) -> list[str | Path | Document]:
    """:func:`build`'s inputs as a list, each checked to be a path, a text or a document."""
    kinds = (str, Path, Document)
    if isinstance(inputs, kinds):
        return [inputs]
    if not isinstance(inputs, Sequence) or isinstance(inputs, bytes | bytearray):
        msg = (
            "inputs must be a path, a text, a Document or a list of them, "
            f"not {type(inputs).__name__}"
        )
        raise TypeError(msg)
    for item in inputs:
        if not isinstance(item, kinds):
            msg = f"inputs must be paths, texts or Documents, not {type(item).__name__}"
            raise TypeError(msg)
    return list(inputs)


ENGINES = ("local", "dask")


def build(
    inputs: str | Path | Document | Sequence[str | Path | Document],
    *,
    reference_date: date | None = None,
    title: str | None = None,
    taxonomy: Taxonomy | None = None,
    anchoring: Anchoring = "auto",
    aliases: Mapping[str, str] | None = None,
    skip_bad: bool = False,
    jobs: int = 1,
    progress: bool = False,
    workdir: str | Path | None = None,
    lang: str = packs.AUTO,
    engine: str = "local",
    scheduler: str | None = None,
    partitions: str | Path | None = None,
) -> Timeline:
    """Read the inputs (files, folders, globs, ``-``, texts, or :class:`Document` objects),
    resolve their dates and build the event table.

    ``engine`` says where the work on the documents runs: "local" (this process, and
    ``jobs`` processes) or "dask" (:func:`timeline.distributed.build_on_dask`: the cluster
    at ``scheduler``, or a local one of ``jobs`` workers, writing its partitions in a
    sub-folder of ``partitions``, default the system's temp folder).

    ``lang`` is the code of the language pack every document is read with, or "auto": the
    language a document says it is in (front matter ``lang:``, an HTML page's ``<html
    lang>``, a JSONL ``lang``) when there is a pack of it, else the pack of its script
    (:func:`timeline.lang.detect`). ``taxonomy`` sets the categories of every document
    (default: each language pack's own, which share their ids).

    ``reference_date`` overrides every document's own (front matter ``date:``). A document
    with neither is an :class:`~timeline.errors.InputError`. ``anchoring`` as in
    :func:`timeline.resolve`. ``aliases`` maps lower-cased name variants to one name
    (see :func:`timeline.actors.load_aliases`). ``skip_bad`` leaves out inputs that cannot
    be read and documents without a reference date, listing them in ``Timeline.skipped``,
    instead of stopping at the first. ``jobs`` processes share the documents (the work on
    each is a pure function of it); ``progress`` shows a progress bar on stderr.

    Documents are read and worked on a batch at a time, their reports written to files in a
    folder of the build's own (in ``workdir``, or the system's temp folder), then merged a
    bucket of days at a time (:func:`timeline.merge.merge_parts`): memory stays flat as the
    corpus grows. The folder goes when the :class:`Timeline` is closed or let go.
    """
    items = _inputs(inputs)
    check_date("reference_date", reference_date, optional=True)
    check_choice("anchoring", anchoring, ANCHORINGS)
    check_count("jobs", jobs)
    if title is not None:
        check_type("title", title, str)
    if taxonomy is not None:
        check_type("taxonomy", taxonomy, Taxonomy)
    check_choice("lang", lang, (packs.AUTO, *packs.codes()))
    check_choice("engine", engine, ENGINES)
    jobs = usable_jobs(jobs)
    if engine == "dask":
        from timeline.distributed import build_on_dask  # loads dask: only this engine

        return build_on_dask(
            items,
            partitions=partitions if partitions is not None else tempfile.gettempdir(),
            scheduler=scheduler,
            reference_date=reference_date,
            title=title,
            taxonomy=taxonomy,
            anchoring=anchoring,
            aliases=aliases,
            workers=max(2, jobs),
            workdir=workdir,
            skip_bad=skip_bad,
            lang=lang,
            progress=progress,
        )
    chosen = taxonomy
    skipped: list[str] | None = [] if skip_bad else None
    settings = Settings(taxonomy=chosen, anchoring=anchoring, aliases=aliases)
    documents = read_inputs(items, reference_date=reference_date, lang=lang, skipped=skipped)
    bar = tqdm(unit="doc", disable=not progress, file=sys.stderr)
    with Store(workdir).removed_on_error() as store:
        with bar, _pool(jobs) as mapper:
            here = local_engine(store, settings, mapper)
            spooled = spool(documents, here, store, skipped=skipped, done=bar.update)
        return finish(
            store,
            spooled,
            taxonomy=chosen or load_taxonomy(),
            title=title,
            skipped=skipped,
            progress=progress,
        )


def finish(
    store: Store,
    spooled: Spooled,
    *,
    taxonomy: Taxonomy,
    title: str | None,
    skipped: list[str] | None = None,
    progress: bool = False,
) -> Timeline:
    """The :class:`Timeline` of a finished build (either engine): its reports (Parquet files,
    in the order reported) merged into events, and its documents' metadata, both in
    ``store``."""
    parts = store.parts("documents")
    if not parts:
        msg = "no input documents" + (f" ({len(skipped)} skipped)" if skipped else "")
        raise InputError(msg)
    docs = pl.scan_parquet(parts).select(pl.len(), pl.col("title").first())
    count, first_title = docs.collect().row(0)
    merged = merge_parts(spooled.reports, store, progress=progress)
    return Timeline(
        event_parts=tuple(merged),
        document_parts=tuple(parts),
        taxonomy=taxonomy,
        mentions=spooled.mentions,
        unresolved=spooled.unresolved,
        title=title or (first_title if count == 1 else None),
        skipped=tuple(skipped or ()),
        store=store,
    )
