"""The whole job as one call: documents → mentions → values → events → table → figure."""

from __future__ import annotations

import itertools
import multiprocessing
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import polars as pl
from tqdm import tqdm

from timeline import exports, render
from timeline.documents import document_from_text, expand_inputs, load_documents
from timeline.errors import InputError
from timeline.events import extract_events
from timeline.merge import ReportMerger
from timeline.model import Document, Event, Resolved
from timeline.reference import with_reference
from timeline.render import figure, to_html, write_html
from timeline.table import documents_to_frame, to_csv_frame, write_csv
from timeline.taxonomy import Taxonomy, load_taxonomy
from timeline.temporal import Anchoring, resolve
from timeline.temporal.festivals import festival_date
from timeline.temporal.resources import load as load_language


@dataclass(frozen=True)
class Timeline:
    """The result of :func:`build`: the event table, what it was built from, and counts.

    ``documents`` is a table of each document's metadata (:data:`~timeline.table.
    DOCUMENT_SCHEMA`: id, title, source, url, reference date and its basis), not its text:
    a build holds one batch of texts at a time.
    """

    documents: pl.DataFrame
    events: pl.DataFrame
    taxonomy: Taxonomy
    mentions: int = 0  # date expressions found
    unresolved: int = 0  # of which could not be resolved
    title: str | None = None
    lane: str = "category"  # what the figure's lanes are: category, document, actor
    lane_order: tuple[str, ...] | None = None  # lanes first in this order, the rest after
    festival_bands: bool = False  # shade 618, Double 11 ... on the chart
    skipped: tuple[str, ...] = ()  # why each input left out (with skip_bad) was left out

    def figure(self, **options: Any) -> go.Figure:
        """The interactive timeline (see :func:`timeline.render.figure` for options)."""
        options.setdefault("title", self.title)
        options.setdefault("lane", self.lane)
        if self.lane_order:
            options.setdefault("lane_order", self.lane_order)
        elif options["lane"] == "category":
            options.setdefault("lane_order", self.taxonomy.ids)
        if self.festival_bands:
            options.setdefault("bands", self.festival_days())
        options.setdefault(
            "reference_dates", self.documents.get_column("reference_date").drop_nulls().to_list()
        )
        return figure(self.events, **options)

    def festival_days(self) -> list[tuple[str, date]]:
        """The banded festivals (festivals.toml ``band = true``) in the years the events
        span, as (name, day)."""
        if not self.events.height:
            return []
        first, last = self.events["date_start"].min(), self.events["date_end"].max()
        assert isinstance(first, date)
        assert isinstance(last, date)
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

    def to_html(self, *, include_plotlyjs: bool | str = True) -> str:
        return to_html(self.figure(), include_plotlyjs=include_plotlyjs)

    def write_html(self, path: str | Path, *, include_plotlyjs: bool | str = True) -> Path:
        return write_html(self.figure(), path, include_plotlyjs=include_plotlyjs)

    def write_embed(self, path: str | Path, *, include_plotlyjs: bool | str = True) -> Path:
        return render.write_embed(self.figure(), path, include_plotlyjs=include_plotlyjs)

    def write_image(self, path: str | Path, *, width: int = 1400) -> Path:
        """A static PNG or SVG (by suffix), drawn in a local Chromium."""
        return render.write_image(self.figure(), path, width=width)

    def write_csv(self, path: str | Path, *, excel: bool = False) -> Path:
        return write_csv(self.events, path, excel=excel)

    def to_csv(self) -> str:
        """The event table as CSV text."""
        return to_csv_frame(self.events).write_csv()

    def write_parquet(self, path: str | Path) -> Path:
        return exports.write_parquet(self.events, path)

    def write_json(self, path: str | Path) -> Path:
        return exports.write_json(self.events, path)

    def write_timelinejs(self, path: str | Path) -> Path:
        return exports.write_timelinejs(self.events, path, title=self.title)

    def write_ics(self, path: str | Path) -> Path:
        return exports.write_ics(self.events, path)

    def summary(self) -> str:
        """A few lines for people: counts, date range, categories, unresolved dates."""
        frame = self.events
        docs = self.documents.height
        lines = [
            f"{docs} document{'s' if docs != 1 else ''}, {self.mentions} date expressions "
            f"({self.unresolved} could not be resolved), {frame.height} events"
        ]
        if frame.height:
            first, last = frame["date_start"].min(), frame["date_end"].max()
            lines.append(f"dates: {first!s} to {last!s}")
            counts = Counter(frame.get_column("category").to_list())
            order = {c: i for i, c in enumerate(self.taxonomy.ids)}
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))
            lines.append("categories: " + ", ".join(f"{c} {n}" for c, n in ranked))
        lines.append("reference date: " + _reference_dates(self.documents))
        for reason in self.skipped:
            lines.append(f"skipped: {reason}")
        if "inferred" in self.documents.get_column("reference_basis"):
            lines.append(
                "warning: a reference date was inferred from the years in the text; "
                "pass --ref-date to be sure"
            )
        return "\n".join(lines)


