"""Event categories kept as data (a language pack's ``taxonomy.toml``) and the keyword scorer."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from timeline import lang as packs
from timeline.datafiles import read_user_file
from timeline.errors import ResourceError

OTHER = "other"
STRONG_WEIGHT = 3
_MEMO_SIZE = 512  # texts whose scores are kept
# a keyword's word standing for up to four words of any kind ("cut … jobs": "cut about
# 4,200 jobs", "cut 8% of its 600 staff" is "cut … staff")
GAP = "…"
_GAP = r"(?:\S+\s+){0,4}?"


@dataclass(frozen=True, slots=True)
class Category:
    """One category and the compiled patterns that vote for it."""

    id: str
    label: str
    strong: re.Pattern[str] | None
    weak: re.Pattern[str] | None
    fallback: bool = False  # wins only when no other category scores
    examples: tuple[str, ...] = ()  # clauses it must win
    words: tuple[str, ...] = ()  # its keywords, strong and weak, as written

    def score(self, text: str, starts: Sequence[int]) -> int:
        """Strong keywords found count :data:`STRONG_WEIGHT`, others 1 (each once); a weak
        keyword inside a strong one counts no more. ``starts``: where the category's
        keywords may start in ``text`` (:meth:`_Starts.find`): only there is looked, the
        text scanned once for all categories, not once for each."""
        strong: set[str] = set()
        spans: list[tuple[int, int]] = []
        if self.strong is not None:
            for start in starts:
                found = self.strong.match(text, start)
                if found is not None:
                    strong.add(found.group().lower())
                    spans.append(found.span())
        weak: set[str] = set()
        if self.weak is not None:
            for start in starts:
                found = self.weak.match(text, start)
                if found is not None and not any(a <= start < b for a, b in spans):
                    weak.add(found.group().lower())
        return STRONG_WEIGHT * len(strong) + len(weak)


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    """One regex of keywords, each a whole word where its script has spaces between words
    ("launch" is not in "relaunched"), anywhere where it has none ("推出" in "推出了"); a
    :data:`GAP` word matches up to four words.

    >>> bool(_pattern(["cut … jobs"]).fullmatch("cut about 4,200 jobs"))
    True
    >>> bool(_pattern(["cut … jobs"]).fullmatch("cut jobs"))
    True
    """
    if not words:
        return None
    spaced: list[str] = []
    unspaced: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        bare = word.rstrip("*")
        body = r"\s+".join(
            _GAP if part == GAP else re.escape(part).replace("'", "['’]") for part in bare.split()
        ).replace(_GAP + r"\s+", _GAP)
        after = r"\w*" if word.endswith("*") else ("" if packs.unspaced(bare[-1]) else r"\b")
        (unspaced if packs.unspaced(bare[0]) else spaced).append(body + after)
    # the spaced ones share one look-behind, so that the regex engine tries them at once
    parts = ([r"(?<!\w)(?:" + "|".join(spaced) + ")"] if spaced else []) + unspaced
    return re.compile("(?:" + "|".join(parts) + ")", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Ordered categories; :meth:`categorize` picks one for a text."""

    categories: tuple[Category, ...]
    # phrases holding a keyword that are none ("entered into" an agreement, "the close of
    # business", "search results"): blanked before scoring
    ignored: tuple[str, ...] = ()
    starts: _Starts = field(init=False, repr=False, compare=False)
    _ignored: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    # the scores of texts scored lately: a clause is judged more than once on its way
    # (its predicate, then its event, plain and whole)
    _memo: dict[str, tuple[tuple[int, int, Category], ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # (the ignored phrases are one more "category" of the word scan: looked for only
        # where one may start)
        pseudo = Category("", "", None, None, words=self.ignored)
        object.__setattr__(self, "starts", _Starts.of((*self.categories, pseudo)))
        object.__setattr__(self, "_ignored", _pattern(list(self.ignored)))
        object.__setattr__(self, "_memo", {})

    def _scores(self, text: str) -> tuple[tuple[int, int, Category], ...]:
        """(score, -index, category) of each category that scores in ``text``."""
        scores = self._memo.get(text)
        if scores is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            scores = self._memo[text] = self._scored(text)
        return scores

    def _scored(self, text: str) -> tuple[tuple[int, int, Category], ...]:
        found = self.starts.find(text)
        where = found.pop(len(self.categories), None)
        if where and self._ignored is not None:
            for start in where:
                phrase = self._ignored.match(text, start)
                if phrase is not None:
                    a, b = phrase.span()
                    text = text[:a] + " " * (b - a) + text[b:]
        scores = []
        for index, starts in found.items():
            category = self.categories[index]
            score = category.score(text, starts)
            if score:
                scores.append((score, -index, category))
        return tuple(scores)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def categorize(self, text: str) -> str:
        """The best-scoring category id for ``text`` (``"other"`` when nothing matches).

        Examples
        --------
        >>> load_taxonomy().categorize("The e-commerce department was merged into a new unit.")
        'reorganization'
        """
        return self.categories_of(text)[0]

    def evidence(self, text: str) -> int:
        """The best score of a category that is no fallback: how clearly ``text`` tells of
        some kind of event (a strong keyword scores :data:`STRONG_WEIGHT`).

        >>> load_taxonomy().evidence("He will be succeeded by Raj Menon.")
        3
        >>> load_taxonomy().evidence("The weather was nice.")
        0
        """
        return self.strongest(text)[1]

    def strongest(self, text: str) -> tuple[str, int]:
        """The best-scoring category that is no fallback and its score; ``("other", 0)``
        when none scores.

        >>> load_taxonomy().strongest("Acme opened a store in Osaka.")
        ('launch', 1)
        >>> load_taxonomy().strongest("It announced the plan.")  # a fallback only
        ('other', 0)
        """
        scores = [(s, i, c) for s, i, c in self._scores(text) if not c.fallback]
        if not scores:
            return OTHER, 0
        score, _, category = max(scores)
        return category.id, score

    def categories_of(self, text: str) -> tuple[str, ...]:
        """The category ids ``text`` falls in, best first: the best scoring, and a second
        that scores a strong keyword and at least half as much; a fallback category only
        when no other scores; ``("other",)`` when nothing matches.

        Examples
        --------
        >>> load_taxonomy().categories_of("It reorganized the unit under a new chief executive.")
        ('reorganization', 'personnel')
        >>> load_taxonomy().categories_of("It announced a partnership with Birch.")
        ('partnership',)
        """
        return self.judged(text)[0]

    def judged(self, text: str) -> tuple[tuple[str, ...], int]:
        """:meth:`categories_of` and :meth:`evidence` of ``text``, scored once.

        >>> load_taxonomy().judged("It announced a partnership with Birch.")
        (('partnership',), 3)
        """
        scores = self._scores(text)
        clear = sorted(((s, i, c) for s, i, c in scores if not c.fallback), reverse=True)
        evidence = clear[0][0] if clear else 0
        return self._ranked(clear or sorted(scores, reverse=True)), evidence

    @staticmethod
    def _ranked(ranked: list[tuple[int, int, Category]]) -> tuple[str, ...]:
        """The best-scoring category id and a second close to it (see :meth:`categories_of`)."""
        if not ranked:
            return (OTHER,)
        best = ranked[0]
        chosen = [best[2].id]
        if len(ranked) > 1:
            score = ranked[1][0]
            if score >= STRONG_WEIGHT and 2 * score >= best[0]:
                chosen.append(ranked[1][2].id)
        return tuple(chosen)


_WORD = re.compile(r"\w+")
# how many first letters index the prefixes
_HEAD = 3


@dataclass(frozen=True, slots=True)
class _Starts:
    """Where a keyword of some category may start in a text, and of which categories: at a
    word that is the first word of a keyword (or begins like a keyword ending in *), or
    where a keyword of a script without spaces matches. Found once for all categories:
    scanning each category's regexes over the whole text cost more than all the rest of the
    event stage."""

    firsts: dict[str, frozenset[int]]
    # the prefixes (keywords "acquir*"), by their first three letters: a word is tested
    # against the few sharing its own
    prefixes: dict[str, tuple[tuple[str, frozenset[int]], ...]]
    short: tuple[tuple[str, frozenset[int]], ...]  # prefixes of fewer letters, tried always
    unspaced: re.Pattern[str] | None
    unspaced_categories: frozenset[int]

    @classmethod
    def of(cls, categories: Sequence[Category]) -> _Starts:
        firsts: dict[str, set[int]] = {}
        prefixes: dict[str, set[int]] = {}
        unspaced: list[str] = []
        unspaced_categories: set[int] = set()
        for index, category in enumerate(categories):
            for word in category.words:
                if packs.unspaced(word[0]):
                    unspaced.append(re.escape(word.rstrip("*")))
                    unspaced_categories.add(index)
                    continue
                first = _WORD.match(word.lower())
                if first is None:
                    continue
                whole = first.end() == len(word.rstrip("*")) and word.endswith("*")
                (prefixes if whole else firsts).setdefault(first.group(), set()).add(index)
        pattern = re.compile("|".join(unspaced), re.IGNORECASE) if unspaced else None
        heads: dict[str, list[tuple[str, frozenset[int]]]] = {}
        short = []
        for prefix, of in sorted(prefixes.items()):
            if len(prefix) < _HEAD:
                short.append((prefix, frozenset(of)))
            else:
                heads.setdefault(prefix[:_HEAD], []).append((prefix, frozenset(of)))
        return cls(
            {w: frozenset(c) for w, c in firsts.items()},
            {head: tuple(found) for head, found in heads.items()},
            tuple(short),
            pattern,
            frozenset(unspaced_categories),
        )

    def find(self, text: str) -> dict[int, list[int]]:
        """Per category that may match in ``text``: where its keywords may start."""
        starts: dict[int, list[int]] = {}
        for m in _WORD.finditer(text):
            word = m.group().lower()
            found = self.firsts.get(word)
            if found is not None:
                for index in found:
                    starts.setdefault(index, []).append(m.start())
            tried = self.prefixes.get(word[:_HEAD], ())
            for prefix, of in (*tried, *self.short) if self.short else tried:
                if word.startswith(prefix):
                    for index in of:
                        at = starts.setdefault(index, [])
                        if not at or at[-1] != m.start():
                            at.append(m.start())
        if self.unspaced is not None:
            found_unspaced = [m.start() for m in self.unspaced.finditer(text)]
            if found_unspaced:
                for index in self.unspaced_categories:
                    starts[index] = sorted({*starts.get(index, []), *found_unspaced})
        return starts


def _words(row: dict[str, object], key: str, name: str) -> list[str]:
    """A category's ``key`` list: non-empty strings, or :class:`ResourceError` (a string
    would otherwise become one-letter keywords)."""
    words = row.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        where = f"category {row['id']!r}: " if "id" in row else ""
        msg = (
            f"{name}: {where}{key} must be a list of non-empty strings, "
            f'such as {key} = ["launch", "unveil*"]'
        )
        raise ResourceError(msg)
    return [str(w) for w in words]


def parse_taxonomy(source: str, *, name: str = "taxonomy.toml") -> Taxonomy:
    """Build a taxonomy from TOML text; :class:`ResourceError` names what is wrong.

    The file replaces the shipped categories, or, with ``extend = true`` at its top, adds
    to them (a category of the same id replaces the shipped one)."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        msg = f"{name}: invalid TOML: {exc}"
        raise ResourceError(msg) from None
    categories: list[Category] = []
    for row in data.get("category", []):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            msg = f"{name}: every [[category]] needs an id"
            raise ResourceError(msg)
        if any(c.id == row["id"] for c in categories):
            msg = f"{name}: category {row['id']!r} is defined twice"
            raise ResourceError(msg)
        categories.append(
            Category(
                id=row["id"],
                label=str(row.get("label", row["id"].title())),
                strong=_pattern(_words(row, "strong", name)),
                weak=_pattern(_words(row, "keywords", name)),
                fallback=row.get("fallback") is True,
                examples=tuple(_words(row, "examples", name)),
                words=tuple(_words(row, "strong", name) + _words(row, "keywords", name)),
            )
        )
    if not categories:
        msg = f"{name}: no [[category]] tables"
        raise ResourceError(msg)
    ignored = _words(data, "ignore", name)
    if data.get("extend") is True:
        # add to the shipped categories: a category of the same id replaces the shipped one,
        # new ones are scored first
        own = {c.id for c in categories}
        shipped = load_taxonomy()
        categories += [c for c in shipped.categories if c.id not in own]
        ignored = ignored or list(shipped.ignored)
    if OTHER not in {c.id for c in categories}:
        categories.append(Category(OTHER, "Other", None, None))
    else:  # "other" scores nothing and is listed last
        categories = [c for c in categories if c.id != OTHER] + [
            next(c for c in categories if c.id == OTHER)
        ]
    return Taxonomy(tuple(categories), tuple(ignored))


@cache
def load_taxonomy(path: str | None = None, *, lang: str = "en") -> Taxonomy:
    """The taxonomy of language ``lang``'s pack (``timeline/lang/CODE/taxonomy.toml``), or
    the one in ``path``."""
    if path is None:
        text = packs.pack(lang).file("taxonomy.toml").read_text("utf-8")
        return parse_taxonomy(text, name=f"lang/{lang}/taxonomy.toml")
    return parse_taxonomy(read_user_file(path, "taxonomy"), name=str(path))


@packs.on_change
def _clear() -> None:
    load_taxonomy.cache_clear()
