"""Find actors (organizations and people) in a sentence: runs of capitalized words.

A first version: names are capitalized runs ("Xiaohongshu", "JD.com", "Hua Ming",
"Value Institute") minus sentence openers, date words and role titles listed in
``data/actor_stopwords.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from timeline.temporal.resources import load as load_language

_WORD = r"[A-Z][\w&’'.-]*[\w&]|[A-Z]\b"
_NAME = re.compile(rf"(?<![\w’'-])(?:{_WORD})(?:\s+(?:of\s+)?(?:{_WORD}))*")
_POSSESSIVE = re.compile(r"[’']s?$")


@cache
def _stopwords() -> frozenset[str]:
    text = (resources.files("timeline") / "data" / "actor_stopwords.txt").read_text("utf-8")
    words = {line.strip().lower() for line in text.splitlines()}
    words.discard("")
    words = {w for w in words if not w.startswith("#")}
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
    spans = list(skip)
    found: dict[str, None] = {}
    for match in _NAME.finditer(sentence):
        if any(s < match.end() and match.start() < e for s, e in spans):
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
        breaker = bare.lower() in stop or (bare.isupper() and len(bare) <= 4)
        if breaker or (bare == "of" and not current):
            flush()
            continue
        current.append(bare)
        if bare != word.rstrip(",") or word.endswith(","):
            flush()
    flush()
    return names
