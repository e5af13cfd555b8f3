"""Screens (timeline.temporal.literals.Screen): asked alternative by alternative, a pattern
matches where its whole search does, and nowhere else."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events import _SCREENED, event_rules
from timeline.temporal.literals import Screen


def test_a_group_holding_the_pattern_is_split_between_its_edges() -> None:
    screen = Screen.of(re.compile(r"\b(?:conference call|replay|\+\d{7,})\b", re.IGNORECASE))
    # (a long string's beginning is test enough)
    assert [strings for strings, _ in screen.guarded] == [("conferen",), ("replay",)]
    assert screen.always is not None
    assert screen.always.pattern == r"\b\+\d{7,}\b"
    assert screen.found("Dial 0+4930123456 now")  # (a boundary before the "+")
    assert not screen.found("replays are not")  # the edge after the group is each one's


def test_a_group_is_distributed_over_what_stands_around_it() -> None:
    pattern = re.compile(r"(?:\b(?:launched|unveiled)\s+(?:(?:the|its)\s+)*)$", re.IGNORECASE)
    screen = Screen.of(pattern)
    # (the repeated group stays whole)
    assert [p.pattern for _, p in screen.guarded] == [
        r"\blaunched\s+(?:(?:the|its)\s+)*$",
        r"\bunveiled\s+(?:(?:the|its)\s+)*$",
    ]
    assert [strings for strings, _ in screen.guarded] == [("launched",), ("unveiled",)]
    for text, pos in (("It launched the ", 0), ("It unveiled its ", 3), ("launched the ", 1)):
        assert screen.found(text, pos) == (pattern.search(text, pos) is not None)


def test_bars_inside_a_class_or_a_group_do_not_split() -> None:
    screen = Screen.of(re.compile(r"[|]webcast|(?:a|b)+ replay|[^]|]x", re.IGNORECASE))
    patterns = [p.pattern for _, p in screen.guarded]
    assert patterns == ["[|]webcast", "(?:a|b)+ replay"]
    assert screen.always is not None
    assert screen.always.pattern == "[^]|]x"


@pytest.mark.parametrize("source", [r"(?i)webcast|replay", r"(\w+) and \1|webcast"])
def test_a_pattern_whose_alternatives_depend_on_each_other_runs_whole(source: str) -> None:
    pattern = re.compile(source)
    screen = Screen.of(pattern)
    assert screen.guarded == ()
    assert screen.always is pattern


def test_case_of_the_text_does_not_hide_a_match() -> None:
    screen = Screen.of(re.compile(r"\bform 10-[kq]\b|(?-i:About [A-Z]\w+)$", re.IGNORECASE))
    assert screen.found("See our FORM 10-K.")
    assert screen.found("About Brightwater")
    assert not screen.found("about brightwater")  # the cased alternative keeps its case


def _words(pattern: re.Pattern[str]) -> list[str]:
    """The letters and digits a pattern's source spells, and a few ordinary words."""
    spelled = re.findall(r"[A-Za-z]{2,}|\d", pattern.pattern.replace("\\b", " "))
    return [*spelled, "the", "Acme", "said", "in", "March", "2024", "$3", "million"]


_RULES = event_rules("en")


@pytest.mark.parametrize("key", _SCREENED)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_each_pack_screen_agrees_with_its_search(key: str, data: st.DataObject) -> None:
    screen: Screen = getattr(_RULES, key)
    words = data.draw(st.lists(st.sampled_from(_words(screen.pattern)), max_size=14))
    separators = data.draw(
        st.lists(
            st.sampled_from([" ", " ", ", ", ". ", " (", ") ", "; ", "-", "'s "]),
            min_size=len(words),
            max_size=len(words),
        )
    )
    text = "".join(f"{word}{sep}" for word, sep in zip(words, separators, strict=True))
    text = data.draw(st.sampled_from([text, text.upper(), text.capitalize()]))
    assert screen.found(text) == (screen.pattern.search(text) is not None), text


def test_a_named_group_distributed_to_several_alternatives_is_unnamed() -> None:
    pattern = re.compile(r"\b(?:looking|glancing) back at (?P<year>\d{4})\b", re.IGNORECASE)
    screen = Screen.of(pattern)
    assert [strings for strings, _ in screen.guarded] == [("looking ",), ("glancing",)]
    assert screen.found("Glancing back at 2023, we grew.")
    assert not screen.found("Looking back at the year")


def test_one_test_for_every_alternative_leaves_the_pattern_whole() -> None:
    pattern = re.compile(r"(?:^|[.!?]\s+)(?P<year>\d{4}) was a\b[^.]{0,60}\byear\b")
    screen = Screen.of(pattern)
    assert screen.guarded == (((" was a",), pattern),)
    assert screen.always is None
    # (and a screen that would test one string beside alternatives it always runs is none)
    whole = re.compile(r"^\w+ (?P<year>\d{4})(?:\s*$|\s+at\s+a\s+glance)")
    assert Screen.of(whole).guarded == ()
