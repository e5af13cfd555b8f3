"""The work on documents, a batch at a time, the same whichever engine runs it.

Each document is read once (:mod:`timeline.reading`), tagged once, given a reference date
from its own text when it had none (:mod:`timeline.reference`, from those same mentions),
resolved and turned into reports (:mod:`timeline.events`): :func:`process_document`, a pure
function of the document. A batch of documents is worked on by :func:`work_batch`, which
writes the batch's reports to one Parquet file. An *engine* runs batches, in this process
and its pool (:func:`local_engine`) or on a Dask cluster (:mod:`timeline.distributed`);
:func:`spool` is the one loop over the batches both share: it reads the documents, hands
them to the engine a batch at a time, notes the documents that could not be used (or stops
at the first, without ``skipped``) and keeps every batch's documents' metadata.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from timeline import lang as packs
from timeline.documents import check_unicode, document_from_text, expand_inputs, load_documents
from timeline.errors import InputError
from timeline.events import extract_events
from timeline.model import Document, Event
from timeline.reading import read
from timeline.reference import with_reference
from timeline.store import Store
from timeline.table import documents_to_frame, events_to_frame
from timeline.taxonomy import Taxonomy
from timeline.temporal import Anchoring
from timeline.temporal.fiscal import fiscal_year
from timeline.temporal.normalizer import resolve_all
from timeline.temporal.subject import subject_year
from timeline.temporal.tagger import tag_reading

# documents read, worked on and let go together: memory holds one batch of texts
BATCH = 256


@dataclass(frozen=True, slots=True)
class Settings:
    """What the work on a document needs besides the document."""

    taxonomy: Taxonomy | None = None  # None: each document's language's own
    anchoring: Anchoring = "auto"
    aliases: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Done:
    """What the work on one document gives back: the document as read (its text dropped,
    its reference date and language set), its reports and date counts; or why it could not
    be used."""

    document: Document
    events: list[Event]
    mentions: int = 0
    unresolved: int = 0
    error: str | None = None


def process_document(doc: Document, settings: Settings = Settings()) -> Done:
    """The work on one document, a pure function of it: read once, tagged once, a reference
    date found in its text when it has none, resolved, its reports."""
    lang = doc.lang or packs.choose(packs.AUTO, doc.text[doc.body_start :])
    reading = read(doc.text, lang, doc.body_start)
    mentions = tag_reading(reading)
    doc = with_reference(replace(doc, lang=lang), mentions)
    kept = replace(doc, text="")
    if doc.reference_date is None:
        msg = (
            f"{doc.source or doc.doc_id}: no reference date found (no dateline, no year in "
            "the text); pass --ref-date YYYY-MM-DD (or reference_date=...) or start the "
            "file with front matter 'date: YYYY-MM-DD'"
        )
        return Done(kept, [], error=msg)
    reviewed = subject_year(doc.text, lang, reference=doc.reference_date, start=doc.body_start)
    found = resolve_all(
        mentions,
        reference=doc.reference_date,
        lang=lang,
        anchoring=settings.anchoring,
        fiscal=fiscal_year(doc.text, lang, doc.body_start),
        subject=reviewed,
    )
    events = extract_events(
        doc,
        found,
        taxonomy=settings.taxonomy,
        aliases=settings.aliases,
        reading=reading,
        review=reviewed is not None,
    )
    return Done(kept, events, len(found), sum(1 for r in found if r.timex is None))


@dataclass(frozen=True, slots=True)
class Batch:
    """What the work on a batch gives back: where its reports are, the documents worked
    on (metadata only), date counts, and why each document left out was left out."""

    number: int
    reports: Path
    documents: list[Document]
    mentions: int
    unresolved: int
    errors: list[str]


Mapper = Callable[[Callable[[Document], Done], list[Document]], Iterable[Done]]


def _in_turn(work: Callable[[Document], Done], docs: list[Document]) -> Iterable[Done]:
    return map(work, docs)


def work_batch(
    number: int,
    batch: list[Document],
    reports: str | Path,
    settings: Settings,
    mapper: Mapper = _in_turn,
    tick: Callable[[], object] = lambda: None,
) -> Batch:
    """Work on one batch (each document through ``mapper``: in turn, or in a pool) and
    write its reports to ``reports``, in text order; ``tick`` is called after each
    document."""
    events: list[Event] = []
    documents: list[Document] = []
    errors: list[str] = []
    mentions = unresolved = 0
    for done in mapper(_Work(settings), batch):
        tick()
        if done.error is not None:
            errors.append(done.error)
            continue
        documents.append(done.document)
        events.extend(done.events)
        mentions += done.mentions
        unresolved += done.unresolved
    events_to_frame(events, sort=False).write_parquet(reports)
    return Batch(number, Path(reports), documents, mentions, unresolved, errors)


@dataclass(frozen=True, slots=True)
class _Work:
    """:func:`process_document` with its settings, as a picklable callable for a pool."""

    settings: Settings

    def __call__(self, doc: Document) -> Done:
        return process_document(doc, self.settings)


# an engine runs the numbered batches it is given and yields their results in order;
# the callable it gets is told how many documents are done, as they are
Engine = Callable[[Iterator[tuple[int, list[Document]]], Callable[[int], object]], Iterator[Batch]]


def local_engine(store: Store, settings: Settings, mapper: Mapper = _in_turn) -> Engine:
    """Batches worked on here (each document through ``mapper``), reports in ``store``."""

    def run(
        batches: Iterator[tuple[int, list[Document]]], done: Callable[[int], object]
    ) -> Iterator[Batch]:
        for number, batch in batches:
            path = store.part("reports", number)
            yield work_batch(number, batch, path, settings, mapper, tick=lambda: done(1))

    return run


@dataclass(frozen=True, slots=True)
class Spooled:
    """What :func:`spool` leaves: the reports' files, in order, and the date counts."""

    reports: list[Path]
    mentions: int
    unresolved: int


