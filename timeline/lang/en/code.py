"""What is code, not data, in English: where names stand in a sentence.

``names`` is the pack's hook for :func:`timeline.actors.find_actors`: names are runs of
capitalized words ("Xiaohongshu", "JD.com", "Hua Ming", "Value Institute"), cut at stop
words, short acronyms and possessives. The stop words themselves are data
(``words/actor_stopwords.txt`` and the date lexicons).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from timeline import lang as packs

# a capitalized word; "St." / "Mt." / "Ft." of a place ("St. Paul") keep their period
_UPPER = packs.LATIN_CAPITALS
_WORD = (
    rf"(?:St|Mt|Ft)\.(?=\s+[{_UPPER}])|(?:[{_UPPER}]\.){{2,}}(?=\s+[{_UPPER}])"
    rf"|[{_UPPER}][\w&’'.-]*s['’](?=\s+[{_UPPER}])"  # a plural's possessive ("Pilots' Guild")
    rf"|[{_UPPER}][\w&’'.-]*[\w&]|[{_UPPER}]\b"
)
# the particles of a person's name ("Pieter de Graaf", "Ursula von der Leyen")
_PARTICLE = (
    r"(?:de|van|von|der|den|da|di|du|del|della|dos|das|ter|ten|bin)\s+(?:(?:der|den|la)\s+)?"
)
_NAME = re.compile(rf"(?<![\w’'-])(?:{_WORD})(?:\s+(?:of\s+|{_PARTICLE})?(?:{_WORD}))*")


def names(sentence: str, stop: frozenset[str]) -> Iterator[tuple[int, int, str, list[str]]]:
    """Each capitalized run of ``sentence``: its span, its text (straight apostrophes) and
    the names cut from it.

    >>> STOP = frozenset({"for", "the"})
    >>> [n for *_, n in names("Xiaohongshu's COO Conan (Hua Ming) took over.", frozenset())]
    [['Xiaohongshu', 'Conan'], ['Hua Ming']]
    >>> [n for *_, n in names("the Irish Pilots' Guild and the Workers' Union", STOP)]
    [["Irish Pilots' Guild"], ["Workers' Union"]]
    >>> [n for *_, n in names("the Pilots' Guild's offer to Harrow Air's pilots", STOP)]
    [["Pilots' Guild"], ['Harrow Air']]
    >>> [n for *_, n in names("Dalton & Reyes and the Markets and Trade Authority", frozenset())]
    [['Dalton & Reyes'], ['Markets and Trade Authority']]
    >>> [n for *_, n in names("the U.S. Food and Drug Administration and COO Bo Li", frozenset())]
    [['U.S. Food and Drug Administration'], ['Bo Li']]
    >>> [n for *_, n in names("the State Administration for Market Regulation", STOP)]
    [['State Administration for Market Regulation']]
    >>> [n for *_, n in names("the District Court for the District of Delaware", STOP | {"of"})]
    [['District Court for the District of Delaware']]
    """
    spans = [(m.start(), m.end()) for m in _NAME.finditer(sentence)]
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _joins(
            sentence[joined[-1][1] : start],
            sentence[start:end],
            sentence[joined[-1][0] : joined[-1][1]],
        ):
            joined[-1] = (
                joined[-1][0],
                end,
            )  # "Dalton & Reyes", "Competition and Markets Authority"
        else:
            joined.append((start, end))
    for start, end in joined:
        run = sentence[start:end].replace("’", "'")
        yield start, end, run, list(_cut(run, stop))


@lru_cache(maxsize=4096)
def _cut(run: str, stop: frozenset[str]) -> tuple[str, ...]:
    """The names cut from a run (the same runs come back: a text names its actors often)."""
    return tuple(_split_run(_glued(run.split()), stop))


def _glued(words: list[str]) -> list[str]:
    """The words of a run, "&" and "and" glued to the word after them: part of the name,
    never where it is cut ("Dalton", "& Reyes")."""
    glued: list[str] = []
    for word in words:
        if glued and glued[-1] in ("&", "and"):
            glued[-1] = f"{glued[-1]} {word}"
        else:
            glued.append(word)
    return glued


def _joins(between: str, after: str, before: str) -> bool:
    """Are two capitalized runs one name: joined by "&", or by "and" when the second ends
    in an organization word (``words/org_words.txt``) and the first is no name of its own,
    words ending in one or in a company form ("Securities and Exchange Commission", but
    "Harbor Gate Ventures and Meridian Growth Fund" are two)?"""
    if between == " & ":
        return True
    ends = _org_words()
    first = before.split()
    if between in (" for ", " for the "):
        # "State Administration for Market Regulation", "Court for the District of Delaware"
        return first[-1].strip(".,") in ends
    if between != " and ":
        return False
    whole = len(first) > 1 and first[-1].strip(".,") in ends
    return after.split()[-1].strip("'’s") in ends and not whole


@cache
def _possessive() -> re.Pattern[str]:
    """A possessive's ending (``pack.toml [names] possessive_end``, which the core reads
    too: "Lanting's" names Lanting)."""
    return re.compile(packs.pack("en").settings["names"]["possessive_end"])


@cache
def _org_words() -> frozenset[str]:
    """The last words of organization names, and company forms."""
    pack = packs.pack("en")
    return frozenset([*pack.words("org_words"), *pack.words("company_forms")])


def _split_run(words: list[str], stop: frozenset[str]) -> list[str]:
    """Cut a capitalized run into names: at stop words, short acronyms (COO, GMV) and after
    a possessive ("Xiaohongshu's COO Conan" → Xiaohongshu, Conan)."""
    found: list[str] = []
    current: list[str] = []
    possessive = _possessive()

    def flush() -> None:
        name = " ".join(current).rstrip(".")
        if len(name) >= 2 and name.lower() not in stop:
            found.append(name)
        current.clear()

    for at, word in enumerate(words):
        bare = possessive.sub("", word.rstrip(","))
        # stop words, short acronyms (COO, GMV) and words in capitals (datelines: BERLIN);
        # not a short acronym opening an organization's name ("U.S. Food and Drug
        # Administration", "US Department of Energy")
        breaker = bare.lower() in stop or (
            bare.isupper()
            and (len(bare) <= 4 or len(words) == 1)
            and (current or not any(w.strip(".,") in _org_words() for w in words[at + 1 :]))
        )
        if bare in ("of", "for") and current and current[-1] in _org_words():
            # "Guizhou Provincial Department of Commerce", "Court for the District of ..."
            current.append(bare)
            continue
        if bare in ("of", "the") and "for" in current:
            current.append(bare)  # what it is for, whole: "... for the District of Delaware"
            continue
        if breaker or (bare == "of" and not current):
            flush()
            continue
        if (
            word.endswith(("s'", "s’"))
            and possessive.sub("", words[-1].strip(".,")) in _org_words()
        ):
            current.append(word)  # a plural's possessive inside a name: "Pilots' Guild"
            continue
        current.append(bare)
        if bare != word.rstrip(",") or word.endswith(","):
            flush()
    flush()
    return found
