"""A text's fiscal calendar, from how it states its fiscal year (the pack's ``fiscal.toml``).

"The third quarter of fiscal 2025, which ended October 31, 2024" says that fiscal 2025 ends
in January 2025: every date the text calls fiscal is placed on that calendar by
:class:`FiscalYear` (a shift of the calendar-year interval by whole months).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline import lang as packs
from timeline.errors import ResourceError
from timeline.temporal.resources import load


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """Fiscal year N ends in month ``end_month`` of calendar year N + ``offset``."""

    end_month: int
    offset: int = 0

    @property
    def shift(self) -> int:
        """Months from a calendar-year interval to the fiscal one of the same number (fiscal
        2025 ending January 2025: -11, from January-December 2025 to February 2024-January
        2025)."""
        return self.end_month - 12 + 12 * self.offset


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    regex: re.Pattern[str]


@packs.on_change
def _clear() -> None:
    _patterns.cache_clear()


@cache
def _patterns(lang: str) -> tuple[_Pattern, ...]:
    data = packs.pack(lang).toml("fiscal.toml")
    if data is None:
        return ()
    res = load(lang)
    words = {
        "month": sorted(res.lexicons.get("month", {}), key=len, reverse=True),
        "ordinal": sorted(res.lexicons.get("ordinal", {}), key=len, reverse=True),
    }
    alternations = {k: "(?:" + "|".join(re.escape(w) for w in v) + ")" for k, v in words.items()}
    try:
        return tuple(
            _Pattern(
                row["kind"],
                re.compile(
                    row["regex"]
                    .replace("{month}", alternations["month"])
                    .replace("{ordinal}", alternations["ordinal"]),
                    re.IGNORECASE,
                ),
            )
            for row in data.get("pattern", [])
        )
    except (KeyError, TypeError, re.error) as exc:
        msg = f"lang/{lang}/fiscal.toml: {type(exc).__name__}: {exc}"
        raise ResourceError(msg) from None


def fiscal_year(
    text: str, lang: str = "en", start: int = 0, end: int | None = None
) -> FiscalYear | None:
    """The fiscal calendar ``text[start:end]`` states first, or None (none stated, or one
    that is the calendar year).

    >>> fiscal_year("the third quarter of fiscal 2025, which ended October 31, 2024")
    FiscalYear(end_month=1, offset=0)
    >>> fiscal_year("Revenue for fiscal 2024 rose.") is None
    True
    """
    res = load(lang)
    stop = len(text) if end is None else end
    if res.fiscal is None or res.fiscal.search(text, start, stop) is None:
        return None  # (no word of fiscal years: no need to look further)
    months = res.lexicons.get("month", {})
    ordinals = res.lexicons.get("ordinal", {})
    for pattern in _patterns(lang):
        match = pattern.regex.search(text, start, stop)
        if match is None:
            continue
        month = int(months[match.group("month").lower()])
        groups = match.groupdict()
        label = int(groups["label"]) if groups.get("label") else None
        year = int(groups["year"]) if groups.get("year") else None
        if pattern.kind == "quarter_end":
            quarter = int(ordinals[match.group("ordinal").lower()])
            months_on = month + 3 * (4 - quarter)  # the fiscal year ends this month
            end_month, end_year = (months_on - 1) % 12 + 1, (year or 0) + (months_on - 1) // 12
        elif pattern.kind == "start":  # it ends the month before, a year on
            end_month = (month - 2) % 12 + 1
            end_year = (year or 0) + (month > 1)
        else:
            end_month, end_year = month, year or 0
        offset = end_year - label if label is not None and year is not None else 0
        found = FiscalYear(end_month, offset)
        return None if found.shift == 0 else found
    return None
