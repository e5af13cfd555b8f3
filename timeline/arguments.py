"""Checks of the public API's arguments: a wrong type is a :class:`TypeError`, a wrong value
a :class:`ValueError`, each naming the argument, before any work is done.

>>> check_type("text", None, str)
Traceback (most recent call last):
    ...
TypeError: text must be a str, not NoneType
>>> check_choice("anchoring", "bogus", ("auto", "news", "narrative"))
Traceback (most recent call last):
    ...
ValueError: anchoring must be one of 'auto', 'news', 'narrative', not 'bogus'
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any


def _names(types: type | tuple[type, ...]) -> str:
    """ "a str", "an int or a Path"."""
    listed = (types,) if isinstance(types, type) else types
    return " or ".join(
        f"{'an' if t.__name__[0] in 'aeiouAEIOU' else 'a'} {t.__name__}" for t in listed
    )


def check_type(name: str, value: Any, types: type | tuple[type, ...]) -> None:
    """``value`` is of ``types`` (``bool`` is not taken for ``int``)."""
    wanted = (types,) if isinstance(types, type) else types
    if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
        msg = f"{name} must be {_names(types)}, not {type(value).__name__}"
        raise TypeError(msg)


def check_date(name: str, value: Any, *, optional: bool = False) -> None:
    """``value`` is a :class:`datetime.date` (not a datetime: a reference date is a day)."""
    if value is None and optional:
        return
    if isinstance(value, datetime) or not isinstance(value, date):
        msg = f"{name} must be a datetime.date, not {type(value).__name__}"
        raise TypeError(msg)


def check_choice(name: str, value: Any, choices: Collection[str]) -> None:
    """``value`` is one of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        msg = f"{name} must be one of {listed}, not {value!r}"
        raise ValueError(msg)


def check_count(name: str, value: Any, *, minimum: int = 1) -> None:
    """``value`` is an int of at least ``minimum``."""
    check_type(name, value, int)
    if value < minimum:
        msg = f"{name} must be at least {minimum}, not {value}"
        raise ValueError(msg)
