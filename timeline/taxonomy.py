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
# a category that scores in a text: its score, its place in the taxonomy, itself, and the
# spans of its strong keywords
_Scored = tuple[int, int, "Category", tuple[tuple[int, int], ...]]
# the order of categories: score, then (how it stands to the predicate: 2 its head keyword,
# 1 named after the predicate's verb, 0 only before; its place, negated)
_Ranked = tuple[int, tuple[int, int], "Category"]


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

    def score(self, text: str, starts: Sequence[int]) -> tuple[int, tuple[tuple[int, int], ...]]:
        """Strong keywords found count :data:`STRONG_WEIGHT`, others 1 (each once); a weak
        keyword inside a strong one counts no more; and the spans of the strong ones.
        ``starts``: where the category's
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
        return STRONG_WEIGHT * len(strong) + len(weak), tuple(spans)


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
    _memo: dict[str, tuple[_Scored, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # (the ignored phrases are one more "category" of the word scan: looked for only
        # where one may start)
        pseudo = Category("", "", None, None, words=self.ignored)
        object.__setattr__(self, "starts", _Starts.of((*self.categories, pseudo)))
        object.__setattr__(self, "_ignored", _pattern(list(self.ignored)))
        object.__setattr__(self, "_memo", {})

    def _scores(self, text: str) -> tuple[_Scored, ...]:
        """(score, -index, category) of each category that scores in ``text``."""
        scores = self._memo.get(text)
        if scores is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            scores = self._memo[text] = self._scored(text)
        return scores

    def _scored(self, text: str) -> tuple[_Scored, ...]:
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
            score, strong = category.score(text, starts)
            if score:
                scores.append((score, index, category, strong))
        return tuple(scores)

    def _ranked_scores(self, text: str, predicate: int | None, *, fallback: bool) -> list[_Ranked]:
        """The categories scoring in ``text``, best first (no fallback unless ``fallback``),
        equal scores in taxonomy order; or, given ``predicate`` (where the clause's verb
        is), equal scores go first to the head keyword (:func:`_head`), then to a kind
        named after the verb before one named only in the subject: the predicate and its
        object tell the kind ("the board of directors authorized a buyback" is no personnel
        event; "launched Instant Payouts, letting merchants receive card settlements" is a
        launch; "opened an investigation" is no launch)."""
        scored = [s for s in self._scores(text) if fallback or not s[2].fallback]
        if not scored:
            return []
        head = None
        if predicate is not None:
            top = max(s[0] for s in scored)
            head = _head(
                text,
                [(a, b, s[1]) for s in scored if s[0] == top for a, b in s[3] if a >= predicate],
            )
        ranked: list[_Ranked] = []
        for score, index, category, strong in scored:
            if predicate is None:
                place = 0
            else:
                place = 2 if index == head else int(any(a >= predicate for a, _ in strong))
            ranked.append((score, (place, -index), category))
        return sorted(ranked, key=lambda r: (r[0], r[1]), reverse=True)

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

    def strongest(self, text: str, predicate: int | None = None) -> tuple[str, int]:
        """The best-scoring category that is no fallback and its score; ``("other", 0)``
        when none scores. ``predicate``: where the clause's verb is (ties: see
        :meth:`_ranked_scores`).

        >>> load_taxonomy().strongest("Acme opened a store in Osaka.")
        ('launch', 1)
        >>> load_taxonomy().strongest("It announced the plan.")  # a fallback only
        ('other', 0)
        """
        scores = self._ranked_scores(text, predicate, fallback=False)
        if not scores:
            return OTHER, 0
        score, _, category = scores[0]
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

    def judged(self, text: str, predicate: int | None = None) -> tuple[tuple[str, ...], int]:
        """:meth:`categories_of` and :meth:`evidence` of ``text``, scored once;
        ``predicate``: where the clause's verb is (ties: see :meth:`_ranked_scores`).

        >>> load_taxonomy().judged("It announced a partnership with Birch.")
        (('partnership',), 3)
        """
        clear = self._ranked_scores(text, predicate, fallback=False)
        evidence = clear[0][0] if clear else 0
        ranked = clear or self._ranked_scores(text, predicate, fallback=True)
        return self._ranked(ranked), evidence

    @staticmethod
    def _ranked(ranked: list[_Ranked]) -> tuple[str, ...]:
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


# a keyword this many words before another, with no punctuation between, leads to it: the
# other is the head ("launching a tender offer", "opened a non-compliance investigation")
_LEADS_TO = 2
_PUNCTUATION = re.compile(r"[^\w\s'’-]")


def _head(text: str, spans: list[tuple[int, int, int]]) -> int | None:
    """Of (start, end, category) keyword spans, the category of the head keyword: the first
    one, or the one a light verb or a modifier before it leads to (:data:`_LEADS_TO`);
    ``None`` when there are none.

    >>> _head("is weighing launching a tender offer", [(12, 21, 1), (24, 36, 0)])
    0
    >>> _head("launched Payouts, letting merchants receive settlements", [(0, 8, 1), (44, 55, 3)])
    1
    """
    if not spans:
        return None
    ordered = sorted(spans)
    _, end, head = ordered[0]
    for a, b, index in ordered[1:]:
        if a < end:
            continue  # inside the keyword leading
        between = text[end:a]
        if len(between.split()) > _LEADS_TO or _PUNCTUATION.search(between):
            break
        end, head = b, index
    return head


_WORD = re.compile(r"\w+")
# how many first letters index the prefixes
_HEAD = 3
_WORD_MEMO = 20_000  # words whose categories are kept


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
    # the categories found for words met lately (see :meth:`_of_word`)
    memo: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

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
        of_word = self._of_word
        for m in _WORD.finditer(text):
            found = of_word(m.group())
            if found:
                position = m.start()
                for index in found:
                    starts.setdefault(index, []).append(position)
        if self.unspaced is not None:
            found_unspaced = [m.start() for m in self.unspaced.finditer(text)]
            if found_unspaced:
                for index in self.unspaced_categories:
                    starts[index] = sorted({*starts.get(index, []), *found_unspaced})
        return starts

    def _of_word(self, word: str) -> tuple[int, ...]:
        """The categories a keyword of which may start at ``word`` (kept per word: a text's
        words are mostly words met before)."""
        found = self.memo.get(word)
        if found is None:
            lower = word.lower()
            of = set(self.firsts.get(lower, ()))
            for prefix, categories in (*self.prefixes.get(lower[:_HEAD], ()), *self.short):
                if lower.startswith(prefix):
                    of |= categories
            if len(self.memo) >= _WORD_MEMO:
                self.memo.clear()
            found = self.memo[word] = tuple(sorted(of))
        return found


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
    else:  # "other" is listed last: it wins only what no other category scores more
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
