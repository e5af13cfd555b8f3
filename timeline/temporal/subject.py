"""The year a text reviews (the pack's ``subject.toml``): "Zhiyu 2024 in Review",
"Looking back at 2023". In such a text "this year" is that year and dates without a year take
it (:func:`timeline.temporal.normalizer.resolve_all`).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from timeline import lang as packs
from timeline.errors import ResourceError
from timeline.temporal.literals import Screen

# the title and the opening of the body are where a review says what it reviews
OPENING_CHARS = 800


@packs.on_change
def _clear() -> None:
    _patterns.cache_clear()


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], Screen], ...]:
    """The pack's patterns, each with its screen (most texts review no year: asked first)."""
    data = packs.pack(lang).toml("subject.toml")
    if data is None:
        return ()
    try:
        rows = data.get("pattern", [])
        patterns = [re.compile(row["regex"], re.IGNORECASE | re.MULTILINE) for row in rows]
        return tuple((pattern, Screen.of(pattern)) for pattern in patterns)
    except (KeyError, TypeError, re.error) as exc:
        msg = f"lang/{lang}/subject.toml: {type(exc).__name__}: {exc}"
        raise ResourceError(msg) from None


def subject_year(
    text: str,
    lang: str = "en",
    *,
    reference: date | None = None,
    start: int = 0,
    end: int | None = None,
) -> int | None:
    """The year ``text`` says it reviews in what comes before its body (which begins at
    ``start``: a title in front matter) and the opening of its body (up to ``end``), when it
    is the reference year or the one before (a review written after its year, or at its
    end); else None.

    >>> subject_year("Looking back at 2023, Lanting rebuilt itself.", reference=date(2024, 1, 18))
    2023
    >>> subject_year("Looking back at 2019, the founders ...", reference=date(2024, 1, 18)) is None
    True
    """
    stop = min(len(text), start + OPENING_CHARS, len(text) if end is None else end)
    for pattern, screen in _patterns(lang):
        match = pattern.search(text, 0, stop) if screen.found(text, 0, stop) else None
        if match is None:
            continue
        year = int(next(g for g in match.groups() if g))
        if reference is None or year in (reference.year, reference.year - 1):
            return year
    return None
