"""Reports → events: the reports of one event, in one document or several, become one row of
the event table, batch by batch.

Reports of one event have the same date and category and either follow each other closely in
one document, or come from different documents whose sentences mostly share their words and
whose subjects do not differ. The first report is the event; every report stays in its
``sources``.

A build adds each batch of reports as it is made. :class:`ReportMerger` keeps the events found
so far as a table (polars, a frame per 4,096 events) and, for the comparisons still to come, only a
compact record of each: its document, where it ends, its actors and its word ids. A report is
compared only with the events of its date and category that could share enough words with it
(an index of their rarer words, once a date and category has many events).
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Iterable
from datetime import date

import polars as pl

from timeline.events import sentence_words
from timeline.model import Event
from timeline.table import EVENT_SCHEMA, SORT_KEY, events_to_frame, frame_to_events

# two reports of one event in different documents share this much of their words (Jaccard)
SAME_EVENT = 0.5
# two reports of one event in one document are this close (characters between them)
SAME_PASSAGE = 300

# kept events wait as objects until this many make a frame (a frame has a fixed cost)
FRAME_ROWS = 4096
# a date and category with this many events gets an index of them by word
INDEX_FROM = 16

Key = tuple[str, date, str]  # timex, first day, category


class ReportMerger:
    """Merge reports into events a batch, or a document, at a time (see the module docstring).

    Memory holds the events' table and a small record of each (its actors and the ids of
    its words), not the reports merged into them, nor their texts.
    """

    def __init__(self, *, index_from: int = INDEX_FROM) -> None:
        self._index_from = index_from
        self._frames: list[pl.DataFrame] = []  # the events kept, a frame per few thousand
        self._pending: list[Event] = []  # the events kept since the last frame
        self._doc: list[str] = []  # of each kept event: its document,
        self._end: list[int] = []  # where it ends,
        self._actors: list[tuple[str, ...]] = []  # its actors,
        self._words: list[tuple[int, ...]] = []  # and its words (ids)
        self._more: dict[int, list[str]] = {}  # reports merged into a kept event
        self._vocabulary: dict[str, int] = {}
        # per date and category: the kept events, and for a large group an index of them by
        # word id
        self._groups: dict[Key, array[int]] = {}
        self._index: dict[Key, dict[int, array[int]]] = {}
        # the kept events of the document being added, per date and category (the reports
        # of a document come together)
        self._current: tuple[str, dict[Key, list[int]]] = ("", {})

    def add(self, events: Iterable[Event]) -> None:
        """Merge ``events`` (in text order, a document's together) into those kept."""
        for event in events:
            words = self._ids(event.sentence)
            key = (event.timex, event.date_start, event.category)
            if self._current[0] != event.doc_id:
                self._current = (event.doc_id, {})
            found = self._same(event, key, words)
            if found is not None:
                self._more.setdefault(found, []).extend(event.sources)
                continue
            index = len(self._doc)
            self._doc.append(sys.intern(event.doc_id))
            self._end.append(event.char_end)
            self._actors.append(tuple(sys.intern(a) for a in event.actors))
            self._words.append(words)
            group = self._groups.setdefault(key, array("i"))
            group.append(index)
            if key in self._index:
                self._post(key, index)
            elif len(group) == self._index_from:
                for member in group:
                    self._post(key, member)
            self._current[1].setdefault(key, []).append(index)
            self._pending.append(event)
            if len(self._pending) >= FRAME_ROWS:
                self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._frames.append(events_to_frame(self._pending, sort=False))
            self._pending = []

    def _post(self, key: Key, index: int) -> None:
        postings = self._index.setdefault(key, {})
        for word in _prefix(self._words[index]):
            postings.setdefault(word, array("i")).append(index)

    def _ids(self, sentence: str) -> tuple[int, ...]:
        """The ids of the sentence's words, newest first: words met early ("the", "in",
        "said") have small ids, so the rarer words lead."""
        vocabulary = self._vocabulary
        ids = (vocabulary.setdefault(w, len(vocabulary)) for w in sentence_words(sentence))
        return tuple(sorted(ids, reverse=True))

    def _same(self, event: Event, key: Key, words: tuple[int, ...]) -> int | None:
        """The first kept event ``event`` reports again, if any."""
        postings = self._index.get(key)
        if postings is None:
            candidates = set(self._groups.get(key, ()))
        else:
            candidates = {i for word in _prefix(words) for i in postings.get(word, ())}
            candidates.update(self._current[1].get(key, ()))
        mine = set(words)
        for index in sorted(candidates):
            if self._doc[index] == event.doc_id:
                # one event told in sentences that follow each other closely
                if 0 <= event.char_start - self._end[index] <= SAME_PASSAGE:
                    return index
                continue
            theirs = self._words[index]
            shared = len(mine.intersection(theirs))
            overlap = shared / max(len(mine) + len(theirs) - shared, 1)
            if overlap >= SAME_EVENT and not _apart(self._actors[index], event.actors):
                return index
        return None

    def frame(self) -> pl.DataFrame:
        """The events kept, every report of each in ``sources``, sorted like the table."""
        return self._kept().sort(SORT_KEY, maintain_order=True)

    def events(self) -> list[Event]:
        """The events kept, in the order first reported, each with all its ``sources``."""
        return frame_to_events(self._kept())

    def _kept(self) -> pl.DataFrame:
        self._flush()
        if not self._frames:
            return events_to_frame([])
        frame = pl.concat(self._frames, rechunk=False)
        self._frames = [frame]
        if not self._more:
            return frame
        more = pl.DataFrame(
            {"_kept": list(self._more), "_more": list(self._more.values())},
            schema={"_kept": pl.UInt32(), "_more": pl.List(pl.String())},
        )
        return (
            frame.with_row_index("_kept")
            .join(more, on="_kept", how="left", maintain_order="left")
            .with_columns(
                sources=pl.when(pl.col("_more").is_null())
                .then(pl.col("sources"))
                .otherwise(pl.concat_list("sources", "_more"))
            )
            .select(EVENT_SCHEMA.names())
        )


def _prefix(words: tuple[int, ...]) -> tuple[int, ...]:
    """The words an index needs to hold: two word sets with a Jaccard overlap of at least
    SAME_EVENT share a word among the first ``n - ceil(SAME_EVENT * n) + 1`` of each, in
    one fixed order (prefix filtering, Chaudhuri et al. 2006)."""
    return words[: len(words) - math.ceil(SAME_EVENT * len(words)) + 1]


def _apart(first: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Each names its own subject, which the other does not name ("Acme opened a store in
    Osaka" and "Belta opened a store in Osaka" on one day are two events)."""
    return bool(first and other and first[0] not in other and other[0] not in first)


def merge_reports(events: Iterable[Event]) -> list[Event]:
    """All of ``events`` merged at once, in the order first reported."""
    merger = ReportMerger()
    merger.add(events)
    return merger.events()
