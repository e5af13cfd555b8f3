"""Event categories kept as data (a language pack's ``taxonomy.toml``) and the keyword scorer."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from timeline import lang as packs
from timeline.datafiles import read_user_file
from timeline.errors import ResourceError

OTHER = "other"
STRONG_WEIGHT = 3


@dataclass(frozen=True, slots=True)
class Category:
    """One category and the compiled patterns that vote for it."""

    id: str
    label: str
    strong: re.Pattern[str] | None
    weak: re.Pattern[str] | None
    fallback: bool = False  # wins only when no other category scores
    examples: tuple[str, ...] = ()  # clauses it must win

    def score(self, text: str) -> int:
        """Strong keywords found count :data:`STRONG_WEIGHT`, others 1 (each once)."""
        score = 0
        if self.strong is not None:
            found = list(self.strong.finditer(text))
            score += STRONG_WEIGHT * len({m.group().lower() for m in found})
            for m in reversed(found):  # a weak keyword inside a strong one counts no more
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
        if self.weak is not None:
            score += len({m.lower() for m in self.weak.findall(text)})
        return score


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    """One regex of keywords, each a whole word where its script has spaces between words
    ("launch" is not in "relaunched"), anywhere where it has none ("推出" in "推出了")."""
    if not words:
        return None
    spaced: list[str] = []
    unspaced: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        bare = word.rstrip("*")
        body = re.escape(bare).replace(r"\ ", r"\s+").replace("'", "['’]")
        after = r"\w*" if word.endswith("*") else ("" if packs.unspaced(bare[-1]) else r"\b")
        (unspaced if packs.unspaced(bare[0]) else spaced).append(body + after)
    # the spaced ones share one look-behind, so that the regex engine tries them at once
    parts = ([r"(?<!\w)(?:" + "|".join(spaced) + ")"] if spaced else []) + unspaced
    return re.compile("(?:" + "|".join(parts) + ")", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Ordered categories; :meth:`categorize` picks one for a text."""

    categories: tuple[Category, ...]

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
        return max((c.score(text) for c in self.categories if not c.fallback), default=0)

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
        scores = [(c.score(text), -i, c) for i, c in enumerate(self.categories)]
        ranked = sorted(
            ((s, i, c) for s, i, c in scores if s > 0 and not c.fallback), reverse=True
        ) or sorted(((s, i, c) for s, i, c in scores if s > 0), reverse=True)
        if not ranked:
            return (OTHER,)
        best = ranked[0]
        chosen = [best[2].id]
        if len(ranked) > 1:
            score = ranked[1][0]
            if score >= STRONG_WEIGHT and 2 * score >= best[0]:
                chosen.append(ranked[1][2].id)
        return tuple(chosen)


def _words(row: dict[str, object], key: str, name: str) -> list[str]:
    """A category's ``key`` list: non-empty strings, or :class:`ResourceError` (a string
    would otherwise become one-letter keywords)."""
    words = row.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        msg = (
            f"{name}: category {row['id']!r}: {key} must be a list of non-empty strings, "
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
            )
        )
    if not categories:
        msg = f"{name}: no [[category]] tables"
        raise ResourceError(msg)
    if data.get("extend") is True:
        # add to the shipped categories: a category of the same id replaces the shipped one,
        # new ones are scored first
        own = {c.id for c in categories}
        categories += [c for c in load_taxonomy().categories if c.id not in own]
    if OTHER not in {c.id for c in categories}:
        categories.append(Category(OTHER, "Other", None, None))
    else:  # "other" scores nothing and is listed last
        categories = [c for c in categories if c.id != OTHER] + [
            next(c for c in categories if c.id == OTHER)
        ]
    return Taxonomy(tuple(categories))


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