def spool(
    documents: Iterable[Document],
    engine: Engine,
    store: Store,
    *,
    skipped: list[str] | None = None,
    done: Callable[[int], object] = lambda n: None,
) -> Spooled:
    """Hand ``documents`` to ``engine`` a batch of :data:`BATCH` at a time and keep each
    batch's documents' metadata in ``store``. A document that could not be used stops the
    build with its reason, or, given a ``skipped`` list, is noted there."""
    source = iter(documents)
    batches = (
        (n, b) for n, b in enumerate(iter(lambda: list(itertools.islice(source, BATCH)), []))
    )
    reports: list[Path] = []
    mentions = unresolved = 0
    for batch in engine(batches, done):
        for error in batch.errors:
            if skipped is None:
                raise InputError(error)
            skipped.append(error)
        reports.append(batch.reports)
        mentions += batch.mentions
        unresolved += batch.unresolved
        if batch.documents:
            documents_to_frame(batch.documents).write_parquet(store.part("documents", batch.number))
    return Spooled(reports, mentions, unresolved)


def read_inputs(
    inputs: Iterable[str | Path | Document],
    *,
    reference_date: date | None = None,
    lang: str = packs.AUTO,
    skipped: list[str] | None = None,
) -> Iterator[Document]:
    """The documents of every input, read one input at a time, each with its language
    chosen (``lang``, see :func:`timeline.lang.choose`). With a ``skipped`` list, an input
    that cannot be read (or a bad JSONL line, a text that is no Unicode) is noted there and
    left out instead of stopping the run."""
    for doc in _documents(inputs, reference_date, skipped):
        try:
            doc = check_unicode(doc)
        except InputError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
            continue
        yield replace(doc, lang=packs.choose(lang, doc.text[doc.body_start :], doc.lang))


def _documents(
    inputs: Iterable[str | Path | Document],
    reference_date: date | None,
    skipped: list[str] | None,
) -> Iterator[Document]:
    texts = 0
    for item in inputs:
        if isinstance(item, Document):
            yield item
            continue
        if isinstance(item, str) and is_text(item):
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


def is_text(item: str) -> bool:
    """A string given as an input is a text, not a path, when it has a line break, or
    spaces and no file or pattern of that name."""
    if "\n" in item:
        return True
    return " " in item and not Path(item).exists() and not any(c in item for c in "*?[")
