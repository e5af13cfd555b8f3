"""Property tests (hypothesis) for the calendar, the tagger and the resolver."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from timeline import calendar as cal
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


@given(st.lists(PHRASES, max_size=12).map(" ".join))
def test_property_trigger_windows_change_nothing(text: str) -> None:
    assert tag(text) == tag(text, everywhere=True)