def _reference_dates(documents: pl.DataFrame, listed: int = 3) -> str:
    """The documents' reference dates with where each came from; a range when many."""
    pairs = documents.select("reference_date", "reference_basis").unique().sort("reference_date")
    if pairs.height <= listed:
        return ", ".join(f"{day} ({basis})" for day, basis in pairs.iter_rows())
    bases = ", ".join(sorted(set(pairs.get_column("reference_basis").drop_nulls())))
    days = pairs.get_column("reference_date")
    return f"{days.n_unique()} dates from {days.min()!s} to {days.max()!s} ({bases})"


def _documents(
    inputs: Iterable[str | Path | Document],
    reference_date: date | None,
    skipped: list[str] | None,
) -> Iterator[Document]:
    """The documents of every input, read one input at a time. With a ``skipped`` list, an
    input that cannot be read (or a bad JSONL line) is noted there and left out instead of
    stopping the run."""
    texts = 0
    for item in inputs:
        if isinstance(item, Document):
            yield item
            continue
        if isinstance(item, str) and _is_text(item):
            texts += 1
            yield document_from_text(item, doc_id=f"text-{texts}", reference_date=reference_date)
            continue
        for path in expand_inputs([item]):
            try:
                yield from load_documents(path, reference_date=reference_date, skipped=skipped)
            except InputError as exc:
                if skipped is None:
                    raise
                skipped.append(str(exc))


def _usable(documents: Iterable[Document], skipped: list[str] | None) -> Iterator[Document]:
    """Documents with a reference date (found in their text when none was given)."""
    for doc in documents:
        doc = with_reference(doc)
        if doc.reference_date is not None:
            yield doc
            continue
        msg = (
            f"{doc.source or doc.doc_id}: no reference date found (no dateline, no year in "
            "the text); pass --ref-date YYYY-MM-DD (or reference_date=...) or start the "
            "file with front matter 'date: YYYY-MM-DD'"
        )
        if skipped is None:
            raise InputError(msg)
        skipped.append(msg)


@dataclass(frozen=True, slots=True)
class Processed:
    """What the work on one document gives back: its events and date counts."""

    events: list[Event]
    mentions: int
    unresolved: int

    @classmethod
    def total(cls, parts: Iterable[Processed]) -> Processed:
        """Several documents' work as one."""
        events: list[Event] = []
        mentions = unresolved = 0
        for part in parts:
            events.extend(part.events)
            mentions += part.mentions
            unresolved += part.unresolved
        return cls(events, mentions, unresolved)


