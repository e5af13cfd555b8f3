"""What is code, not data, in English: where names stand in a sentence.

``names`` is the pack's hook for :func:`timeline.actors.find_actors`: names are runs of
capitalized words ("Xiaohongshu", "JD.com", "Hua Ming", "Value Institute"), cut at stop
words, short acronyms and possessives. The stop words themselves are data
(``words/actor_stopwords.txt`` and the date lexicons).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_WORD = r"[A-Z][\w&’'.-]*[\w&]|[A-Z]\b"
_NAME = re.compile(rf"(?<![\w’'-])(?:{_WORD})(?:\s+(?:of\s+)?(?:{_WORD}))*")
_POSSESSIVE = re.compile(r"[’']s?$")


def names(sentence: str, stop: frozenset[str]) -> Iterator[tuple[int, int, str, list[str]]]:
    """Each capitalized run of ``sentence``: its span, its text (straight apostrophes) and
    the names cut from it.

    >>> [n for *_, n in names("Xiaohongshu's COO Conan (Hua Ming) took over.", frozenset())]
    [['Xiaohongshu', 'Conan'], ['Hua Ming']]
    """
    for match in _NAME.finditer(sentence):
        run = match.group().replace("’", "'")
        yield match.start(), match.end(), run, _split_run(run.split(), stop)


def _split_run(words: list[str], stop: frozenset[str]) -> list[str]:
    """Cut a capitalized run into names: at stop words, short acronyms (COO, GMV) and after
    a possessive ("Xiaohongshu's COO Conan" → Xiaohongshu, Conan)."""
    found: list[str] = []
    current: list[str] = []

    def flush() -> None:
        name = " ".join(current).rstrip(".")
        if len(name) >= 2 and name.lower() not in stop:
            found.append(name)
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
    return found
