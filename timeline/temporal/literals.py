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
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
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


# a pattern setting its flags for the whole of it ("(?i)..."), or referring back to a group:
# its alternatives cannot be run apart
_WHOLE = re.compile(r"^\(\?[aiLmsux]+\)|\\[1-9]|\(\?P=")


@dataclass(frozen=True, slots=True)
class Screen:
    """Whether a pattern matches anywhere in a text, asked of each of its alternatives (and
    its groups', distributed: "\\b(?:a|b)\\s" is "\\ba\\s" or "\\bb\\s") apart: an
    alternative runs only where one of its :func:`required` strings is, and those with none
    run joined in one pattern (``always``). A big alternation (a sentence of
    boilerplate, an opinion) mostly finds nothing, and this costs a fraction of its search:
    a case-insensitive alternation tries every alternative at every word.

    >>> screen = Screen.of(re.compile(r"\\b(?:webcast|replay|\\+\\d{7,})\\b", re.IGNORECASE))
    >>> screen.found("A REPLAY will be available."), screen.found("Sales rose.")
    (True, False)
    >>> [required for required, _ in screen.guarded], screen.always.pattern
    ([('webcast',), ('replay',)], '\\\\b\\\\+\\\\d{7,}\\\\b')
    """

    pattern: re.Pattern[str]  # the whole pattern
    guarded: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]  # alternatives and strings
    always: re.Pattern[str] | None  # the alternatives with no string required, joined
    # each string and what runs where it is (one loop: a fifth faster than two)
    tests: tuple[tuple[str, re.Pattern[str]], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        tests = tuple((s, alternative) for strings, alternative in self.guarded for s in strings)
        object.__setattr__(self, "tests", tests)

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Screen:
        """The screen of ``pattern``: its alternatives, and those of its groups."""
        source = pattern.pattern
        if _WHOLE.search(source):
            return cls(pattern, (), pattern)
        # (alternatives that require the same strings run joined: one test, one search)
        by_strings: dict[tuple[str, ...], list[str]] = {}
        always: list[str] = []
        for alternative in map(_unnamed, _alternatives(source)):
            strings = required(re.compile(alternative, pattern.flags))
            (by_strings.setdefault(strings, []) if strings else always).append(alternative)
        if len(by_strings) == 1 and not always:  # one test: then the pattern as it is
            return cls(pattern, ((next(iter(by_strings)), pattern),), None)
        if len(by_strings) < 2:  # nothing to gain
            return cls(pattern, (), pattern)
        guarded = tuple(
            (strings, re.compile("|".join(sources), pattern.flags))
            for strings, sources in by_strings.items()
        )
        joined = re.compile("|".join(always), pattern.flags) if always else None
        return cls(pattern, guarded, joined)

    def found(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Does the pattern match anywhere in ``text[pos:endpos]`` (as
        ``pattern.search(text, pos, endpos)`` does)?"""
        end = len(text) if endpos is None else endpos
        if self.always is not None and self.always.search(text, pos, end):
            return True
        low = text[pos:end].lower()
        for string, alternative in self.tests:  # (a loop: any() over a generator is slower)
            if string in low and alternative.search(text, pos, end):
                return True
        return False


def _alternatives(source: str) -> list[str]:
    """The alternatives of a regex's source, a group of alternatives in one distributed
    over what stands around it, until there would be more than :data:`MOST_ALTERNATIVES`."""
    found = _split_top(source)
    while True:
        splits = ((at, _distributed(a)) for at, a in enumerate(found))
        at, split = next(((at, split) for at, split in splits if split is not None), (0, None))
        if split is None or len(found) + len(split) - 1 > MOST_ALTERNATIVES:
            return found
        found[at : at + 1] = split


# a pattern split further than this costs more in tests of its strings than it saves
# (measured on the event rules' screens: at 32 they took 0.6 of the time they took at 16,
# and at 64 no less than at 32)
MOST_ALTERNATIVES = 32


def _distributed(alternative: str) -> list[str] | None:
    """The first group in ``alternative`` outside any other, not repeated, opened: each of
    its alternatives between what stands before and after it; None when there is none."""
    opening = -1
    for at, char, depth in _scan(alternative):
        if char == "(" and depth == 0:
            opening = at if alternative.startswith("(?:", at) else -1
        elif char == ")" and depth == 1 and opening >= 0:
            inner = alternative[opening + 3 : at]
            parts = _split_top(inner)
            # (a group of one alternative opens up: the groups in it may be split)
            if alternative[at + 1 : at + 2] not in _REPEATS:
                before, after = alternative[:opening], alternative[at + 1 :]
                return [f"{before}{part}{after}" for part in parts]
    return None


def _unnamed(source: str) -> str:
    """A regex's source with its named groups unnamed: alternatives split from one may name
    the same group, and no name is asked for (nothing refers back: :data:`_WHOLE`)."""
    opened = [at for at, char, _ in _scan(source) if char == "(" and source.startswith("(?P<", at)]
    for at in reversed(opened):
        name_end = source.index(">", at)
        source = f"{source[:at]}(?:{source[name_end + 1 :]}"
    return source


# what repeats the group before it ("" is no repeat: the end of the pattern)
_REPEATS = frozenset("*+?{")


def _scan(source: str) -> Iterator[tuple[int, str, int]]:
    """Each character of a regex's source that is syntax (not escaped, not in a class),
    where it is and how deep in groups before it."""
    depth = 0
    escaped = in_class = False
    for at, char in enumerate(source):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            # (a "]" right after "[" or "[^" is a member)
            in_class = char != "]" or source[at - 1] == "[" or source[at - 2 : at] == "[^"
        elif char == "[":
            in_class = True
        else:
            yield at, char, depth
            depth += char == "("
            depth -= char == ")"


def _split_top(source: str) -> list[str]:
    cuts = [at for at, char, depth in _scan(source) if char == "|" and depth == 0]
    bounds = [-1, *cuts, len(source)]
    return [source[a + 1 : b] for a, b in itertools.pairwise(bounds)]
