"""Find a document's reference date in its own text, when no option or metadata gave one.

In this order: a **dateline** — a full date (day, month and year) near the start of the
article ("BERLIN, March 10, 2021 —", "Published 2024-01-25"); else an **inference** from the
years it speaks of: the January 1 after the latest year it speaks of mostly in the past
tense (a review of "the past 2023" that announces plans "in 2024" was written in early
2024), or, with no such year, January 1 of the latest year it names. The inference is a guess,
and the summary says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from timeline import lang as packs
from timeline.model import CalendarExpr, Document, Mention, ParsedExpr, Tense
from timeline.temporal import normalize, tag
from timeline.temporal.resources import load

# how far into the article a dateline may stand
DATELINE_REACH = 300


def _mentions(document: Document, mentions: Sequence[Mention] | None) -> Sequence[Mention]:
    """The document's mentions: those given (of its one reading), else tagged now."""
    if mentions is not None:
        return mentions
    lang = packs.choose(packs.AUTO, document.text[document.body_start :], document.lang)
    return tag(document.text, start=document.body_start, lang=lang)


def dateline(document: Document, mentions: Sequence[Mention] | None = None) -> date | None:
    """A full date near the start of the article body (``mentions``: the document's, if
    they are at hand)."""
    start = document.body_start
    lang = packs.choose(packs.AUTO, document.text[start:], document.lang)
    for mention in _mentions(document, mentions):
        if mention.end > start + DATELINE_REACH:
            break
        if isinstance(mention.expr, ParsedExpr):
            timex = normalize(mention.expr, reference=date(2000, 1, 1), res=load(lang))
            if timex is not None and timex.start is not None:
                return timex.start
    return None


def infer_from_years(document: Document, mentions: Sequence[Mention] | None = None) -> date | None:
    """January 1 after the latest year the text speaks of mostly in the past tense, else
    January 1 of the latest year it names; None when it names no year."""
    votes: dict[int, int] = {}  # per year: past-tense mentions minus the others
    for mention in _mentions(document, mentions):
        expr = mention.expr
        if isinstance(expr, CalendarExpr) and expr.year.value is not None:
            vote = 1 if mention.tense is Tense.PAST else -1
            votes[expr.year.value] = votes.get(expr.year.value, 0) + vote
    past = [year for year, vote in votes.items() if vote > 0]
    if past:
        return date(max(past) + 1, 1, 1)
    return date(max(votes), 1, 1) if votes else None


def with_reference(document: Document, mentions: Sequence[Mention] | None = None) -> Document:
    """The document with a reference date from its text, when it had none (``mentions``:
    its mentions, when it has been tagged already: no second tagging)."""
    if document.reference_date is not None:
        return document
    found = dateline(document, mentions)
    if found is not None:
        return replace(document, reference_date=found, reference_basis="dateline")
    guessed = infer_from_years(document, mentions)
    if guessed is not None:
        return replace(document, reference_date=guessed, reference_basis="inferred")
    return document
