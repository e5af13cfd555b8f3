"""Reports → events: the reports of one event, in one document or several, become one row of
the event table.

Reports of one event have the same date and category and either follow each other closely in
one document (a sentence dated only by the one before it, unless about another subject; never
two the event stage found in one sentence, which it kept apart on purpose), or come
from different documents whose sentences mostly share their words and whose subjects do not
differ. The first report is the event; every report stays in its
``sources``.

A build writes each batch's reports to Parquet files as it makes them; :func:`merge_parts`
then cuts them into buckets of consecutive first days and merges one bucket at a time (reports
of one event share their first day), writing the events of each in table order: memory holds
one bucket, whatever the size of the corpus.

Within a bucket, :class:`ReportMerger` takes the reports in order and decides for each which
earlier event it reports again, keeping only a compact record of each event: its document,
where it ends, its actors and its word ids. A report is compared only with the events of its
date and category in other documents that could share enough words with it (an index of their
rarer words, once a date and category has many events), and with those of its own document
that end close enough before it. :func:`merge_frame` then keeps the first report of each event
with every report's ``sources``.
"""

from __future__ import annotations

import math
import shutil
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import polars as pl
from tqdm import tqdm

from timeline.events import sentence_words
from timeline.model import Event
from timeline.store import Store
from timeline.table import EVENT_SCHEMA, SORT_KEY, events_to_frame, frame_to_events

# two reports of one event in different documents share this much of their words (Jaccard)
SAME_EVENT = 0.5
# two reports of one event in one document are this close (characters between them)
SAME_PASSAGE = 300

# a date and category with this many events gets an index of them by word
INDEX_FROM = 16
# a bucket of the merge holds about this many reports (more when one day has more)
BUCKET_REPORTS = 10_000
# the merge reads its reports' values this many rows at a time
SLICE_ROWS = 4096
# cutting the reports into buckets holds about this many in memory (polars holds each
# bucket's file until it is full)
SPLIT_ROWS = 32_768
# the columns the merge decides on
COLUMNS = (
    "doc_id",
    "char_start",
    "char_end",
    "timex",
    "date_start",
    "category",
    "actors",
    "approximate",
)

Key = tuple[str, date, str]  # timex, first day, category


