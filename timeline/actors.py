"""Find actors (organizations and people) in a sentence: runs of capitalized words.

A first version: names are capitalized runs ("Xiaohongshu", "JD.com", "Hua Ming",
"Value Institute") minus sentence openers, date words and role titles listed in
``data/actor_stopwords.txt``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from timeline.datafiles import alternation, read_user_file, word_list
from timeline.errors import ResourceError
from timeline.temporal.resources import load as load_language

_WORD = r"[A-Z][\w&’'.-]*[\w&]|[A-Z]\b"
_NAME = re.compile(rf"(?<![\w’'-])(?:{_WORD})(?:\s+(?:of\s+)?(?:{_WORD}))*")
_POSSESSIVE = re.compile(r"[’']s?$")


@cache
def _stopwords() -> frozenset[str]:
    words = {w.lower() for w in word_list("actor_stopwords.txt")}
    language = load_language()
    for lexicon in ("month", "weekday", "festival", "day_word"):
        words.update(language.lexicons[lexicon])
    return frozenset(words)


@cache
def _festival_run() -> re.Pattern[str]:
    """A capitalized run that starts with a festival name names an occasion, not an actor."""
    names = sorted(load_language().lexicons["festival"], key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


def find_actors(sentence: str, *, skip: Iterable[tuple[int, int]] = ()) -> tuple[str, ...]:
    """Names in ``sentence`` in order of first appearance, skipping the ``skip`` spans
    (sentence offsets of date mentions).

    Examples
    --------
    >>> find_actors("In March, Xiaohongshu's COO Conan (Hua Ming) took over the team.")
    ('Xiaohongshu', 'Conan', 'Hua Ming')
    """
    stop = _stopwords()
    # the spans by start, and the furthest end of each and those before it: a name overlaps
    # a span when one starting before the name's end reaches past its start (a scan of every
    # span for each name took time of their product: quadratic on a long sentence)
    spans = sorted(skip)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))
    found: dict[str, None] = {}
    for match in _NAME.finditer(sentence):
        before = bisect_left(starts, match.end())
        if before and reach[before - 1] > match.start():
            continue
        run = match.group().replace("’", "'")
        if _festival_run().match(run):
            continue
        for name in _split_run(run.split(), stop):
            found.setdefault(name, None)
    return tuple(found)


def _split_run(words: list[str], stop: frozenset[str]) -> list[str]:
    """Cut a capitalized run into names: at stop words, short acronyms (COO, GMV) and after
    a possessive ("Xiaohongshu's COO Conan" → Xiaohongshu, Conan)."""
    names: list[str] = []
    current: list[str] = []

    def flush() -> None:
        name = " ".join(current).rstrip(".")
        if len(name) >= 2 and name.lower() not in stop:
            names.append(name)
        current.clear()

    for word in words:
        bare = _POSSESSIVE.sub("", word.rstrip(","))
        # stop words, short acronyms (COO, GMV) and words in capitals (datelines: BERLIN)
        breaker = bare.lower() in stop or (bare.isupper() and (len(bare) <= 4 or len(words) == 1))
        if breaker or (bare == "of" and not current):
            flush()
            continue
        current.append(bare)
        if bare != word.rstrip(",") or word.endswith(","):
            flush()
    flush()
    return names


Aliases = Mapping[str, str]


def parse_aliases(text: str, *, name: str = "aliases") -> dict[str, str]:
    """``variant<TAB>name`` lines (``#`` comments) → a map from lower-cased variant to name."""
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        variant, sep, canonical = line.partition("\t")
        if not sep or not variant.strip() or not canonical.strip():
            msg = f"{name}:{number}: expected 'variant<TAB>name', found {line!r}"
            raise ResourceError(msg)
        table[" ".join(variant.split()).lower()] = canonical.strip()
    return table


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read an alias file (see :func:`parse_aliases`)."""
    return parse_aliases(read_user_file(path, "aliases"), name=str(path))


def apply_aliases(actors: Sequence[str], sentence: str, aliases: Aliases) -> tuple[str, ...]:
    """Actors under their one name: found names mapped through ``aliases``, and variants
    the capitalized-run finder cannot see ("RED", "little red book") found in ``sentence``.

    >>> apply_aliases(("Little Red Book",), "RED and Little Red Book", {"red": "Xiaohongshu",
    ...     "little red book": "Xiaohongshu"})
    ('Xiaohongshu',)
    """
    if not aliases:
        return tuple(actors)
    names = {aliases.get(" ".join(a.split()).lower(), a): None for a in actors}
    for variant, canonical in aliases.items():
        pattern = r"(?<!\w)" + re.escape(variant).replace(r"\ ", r"\s+") + r"(?!\w)"
        if canonical not in names and re.search(pattern, sentence, re.IGNORECASE):
            names[canonical] = None
    return tuple(names)


@cache
def _subject_opening() -> re.Pattern[str]:
    return re.compile(rf"\W*(?:{alternation('subject_words.txt')})\b", re.IGNORECASE)


def speaks_of_main_subject(sentence: str) -> bool:
    """Does the sentence open with "It", "The company" ...?"""
    return _subject_opening().match(sentence) is not None


def main_subject(actors: Iterable[Sequence[str]]) -> str | None:
    """The actor named in the most sentences (at least two), or None."""
    counts: dict[str, int] = {}
    for names in actors:
        for name in set(names):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], n))
    return best if counts[best] >= 2 else None
