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
its lines. A line opening with a list marker ("- ", "• ", "1. ") is a sentence of its
own, without the marker. All of it is linear in the text: one regex pass, a bounded look back per
terminator.

>>> r = read("Ms. Wu said in 2019 that Dr. Kim arrived in May. Sales rose.\\n\\nA new head came.")
>>> [r.text[s.start : s.end] for s in r.sentences]
['Ms. Wu said in 2019 that Dr. Kim arrived in May.', 'Sales rose.', 'A new head came.']
>>> [len(r.sentences_of(i)) for i in range(len(r.paragraphs))]
[2, 1]
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from timeline import lang as packs
from timeline.lang import SentenceRules

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
# a line opening with a list marker ("- ", "* ", "• ", "1. ", "2) ") is an item of a list:
# a sentence of its own, without its marker, whatever ends the line before it
_ITEM = re.compile(r"\n[ \t]*(?:[-*•‣▪–]|\d{1,2}[.)])[ \t]+")
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
    """A paragraph as offsets into the text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reading:
    """A text read once: its paragraphs, and each paragraph's sentences (offsets into
    ``text``). A paragraph is split into sentences the first time they are asked for, and
    only then: a paragraph no stage looks into (no date in it, none before it) costs
    nothing."""

    text: str
    lang: str
    start: int  # what was read: text[start:end]
    end: int
    paragraphs: tuple[Paragraph, ...]
    paragraph_starts: tuple[int, ...]  # for finding where a position is
    rules: SentenceRules = field(repr=False, compare=False)
    # each paragraph split so far: its sentences and their starts
    _split: dict[int, tuple[tuple[Sentence, ...], list[int]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _of(self, paragraph: int) -> tuple[tuple[Sentence, ...], list[int]]:
        found = self._split.get(paragraph)
        if found is None:
            span = self.paragraphs[paragraph]
            sentences = tuple(split(self.text, span.start, span.end, self.rules))
            found = self._split[paragraph] = (sentences, [s.start for s in sentences])
        return found

    def sentences_of(self, paragraph: int) -> tuple[Sentence, ...]:
        """The sentences of paragraph ``paragraph`` (split once, then kept)."""
        return self._of(paragraph)[0]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence, in order (every paragraph split)."""
        return tuple(s for i in range(len(self.paragraphs)) for s in self.sentences_of(i))

    def paragraph_at(self, position: int) -> int:
        """The index of the paragraph ``position`` is in (the last one starting before)."""
        return max(bisect_right(self.paragraph_starts, position) - 1, 0)

    def sentence_at(self, position: int) -> Sentence | None:
        """The sentence ``position`` is in, or the last one before it in its paragraph
        (None before the first)."""
        if not self.paragraphs:
            return None
        sentences, starts = self._of(self.paragraph_at(position))
        index = bisect_right(starts, position) - 1
        return sentences[index] if index >= 0 else None

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the sentence(s) holding ``text[start:end]`` begin and end (the paragraph's
        bounds where it is in none)."""
        if not self.paragraphs:
            return 0, len(self.text)
        index = self.paragraph_at(start)
        paragraph = self.paragraphs[index]
        sentences, starts = self._of(index)
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, max(end - 1, start)) - 1
        lo = sentences[first].start if first >= 0 else paragraph.start
        hi = sentences[last].end if last >= 0 else paragraph.end
        if hi < end:  # in the space after a sentence: up to the end of the next
            hi = sentences[last + 1].end if last + 1 < len(sentences) else paragraph.end
        return lo, max(hi, end)


def read(text: str, lang: str = "en", start: int = 0, end: int | None = None) -> Reading:
    """Read ``text[start:end]`` with language ``lang``'s sentence rules."""
    stop = len(text) if end is None else end
    paragraphs = tuple(Paragraph(lo, hi) for lo, hi in paragraph_spans(text, start, stop))
    return Reading(
        text=text,
        lang=lang,
        start=start,
        end=stop,
        paragraphs=paragraphs,
        paragraph_starts=tuple(p.start for p in paragraphs),
        rules=packs.pack(lang).sentences,
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
    closing = f"[{closers}]*" if closers else ""
    opening = f"[{openers}]*" if openers else ""
    if rules.space_after:
        # a space, then anything but a lower-case ASCII letter ("e.g. that" goes on at once;
        # other letters are looked at in _ends_here)
        follow = rf"\s+(?P<open>{opening})(?P<next>[^\sa-z])"
    else:
        follow = rf"\s*(?P<open>{opening})(?P<next>\S)"
    return re.compile(rf"(?P<end>[{terminators}]+){closing}(?={follow})")


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


def split(text: str, start: int, end: int, rules: SentenceRules) -> list[Sentence]:
    """The sentences of one paragraph, ``text[start:end]``, without the white space around
    them; one longer than ``rules.longest`` goes as its lines (see :func:`_pieces`)."""
    cuts = [start]
    items = {m.start(): m.end() for m in _ITEM.finditer(text, start, end)}
    for match in _end_pattern(rules).finditer(text, start, end):
        if _ends_here(text, match, cuts[-1], rules):
            cuts.append(match.end())
    if items:
        ends = set(cuts)
        inside = {c for lo, hi in items.items() for c in range(lo + 1, hi) if c in ends}  # "1."
        cuts = sorted((ends | items.keys() | set(items.values())) - inside)
    cuts.append(end)
    out: list[Sentence] = []
    longest = rules.longest
    for lo, hi in itertools.pairwise(cuts):
        if items.get(lo) == hi:
            continue  # a list marker
        if hi - lo > longest > 0:
            out.extend(_pieces(text, lo, hi, longest))
            continue
        piece = text[lo:hi]
        kept = piece.strip()
        if kept:
            lead = len(piece) - len(piece.lstrip())
            out.append(Sentence(lo + lead, lo + lead + len(kept)))
    return out


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