class ReportMerger:
    """Decide, a report at a time, which earlier event each report tells again (see the
    module docstring). Memory holds a small record of each event (its actors and the ids of
    its words), not the reports, nor their texts."""

    def __init__(self, *, index_from: int = INDEX_FROM) -> None:
        self._index_from = index_from
        self._reports = 0  # reports seen
        self._row: list[int] = []  # of each event kept: the number of its first report,
        self._doc: list[str] = []  # its document,
        self._end: list[int] = []  # where it ends,
        self._actors: list[tuple[str, ...]] = []  # its actors,
        self._words: list[tuple[int, ...]] = []  # and its words (ids)
        self._vocabulary: dict[str, int] = {}
        # per date and category: the kept events of the documents added before, and for a
        # large group an index of them by word id, and by word id and each actor named (""
        # for none)
        self._groups: dict[Key, array[int]] = {}
        self._index: dict[Key, dict[int | tuple[int, str], array[int]]] = {}
        self._sizes: dict[Key, int] = {}  # the kept events per date and category, in all
        # the kept events of the document being added, per date and category, as where each
        # ends (in text order) and its number: a report is compared only with those that end
        # close enough before it, not with each of a long document's events (the reports of a
        # document come together; those of other documents go to the groups when it is done)
        self._current: tuple[str, dict[Key, tuple[array[int], array[int]]]] = ("", {})

    def add(
        self,
        doc_id: str,
        char_start: int,
        char_end: int,
        key: Key,
        actors: Sequence[str],
        sentence: str,
        tied: bool = False,
    ) -> int:
        """Take the next report (reports in text order, a document's together): the number
        of the report that first told its event (its own number when it is new). A ``tied``
        report (an undated sentence dated by the event before it) repeats the event before
        it only when it is about the same subject ("He will be succeeded by Raj Menon" is
        an event of its own)."""
        number = self._reports
        self._reports += 1
        words = self._ids(sentence)
        if self._current[0] != doc_id:
            self._done()
            self._current = (doc_id, {})
        found = self._same(doc_id, char_start, actors, key, words, tied=tied)
        if found is not None:
            return self._row[found]
        index = len(self._doc)
        self._row.append(number)
        self._doc.append(sys.intern(doc_id))
        self._end.append(char_end)
        self._actors.append(tuple(sys.intern(a) for a in actors))
        self._words.append(words)
        ends, members = self._current[1].setdefault(key, (array("q"), array("i")))
        place = bisect_right(ends, char_end)
        ends.insert(place, char_end)
        members.insert(place, index)
        self._sizes[key] = self._sizes.get(key, 0) + 1
        if self._sizes[key] == self._index_from:  # the index, from the events done so far
            self._index[key] = {}
            for member in self._groups.get(key, ()):
                self._post(key, member)
        return number

    def _done(self) -> None:
        """The document being added is done: its events join their groups (and indexes)."""
        for key, (_, members) in self._current[1].items():
            group = self._groups.setdefault(key, array("i"))
            for index in sorted(members):
                group.append(index)
                if key in self._index:
                    self._post(key, index)

    def _post(self, key: Key, index: int) -> None:
        postings = self._index.setdefault(key, {})
        for word in _prefix(self._words[index]):
            postings.setdefault(word, array("i")).append(index)
            for actor in self._actors[index] or ("",):
                postings.setdefault((word, actor), array("i")).append(index)

    def _ids(self, sentence: str) -> tuple[int, ...]:
        """The ids of the sentence's words, newest first: words met early ("the", "in",
        "said") have small ids, so the rarer words lead."""
        vocabulary = self._vocabulary
        ids = (vocabulary.setdefault(w, len(vocabulary)) for w in sentence_words(sentence))
        return tuple(sorted(ids, reverse=True))

    def _same(
        self,
        doc_id: str,
        char_start: int,
        actors: Sequence[str],
        key: Key,
        words: tuple[int, ...],
        *,
        tied: bool = False,
    ) -> int | None:
        """The first kept event the report tells again, if any."""
        postings = self._index.get(key)
        if postings is None:
            candidates = set(self._groups.get(key, ()))
        else:
            # events sharing a word of the prefix and, when the report names actors, naming
            # one of them or none (any other is ``_apart``)
            prefix = _prefix(words)
            probes: Iterable[int | tuple[int, str]] = prefix
            if actors:
                probes = [(word, actor) for word in prefix for actor in ("", *actors)]
            candidates = {i for probe in probes for i in postings.get(probe, ())}
        if key in self._current[1]:
            # this document's events that end at most SAME_PASSAGE before the report starts
            ends, members = self._current[1][key]
            first = bisect_left(ends, char_start - SAME_PASSAGE)
            candidates.update(members[first : bisect_right(ends, char_start)])
        mine = set(words)
        for index in sorted(candidates):
            if self._doc[index] == doc_id:
                # one event told in sentences that follow each other closely (not two that
                # the event stage found in one sentence: "will retire on June 30, and named
                # Clara Weiss as his successor")
                near = 0 <= char_start - self._end[index] <= SAME_PASSAGE
                one_sentence = self._words[index] == words
                if (
                    near
                    and not one_sentence
                    and not (tied and _other_subject(self._actors[index], actors))
                ):
                    return index
                continue
            theirs = self._words[index]
            shared = len(mine.intersection(theirs))
            overlap = shared / max(len(mine) + len(theirs) - shared, 1)
            if overlap >= SAME_EVENT and not _apart(self._actors[index], actors):
                return index
        return None


def merge_frame(reports: pl.DataFrame, *, index_from: int = INDEX_FROM) -> pl.DataFrame:
    """The events of ``reports`` (event-table rows in the order reported, a document's
    together): the first report of each event, with the ``sources`` of every report of it,
    in the order first reported."""
    merger = ReportMerger(index_from=index_from)
    firsts = []
    for start in range(0, reports.height, SLICE_ROWS):  # a slice's values at a time
        chunk = reports.slice(start, SLICE_ROWS)
        columns = [chunk.get_column(name).to_list() for name in (*COLUMNS, "sentence")]
        for doc, begin, end, timex, day, category, actors, tied, sentence in zip(
            *columns, strict=True
        ):
            key = (timex, day, category)
            firsts.append(merger.add(doc, begin, end, key, actors, sentence, tied=tied))
    numbered = reports.with_columns(_first=pl.Series(firsts, dtype=pl.UInt32())).with_row_index()
    sources = numbered.group_by("_first", maintain_order=True).agg(pl.col("sources").explode())
    return (
        numbered.filter(pl.col("index") == pl.col("_first"))
        .drop("sources")
        .join(sources, on="_first", maintain_order="left")
        .select(EVENT_SCHEMA.names())
    )


