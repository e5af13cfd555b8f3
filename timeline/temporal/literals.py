"""Strings that every match of a regex contains: a rule need not run where none is.

:func:`required` reads a compiled pattern's parse tree (the standard library's own parser)
and gives a few strings, lower-cased, one of which every match contains: a run of literal
characters the pattern cannot match without ("ago" in "... ago"), or one per branch of an
alternation that cannot be skipped ("weekend" or "week end"). The tagger tests them with
``in`` before it runs a rule's regex: most rules find nothing in most windows, and the test
costs a fraction of the search. When the parser is not there (it is private to ``re``) or
the tree holds nothing certain, the answer is empty and the rule always runs.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# a string shorter than this is in nearly every window: no use as a test
SHORTEST = 3
# more alternatives than this cost more to test than the search saves
MOST = 8


def required(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-cased strings one of which every match of ``pattern`` contains; ``()`` when
    none is known.

    >>> required(re.compile(r"\\b(?P<n>\\d+)\\s+(?:days|weeks)\\s+ago\\b"))
    ('days', 'weeks')
    >>> required(re.compile(r"(?:the\\s+)?week(?:end|\\s+end)"))
    ('week',)
    >>> required(re.compile(r"\\d{4}|[QH][1-4]"))
    ()
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        tree = parser.parse(pattern.pattern, pattern.flags)
    except (ImportError, AttributeError, re.error):  # pragma: no cover - another Python
        return ()
    found = _sequence(list(tree))
    return tuple(sorted(found)) if found else ()


def _sequence(nodes: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best set of strings one of which a match of the node sequence contains."""
    options: list[frozenset[str]] = []
    run = ""
    for op, arg in nodes:
        name = str(op)
        if name == "LITERAL":
            run += chr(arg).lower()
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        inner: frozenset[str] | None = None
        if name == "SUBPATTERN":
            inner = _sequence(list(arg[-1]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            inner = _sequence(list(arg[2]))
        elif name == "BRANCH":
            branches = [_sequence(list(branch)) for branch in arg[1]]
            if all(branches):
                union = frozenset().union(*(b for b in branches if b))
                inner = union if len(union) <= MOST else None
        if inner:
            options.append(inner)
    if run:
        options.append(frozenset({run}))
    usable = [o for o in options if min(map(len, o)) >= SHORTEST]
    if not usable:
        return None
    # the surest test: few alternatives, each long
    return max(usable, key=lambda o: (min(map(len, o)), -len(o)))
