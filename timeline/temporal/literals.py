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
MOST = 16
# a beginning this long is test enough (longer ones cost time to find when rules load)
LONGEST = 8


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
    """The best set of strings one of which a match of the node sequence contains: the
    strings a match of it starts with from some node on, or what a group or an alternation
    it cannot skip requires."""
    options: list[frozenset[str]] = []
    for index, (op, arg) in enumerate(nodes):
        name = str(op)
        # (from where a run of literals begins: from inside one, the strings are shorter)
        begins = index == 0 or str(nodes[index - 1][0]) != "LITERAL"
        if begins and name in ("LITERAL", "SUBPATTERN", "BRANCH"):
            starts = _starts(nodes[index:])
            if starts:
                options.append(starts)
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
    # (a string holding another of its set adds nothing: "week" or "weekend" is "week")
    options = [frozenset(a for a in o if not any(b != a and b in a for b in o)) for o in options]
    usable = [o for o in options if min(map(len, o)) >= SHORTEST]
    if not usable:
        return None
    # the surest test: few alternatives, each long
    return max(usable, key=lambda o: (min(map(len, o)), -len(o)))


def _starts(nodes: list[tuple[Any, Any]], length: int = 0) -> frozenset[str] | None:
    """The literal beginnings, lower-cased, of every match of the node sequence (as long
    as they go on certainly, up to :data:`LONGEST` characters; "" where one stops at
    once); None when there are more than :data:`MOST`."""
    if not nodes or length >= LONGEST:
        return frozenset({""})
    op, arg = nodes[0]
    name = str(op)
    if name == "LITERAL":
        rest = _starts(nodes[1:], length + 1)
        if rest is None:
            return frozenset({chr(arg).lower()})
        return frozenset(chr(arg).lower() + tail for tail in rest)
    if name == "SUBPATTERN":
        return _starts(list(arg[-1]) + nodes[1:], length)
    if name == "BRANCH":
        found: set[str] = set()
        for branch in arg[1]:
            starts = _starts(list(branch) + nodes[1:], length)
            if starts is None:
                return None
            found |= starts
            if len(found) > MOST:
                return None
        return frozenset(found)
    return frozenset({""})