def process_document(
    doc: Document,
    *,
    taxonomy: Taxonomy,
    anchoring: Anchoring = "auto",
    aliases: Mapping[str, str] | None = None,
) -> Processed:
    """The work on one document, a pure function of it: its events and date counts."""
    assert doc.reference_date is not None
    found: list[Resolved] = resolve(
        doc.text, reference=doc.reference_date, start=doc.body_start, anchoring=anchoring
    )
    events = extract_events(doc, found, taxonomy=taxonomy, aliases=aliases)
    return Processed(events, len(found), sum(1 for r in found if r.timex is None))


Work = Callable[[Document], Processed]
Mapper = Callable[[Work, list[Document]], Iterator[Processed]]
# documents read, worked on and let go together: memory holds one batch of texts
BATCH = 256


@contextmanager
def _pool(jobs: int) -> Iterator[Mapper]:
    """A map over a batch of documents, in order: in this process, or in ``jobs``."""
    if jobs <= 1:
        yield lambda work, docs: (work(doc) for doc in docs)
        return
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        yield lambda work, docs: pool.imap(work, docs, chunksize=max(1, len(docs) // (jobs * 4)))


def _is_text(item: str) -> bool:
    """A string given to :func:`build` is a text, not a path, when it has a line break, or
    spaces and no file or pattern of that name."""
    if "\n" in item:
        return True
    return " " in item and not Path(item).exists() and not any(c in item for c in "*?[")


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
) -> Timeline:
    """Read the inputs (files, folders, globs, ``-``, texts, or :class:`Document` objects),
    resolve their dates and build the event table.

    ``reference_date`` overrides every document's own (front matter ``date:``). A document
    with neither is an :class:`~timeline.errors.InputError`. ``anchoring`` as in
    :func:`timeline.resolve`. ``aliases`` maps lower-cased name variants to one name
    (see :func:`timeline.actors.load_aliases`). ``skip_bad`` leaves out inputs that cannot
    be read and documents without a reference date, listing them in ``Timeline.skipped``,
    instead of stopping at the first. ``jobs`` processes share the documents (the work on
    each is a pure function of it); ``progress`` shows a progress bar on stderr.
    """
    items = [inputs] if isinstance(inputs, str | Path | Document) else list(inputs)
    taxonomy = taxonomy or load_taxonomy()
    skipped: list[str] | None = [] if skip_bad else None
    work = partial(process_document, taxonomy=taxonomy, anchoring=anchoring, aliases=aliases)
    documents = _usable(_documents(items, reference_date, skipped), skipped)
    kept: list[pl.DataFrame] = []  # each batch's metadata; the texts go with the batch
    merger = ReportMerger()
    mentions = unresolved = 0
    bar = tqdm(unit="doc", disable=not progress, file=sys.stderr)
    with bar, _pool(jobs) as pool:
        while batch := list(itertools.islice(documents, BATCH)):
            for part in pool(work, batch):
                merger.add(part.events)
                mentions += part.mentions
                unresolved += part.unresolved
                bar.update()
            kept.append(documents_to_frame(batch))
    return _timeline(
        kept, merger, mentions, unresolved, taxonomy=taxonomy, title=title, skipped=skipped
    )


def _timeline(
    batches: list[pl.DataFrame],
    merger: ReportMerger,
    mentions: int,
    unresolved: int,
    *,
    taxonomy: Taxonomy,
    title: str | None,
    skipped: list[str] | None = None,
) -> Timeline:
    """The :class:`Timeline` of a finished build, from its documents' metadata batches and
    its merged events (either engine)."""
    docs = pl.concat(batches) if batches else documents_to_frame([])
    if not docs.height:
        msg = "no input documents" + (f" ({len(skipped)} skipped)" if skipped else "")
        raise InputError(msg)
    return Timeline(
        documents=docs,
        events=merger.frame(),
        taxonomy=taxonomy,
        mentions=mentions,
        unresolved=unresolved,
        title=title or (docs.item(0, "title") if docs.height == 1 else None),
        skipped=tuple(skipped or ()),
    )