def _prefix(words: tuple[int, ...]) -> tuple[int, ...]:
    """The words an index needs to hold: two word sets with a Jaccard overlap of at least
    SAME_EVENT share a word among the first ``n - ceil(SAME_EVENT * n) + 1`` of each, in
    one fixed order (prefix filtering, Chaudhuri et al. 2006)."""
    return words[: len(words) - math.ceil(SAME_EVENT * len(words)) + 1]


def _apart(first: Sequence[str], other: Sequence[str]) -> bool:
    """Each names its own subject, which the other does not name ("Acme opened a store in
    Osaka" and "Belta opened a store in Osaka" on one day are two events)."""
    return bool(first and other and first[0] not in other and other[0] not in first)


def _other_subject(first: Sequence[str], other: Sequence[str]) -> bool:
    """Does each name a subject first, and another one ("Feld will leave" and "He will be
    succeeded by Menon")?"""
    return bool(first and other and first[0] != other[0])


def merge_reports(events: Iterable[Event]) -> list[Event]:
    """The events of ``events`` (reports), in the order first reported."""
    return frame_to_events(merge_frame(events_to_frame(events, sort=False)))


def merge_parts(
    reports: Sequence[Path],
    store: Store,
    *,
    bucket_reports: int | None = None,
    index_from: int = INDEX_FROM,
    progress: bool = False,
) -> list[Path]:
    """Merge the reports in the Parquet files ``reports`` (event tables, in the order
    reported) into events, one bucket of consecutive first days at a time, and write each
    bucket's events sorted to the store's "events" parts: read in order, they are the event
    table.

    Memory holds one bucket of about ``bucket_reports`` (:data:`BUCKET_REPORTS`) reports (a
    day with more is a bucket of its own). The result is :func:`merge_frame` of all the
    reports at once, sorted. ``progress`` shows a bar of the buckets on stderr.
    """
    if not reports:
        return []
    scan = pl.scan_parquet(list(reports)).select(EVENT_SCHEMA.names())
    days = scan.group_by("date_start").len().sort("date_start").collect()
    buckets, count = _buckets(days, bucket_reports or BUCKET_REPORTS)
    if not count:  # no reports at all
        return []
    split = store.path / "buckets"
    files = pl.PartitionBy(
        split, key="_bucket", include_key=False, max_rows_per_file=max(128, SPLIT_ROWS // count)
    )
    scan.with_row_index("_seq").join(buckets.lazy(), on="date_start").sink_parquet(
        files, mkdir=True
    )
    written = []
    for number in tqdm(range(count), "merging", unit="bucket", disable=not progress):
        folder = split / f"_bucket={number}"
        frame = (
            pl.read_parquet(folder / "*.parquet", hive_partitioning=False)
            .sort("_seq")
            .select(EVENT_SCHEMA.names())
        )
        shutil.rmtree(folder)
        path = store.part("events", number)
        merged = merge_frame(frame, index_from=index_from)
        merged.sort(SORT_KEY, maintain_order=True).write_parquet(path)
        written.append(path)
    return written


def _buckets(days: pl.DataFrame, size: int) -> tuple[pl.DataFrame, int]:
    """Each first day's bucket (date_start, _bucket), and how many buckets: consecutive
    days, together at most ``size`` reports unless one day has more (``days``: date_start
    and its count ``len``, sorted)."""
    numbers = []
    bucket = filled = 0
    for count in days.get_column("len"):
        if filled and filled + count > size:
            bucket, filled = bucket + 1, 0
        numbers.append(bucket)
        filled += count
    column = pl.Series("_bucket", numbers, dtype=pl.UInt32())
    return days.select("date_start").with_columns(column), bucket + 1 if numbers else 0
