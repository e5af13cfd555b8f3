"""Pathological but legal inputs take time linear in their size. Each test runs, in well under
its bound, a size at which the quadratic step it guards took ten seconds or more (the whole
build, at two sizes: ``python bench/pathological.py``)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from timeline import document_from_text, extract_events, resolve
from timeline.actors import find_actors
from timeline.documents import html_document
from timeline.events import _unique, split_sentences
from timeline.lang import pack
from timeline.merge import merge_frame
from timeline.model import Event, Granularity
from timeline.table import events_to_frame
from timeline.temporal.tagger import _settle

T = TypeVar("T")
REFERENCE = date(2024, 1, 25)


def _timed(work: Callable[[], T], bound: float) -> T:
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    assert seconds < bound, f"took {seconds:.1f} s"
    return result


def _event(number: int, sentence: str, *, doc_id: str = "d", start: int | None = None) -> Event:
    at = number * 400 if start is None else start
    return Event(
        event_id=f"{doc_id}:{at}",
        doc_id=doc_id,
        date_start=date(2023, 5, 1),
        date_end=date(2023, 5, 31),
        granularity=Granularity.MONTH,
        timex="2023-05",
        mod=None,
        date_text="May 2023",
        category="other",
        title=sentence,
        actors=(),
        sentence=sentence,
        char_start=at,
        char_end=at + len(sentence),
        reference_date=REFERENCE,
        sources=(f"{doc_id}:{at}-{at + len(sentence)}",),
    )


def test_linear_settle_many_mentions() -> None:
    # 200,000 candidates, kept in a sorted list by insertion before: about 8 s
    spans = [(i * 10, i * 10 + 1 + (i * 7919) % 8, (i * 31) % 50, None) for i in range(200_000)]
    beaten = [(i * 10, i * 10 + 1, 99, None) for i in range(0, 200_000, 7)]  # a later rule
    kept = _timed(lambda: _settle(beaten + spans[::-1]), 2.0)  # type: ignore[arg-type]
    assert kept == spans


def test_linear_repeated_dates_unique() -> None:
    # 20,000 sentences of one date, none near another (5 of 7 words shared): each was
    # compared with every one kept before (minutes)
    events = [_event(i, f"Acme sold {i} units last week") for i in range(20_000)]
    repeats = [
        _event(30_000, "Acme sold 7 units last week"),  # the same words
        _event(30_001, "Acme sold 8 units last week again"),  # 6 of 7 words
        _event(30_002, "Acme sold 9 units"),  # 4 of 6: kept
    ]
    # (the text the events' spans index: each sentence at its event's start)
    text = [" "] * (30_003 * 400)
    for event in events + repeats:
        text[event.char_start : event.char_end] = event.sentence
    whole = "".join(text)
    kept = _timed(lambda: list(_unique(events + repeats, whole)), 2.0)
    assert kept == [*events, repeats[2]]


def test_linear_actors_of_a_long_sentence() -> None:
    # 20,000 names and 22,000 date spans: each name was checked against every span (about
    # 40 s)
    parts = [f"Firm{i} rose" for i in range(20_000)]
    sentence = ", ".join(parts)
    spans, position = [], 0
    for i, part in enumerate(parts):
        if i % 10 == 0:  # a span on the name: it is no actor
            spans.append((position, position + 4))
        spans.append((position + len(part) - 4, position + len(part)))  # on "rose"
        position += len(part) + 2
    actors = _timed(lambda: find_actors(sentence, skip=spans), 2.0)
    assert actors == tuple(f"Firm{i}" for i in range(20_000) if i % 10)


def test_linear_merge_a_long_document() -> None:
    # 20,000 reports of one date in one document, none close enough to the one before to
    # be the same event: each was compared with all of the document's events before (30 s)
    reports = [_event(i, f"Firm{i} sold {i} units") for i in range(20_000)]
    # another document tells some of them again: the same events
    again = [
        _event(i, f"Firm{i} sold {i} units", doc_id="e", start=j * 400)
        for j, i in enumerate(range(0, 20_000, 1000))
    ]
    merged = _timed(lambda: merge_frame(events_to_frame(reports + again, sort=False)), 2.0)
    assert merged.height == 20_000
    sources = dict(zip(merged["event_id"], merged["sources"].to_list(), strict=True))
    assert sources["d:400000"] == ["d:400000-400024", "e:400-424"]


MONTHS = "January February March April May June July August September October November December"


def test_linear_long_lines_without_full_stops() -> None:
    # 2,000 lines of two dated clauses and no full stop: one sentence of the whole text,
    # which each of its events held (and was read again for): about 20 s, and 100 MB of
    # sentences in the table; now each line is a sentence
    months = MONTHS.split()
    lines = [
        f"Sales rose in {month} {1900 + i // 12}; it fell in {month} {1901 + i // 12}"
        for i, month in zip(range(2000), itertools.cycle(months))
    ]
    text = "\n".join(lines) + "\n"
    doc = document_from_text(text, doc_id="list", reference_date=REFERENCE)
    events = _timed(lambda: extract_events(doc, resolve(text, reference=REFERENCE)), 4.0)
    assert [e.sentence for e in events] == [line for line in lines for _ in range(2)]
    assert events[0].timex == "1900-01"


def test_linear_lines_of_no_break_spaces() -> None:
    # 10,000 sentences apart by a line of a no-break space: one paragraph (syntok, which
    # split sentences before, tokenized each after as many spaces as came before: 17 s)
    text = "In May 2023 Acme rose.\n\u00a0\n" * 10_000
    spans = _timed(lambda: split_sentences(text), 3.0)
    assert [(s.start, s.end) for s in spans] == [(i * 25, i * 25 + 22) for i in range(10_000)]


def test_linear_overlong_sentences_are_cut() -> None:
    # a sentence of 12,000 characters: cut at spaces, and where it has none, at the limit
    text = "Acme opened a store in May 2023 and " * 200 + "x" * 5000 + " rose.\n\nIt closed."
    spans = split_sentences(text)
    assert len(spans) == 8
    assert all(s.end - s.start <= pack("en").sentences.longest for s in spans)
    assert all(not text[a.end : b.start].strip() for a, b in itertools.pairwise(spans))
    assert (spans[0].start, text[spans[-1].start : spans[-1].end]) == (0, "It closed.")


def test_linear_deeply_nested_html() -> None:
    # 10,000 divs, each inside the one before: the line breaks inserted around each into the
    # tree took time of all that follows it (8 to 13 s); far past the recursion limit
    page = "<html><body>" + "<div>In May 2023 Acme rose." * 10_000 + "</div>" * 10_000
    doc = _timed(lambda: html_document(page, doc_id="deep"), 3.0)
    assert doc.text == "\n\n".join(["In May 2023 Acme rose."] * 10_000) + "\n"
