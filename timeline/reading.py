"""One reading of a document: its text split into paragraphs and sentences once, with its
language pack's rules, for every stage that needs them (the tagger's tense and year scope,
the reference-date inference, the events).

Paragraphs part at blank lines. Sentences end at a terminator (``.!?…`` in English, with the
quotes or brackets that close it) when what follows can open a sentence (a space, then a
capital, a digit or an opening quote), except after an abbreviation: never after one of the
pack's ``abbreviations_never_end`` ("Dr. Kim") or an initial ("J. P. Morgan"); after one of
its ``abbreviations`` or a dotted one ("U.S.") only when a word of its
``sentence_starters`` follows ("moved to the U.S. In May", not "the U.S. Embassy"). A
"sentence" longer than the pack's ``longest`` (a list or a log without full stops) goes as
its lines. All of it is linear in the text: one regex pass, a bounded look back per
terminator.

>>> r = read("Ms. Wu said in 2019 that Dr. Kim arrived in May. Sales rose.\\n\\nA new head came.")
>>> [r.text[s.start : s.end] for s in r.sentences]
['Ms. Wu said in 2019 that Dr. Kim arrived in May.', 'Sales rose.', 'A new head came.']
>>> [p.sentences for p in r.paragraphs]
[range(0, 2), range(2, 3)]
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from timeline import lang as packs
from timeline.lang import SentenceRules

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
# the word right before a period: letters, digits, inner dots ("u.s"), ampersands, hyphens
_WORD_BEFORE = re.compile(r"[\w.&-]+")
_OPENING = "([{\"'“‘«`"
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "u.s", "a.m", "n.y"
# an abbreviation's word is found within this many characters before its period
_LOOK_BACK = 40


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a clause of one) as half-open offsets into the document text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph as offsets into the text, and the indices of its sentences in
    :attr:`Reading.sentences`."""

    start: int
    end: int
    sentences: range


@dataclass(frozen=True, slots=True)
class Reading:
    """A text read once: its paragraphs and sentences, in order (offsets into ``text``)."""

    text: str
    lang: str
    start: int  # what was read: text[start:end]
    end: int
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    # the start of each paragraph and of each sentence, for finding where a position is
    paragraph_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]

    def paragraph_at(self, position: int) -> int:
        """The index of the paragraph ``position`` is in (the last one starting before)."""
        return max(bisect_right(self.paragraph_starts, position) - 1, 0)

    def sentence_at(self, position: int) -> int:
        """The index of the sentence ``position`` is in (or the last one before it; -1 before
        the first)."""
        return bisect_right(self.sentence_starts, position) - 1

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the sentence(s) holding ``text[start:end]`` begin and end (the whole text
        read when it is in none)."""
        first, last = self.sentence_at(start), self.sentence_at(max(end - 1, start))
        lo = self.sentences[first].start if first >= 0 else 0
        hi = self.sentences[last].end if last >= 0 else len(self.text)
        if hi < end:  # in the space between two sentences
            hi = self.sentences[last + 1].end if last + 1 < len(self.sentences) else len(self.text)
        return lo, max(hi, end)


def read(text: str, lang: str = "en", start: int = 0, end: int | None = None) -> Reading:
    """Read ``text[start:end]`` with language ``lang``'s sentence rules."""
    stop = len(text) if end is None else end
    rules = packs.pack(lang).sentences
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for lo, hi in paragraph_spans(text, start, stop):
        first = len(sentences)
        sentences.extend(split(text, lo, hi, rules))
        paragraphs.append(Paragraph(lo, hi, range(first, len(sentences))))
    return Reading(
        text=text,
        lang=lang,
        start=start,
        end=stop,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        paragraph_starts=tuple(p.start for p in paragraphs),
        sentence_starts=tuple(s.start for s in sentences),
    )


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The paragraphs (split at blank lines) of ``text[start:end]``, as (start, end)."""
    stop = len(text) if end is None else end
    cuts = [start, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text, start, stop)), stop]
    return list(itertools.pairwise(cuts))


@cache
def _end_pattern(rules: SentenceRules) -> re.Pattern[str]:
    terminators = re.escape(rules.terminators)
    closers = re.escape(rules.closers)
    openers = re.escape(rules.openers)
    space = r"\s+" if rules.space_after else r"\s*"
    return re.compile(
        rf"(?P<end>[{terminators}]+)[{closers}]*(?={space}(?P<open>[{openers}]*)(?P<next>\S))"
        if closers
        else rf"(?P<end>[{terminators}]+)(?={space}(?P<open>[{openers}]*)(?P<next>\S))"
    )


_NEXT_WORD = re.compile(r"\W*(\w+)")


def _ends_here(text: str, match: re.Match[str], start: int, rules: SentenceRules) -> bool:
    """Does a sentence end at ``match`` (a terminator and what closes it)?"""
    nxt = match.group("next")
    if rules.space_after and not (nxt.isupper() or nxt.isdigit() or match.group("open")):
        return False  # "e.g. that", "3.5%", "...and": the sentence goes on
    if match.group("end") != ".":
        return True
    words = text[max(start, match.start() - _LOOK_BACK) : match.start()].rsplit(None, 1)
    word = words[-1].lstrip(_OPENING).strip("-").lower() if words else ""
    if not word or not _WORD_BEFORE.fullmatch(word):
        return True
    if word in rules.never_end or (len(word) == 1 and word.isalpha()):
        return False  # "Dr. Kim", "No. 1", an initial: "J. P. Morgan"
    if word in rules.abbreviations or _DOTTED.fullmatch(word):
        following = _NEXT_WORD.match(text, match.end())
        return following is not None and following.group(1).lower() in rules.starters
    return True


def split(text: str, start: int, end: int, rules: SentenceRules) -> Iterator[Sentence]:
    """The sentences of one paragraph, ``text[start:end]``, without the white space around
    them; one longer than ``rules.longest`` goes as its lines (see :func:`_pieces`)."""
    lo = start
    for match in _end_pattern(rules).finditer(text, start, end):
        if _ends_here(text, match, lo, rules):
            yield from _pieces(text, lo, match.end(), rules.longest)
            lo = match.end()
    yield from _pieces(text, lo, end, rules.longest)


def _pieces(text: str, start: int, end: int, longest: int) -> Iterator[Sentence]:
    """The sentence ``text[start:end]``; one longer than ``longest`` is no sentence of prose
    but a list, a table or a log without full stops, and goes as its lines, a line still
    longer cut at its last space before the limit (an event holds its sentence: one of a
    whole file's length, for each of its dates, made a build quadratic)."""
    if end - start <= longest or longest <= 0:
        yield from _stripped(text, start, end)
        return
    for line in _LINE.finditer(text, start, end):
        lo, hi = line.span()
        while hi - lo > longest:
            cut = text.rfind(" ", lo + 1, lo + longest)
            cut = lo + longest if cut == -1 else cut
            yield from _stripped(text, lo, cut)
            lo = cut
        yield from _stripped(text, lo, hi)


def _stripped(text: str, start: int, end: int) -> Iterator[Sentence]:
    """``text[start:end]`` without the white space around it, unless nothing is left."""
    piece = text[start:end]
    kept = piece.strip()
    if kept:
        lead = len(piece) - len(piece.lstrip())
        yield Sentence(start + lead, start + lead + len(kept))
