"""Property tests (hypothesis) for the calendar, the tagger, the resolver and the merge of
reports into events."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import calendar as cal
from timeline.events import sentence_words
from timeline.merge import SAME_EVENT, SAME_PASSAGE, merge_frame, merge_parts
from timeline.model import Event, Granularity
from timeline.store import Store
from timeline.table import events_to_frame, frame_to_events
from timeline.temporal import resolve, tag

DAYS = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))
TIMEX_VALUE = re.compile(
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?|\d{3}|\d{2}"
    r"|PT?(?:\d+|X)(?:Y|M|W|D|H|S|DE|CE|Q)|XXXX-WXX-[1-7]|P1[DWMY]|PRESENT_REF|PAST_REF"
    r"|FUTURE_REF)$"
)
PHRASES = st.sampled_from(
    [
        "December last year",
        "in mid-January",
        "the second half of the year",
        "last year's 618",
        "Double 11",
        "New Year's Eve",
        "Spring Festival",
        "in the past year and a half",
        "2023",
        "March 3, 2021",
        "last week",
        "yesterday",
        "next Friday",
        "Q3",
        "the 1990s",
        "now",
        "the end of last year",
        "three years",
        "every Monday",
        "In October",
        "will",
        "was",
        " ",
        ", ",
        ". ",
        "\n\n",
        "sales rose",
        "May",
        "618",
        "2,024",
        "12%",
    ]
)


@given(DAYS, st.integers(-600, 600))
def test_property_add_months_round_trip_on_first_days(day: date, months: int) -> None:
    first = day.replace(day=1)
    assert cal.add_months(cal.add_months(first, months), -months) == first


@given(
    DAYS,
    st.sampled_from(["month", "year", "quarter", "half"]),
    st.sampled_from(["START", "EARLY", "MID", "LATE", "END"]),
)
def test_property_narrow_stays_inside(day: date, granularity: str, mod: str) -> None:
    whole = {
        "month": cal.month_interval(day.year, day.month),
        "year": cal.year_interval(day.year),
        "quarter": cal.quarter_interval(day.year, (day.month - 1) // 3 + 1),
        "half": cal.half_interval(day.year, 1 if day.month <= 6 else 2),
    }[granularity]
    start, end = cal.narrow(whole, granularity, mod)
    assert whole[0] <= start <= end <= whole[1]


@given(st.text(max_size=300))
def test_property_tagger_never_raises_and_offsets_slice(text: str) -> None:
    mentions = tag(text)
    last_end = 0
    for mention in mentions:
        assert mention.text == text[mention.start : mention.end]
        assert mention.start >= last_end  # sorted, not overlapping
        last_end = mention.end


@given(st.lists(PHRASES, max_size=12).map(" ".join), DAYS)
def test_property_resolver_values_are_valid(text: str, reference: date) -> None:
    first = resolve(text, reference=reference)
    assert first == resolve(text, reference=reference)  # same input, same output
    for item in first:
        assert item.mention.text == text[item.mention.start : item.mention.end]
        if item.timex is None:
            continue
        assert TIMEX_VALUE.match(item.timex.value), item.timex.value
        if item.timex.start is not None:
            assert item.timex.end is not None
            assert item.timex.start <= item.timex.end


MONTH_NAMES = [date(2000, month, 1).strftime("%B") for month in range(1, 13)]


@given(
    st.integers(1900, 2099),  # (a year is written 1600-2099)
    st.integers(1, 12),
    st.sampled_from(["spring", "summer", "autumn", "winter"]),
    st.sampled_from(["that", "the following", "the next"]),
)
def test_property_season_after_a_date_follows_it(
    year: int, month: int, season: str, word: str
) -> None:
    """ "That summer" is the summer of the year of the date before; "the following summer"
    the first summer to begin after that date ends, within a year and a quarter of it."""
    text = f"In {MONTH_NAMES[month - 1]} {year} it opened. {word.capitalize()} {season} it grew."
    found = resolve(text, reference=date(2150, 1, 1))
    assert [r.mention.text.lower() for r in found] == [
        f"{MONTH_NAMES[month - 1]} {year}".lower(),
        f"{word} {season}",
    ]
    before, after = (r.timex for r in found)
    assert before is not None and after is not None
    assert before.end is not None and after.start is not None
    if word == "that":
        assert after.start.year == year
    else:
        assert before.end < after.start
        assert (after.start - before.end).days <= 460


@given(st.lists(PHRASES, max_size=12).map(" ".join))
def test_property_trigger_windows_change_nothing(text: str) -> None:
    assert tag(text) == tag(text, everywhere=True)


WORDS = ["acme", "opened", "a", "store", "in", "osaka", "merged", "teams", "sales", "rose"]


@st.composite
def _reports(draw: st.DrawFn) -> list[Event]:
    """Reports of a few documents, each in text order, sharing dates, categories and words."""
    reports = []
    for doc in draw(st.lists(st.sampled_from("abcd"), min_size=1, max_size=6, unique=True)):
        position = 0
        for _ in range(draw(st.integers(1, 6))):
            position += draw(st.integers(0, 400))
            sentence = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7)))
            day = draw(st.sampled_from([date(2023, 3, 1), date(2023, 5, 1)]))
            reports.append(
                Event(
                    event_id=f"{doc}:{position}",
                    doc_id=doc,
                    date_start=day,
                    date_end=day,
                    granularity=Granularity.MONTH,
                    timex=day.isoformat()[:7],
                    mod=None,
                    date_text="",
                    category=draw(st.sampled_from(["launch", "reorganization"])),
                    title=sentence,
                    actors=tuple(draw(st.lists(st.sampled_from(["Acme", "Beta"]), unique=True))),
                    sentence=sentence,
                    char_start=position,
                    char_end=position + len(sentence),
                    reference_date=day,
                    approximate=draw(st.booleans()),
                    sources=(f"{doc}:{position}",),
                )
            )
            position += len(sentence)
    return reports


def _merge_naively(events: list[Event]) -> list[Event]:
    """Every report against every kept event, first match wins: of its date and category,
    close after it in the same document (not of the same sentence), or in another document
    sharing most words and not naming another subject."""
    kept: list[Event] = []
    for event in events:
        for i, first in enumerate(kept):
            if (first.timex, first.date_start, first.category) != (
                event.timex,
                event.date_start,
                event.category,
            ):
                continue
            apart = (
                first.actors
                and event.actors
                and first.actors[0] not in event.actors
                and event.actors[0] not in first.actors
            )
            if first.doc_id == event.doc_id:
                near = 0 <= event.char_start - first.char_end <= SAME_PASSAGE
                other_subject = first.actors and event.actors and first.actors[0] != event.actors[0]
                # (two events the event stage found in one sentence stay two)
                one_sentence = sentence_words(first.sentence) == sentence_words(event.sentence)
                same = near and not one_sentence and not (event.approximate and other_subject)
            else:
                a, b = set(first.sentence.split()), set(event.sentence.split())
                same = len(a & b) / len(a | b) >= SAME_EVENT and not apart
            if same:
                kept[i] = replace(first, sources=first.sources + event.sources)
                break
        else:
            kept.append(event)
    return kept


@given(_reports(), st.sampled_from([1, 3, 16]))
def test_property_merge_equals_every_pair_compared(reports: list[Event], index_from: int) -> None:
    """With the word index from the first, the third or the 16th event of a date and
    category on: the same events as comparing every pair."""
    merged = merge_frame(events_to_frame(reports, sort=False), index_from=index_from)
    assert frame_to_events(merged) == _merge_naively(reports)


def _sort_key(event: Event) -> tuple[date, str, int]:
    return event.date_start, event.doc_id, event.char_start


@settings(max_examples=max(10, settings().max_examples // 10))  # files for each example
@given(_reports(), st.integers(1, 5), st.integers(1, 8), st.sampled_from([1, 16]))
def test_property_merge_in_parts_and_buckets_equals_every_pair_compared(
    reports: list[Event], batch: int, bucket: int, index_from: int
) -> None:
    """Reports written in parts of ``batch``, merged in buckets of about ``bucket``: the
    same events as comparing every pair, sorted as the table."""
    with Store() as store:
        parts = []
        for number, start in enumerate(range(0, len(reports), batch)):
            parts.append(store.part("reports", number))
            events_to_frame(reports[start : start + batch], sort=False).write_parquet(parts[-1])
        merged = merge_parts(parts, store, bucket_reports=bucket, index_from=index_from)
        table = pl.read_parquet(merged)
    assert frame_to_events(table) == sorted(_merge_naively(reports), key=_sort_key)
