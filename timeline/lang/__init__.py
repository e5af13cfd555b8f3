"""Language packs: everything that is a language, as data, one folder a language.

A pack is a folder ``CODE/`` holding ``pack.toml`` (its settings: name, scripts, word
boundaries, sentence rules, date order) and the data every stage reads for that language:

=====================  ==================================================================
``rules.toml``         temporal rules (regexes with ``{lexicon}`` placeholders, examples)
``lexicon/*.tsv``      the word lists the rules use (months, numbers, tense markers...)
``festivals.toml``     the festivals' names (their dates are language-neutral, in
                       ``timeline/temporal/data/festivals.toml``) and lunar-context words
``taxonomy.toml``      event categories, their keywords and example clauses
``events.toml``        how clauses become events: clause and predicate splits, asides,
                       headings, boilerplate and opinion cues, status cues, title rules
``fiscal.toml``        (optional) how a text states its fiscal year
``subject.toml``       (optional) how a text says which year it reviews
``words/*.txt``        event and actor word lists: tie words, framing cues, subject words,
                       actor stop-words, places, regions, demonyms, organization words,
                       abbreviations and sentence starters
``code.py``            (optional) what is truly code in the language: functions named in
                       :data:`HOOKS`
=====================  ==================================================================

The shipped packs are the folders of this package (``en``); :func:`add_folder` adds the
packs in another folder (a user's, or the test suite's). :func:`detect` picks a pack for a
text from its script.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType
from typing import Any

from timeline.errors import ResourceError

# what the ``code.py`` of a pack may define (each optional; the stage's default otherwise)
HOOKS = ("names",)
# word boundaries a pack can ask for: before and after a word of the rules and lists
BOUNDARIES = {
    # letters, digits, apostrophes make words; a word starts after none of them
    "latin": (r"(?<![\w'’])", r"(?![\w'’])"),
    # no spaces between words (Chinese, Japanese): a word may start anywhere
    "none": ("", ""),
}
_folders: list[Path] = []


@dataclass(frozen=True, slots=True)
class SentenceRules:
    """How the pack's text splits into sentences (see :mod:`timeline.reading`)."""

    terminators: str  # characters that may end a sentence (".!?…", "。！？")
    closers: str  # characters that may follow them and still belong to it (quotes)
    openers: str  # characters that may open the next one (quotes, brackets)
    space_after: bool  # a space must follow the end (English) or need not (Chinese)
    abbreviations: frozenset[str]  # lower case, without the final period ("mr", "u.s")
    never_end: frozenset[str]  # abbreviations a sentence never ends with ("mr", "dr")
    starters: frozenset[str]  # words that open sentences: after an abbreviation, a new one
    longest: int  # a sentence longer than this (characters) is cut at its lines


@dataclass(frozen=True)
class Pack:
    """One language's settings and the way to its data files."""

    code: str
    name: str
    scripts: tuple[str, ...]  # Unicode script names of its text ("Latin", "Han")
    folder: Traversable
    boundary: tuple[str, str]  # regex lookarounds before and after a word
    date_order: str  # for numeric dates: "MDY", "DMY", "YMD"
    dateparser: tuple[str, ...]  # dateparser's language codes for written-out dates
    sentences: SentenceRules
    settings: dict[str, Any] = field(repr=False, compare=False)
    hooks: dict[str, Callable[..., Any]] = field(default_factory=dict, repr=False, compare=False)

    def file(self, *parts: str) -> Traversable:
        """A data file of the pack."""
        path = self.folder
        for part in parts:
            path = path / part
        return path

    def words(self, name: str) -> tuple[str, ...]:
        """The phrases of ``words/NAME.txt``: one a line, ``#`` starts a comment line; an
        empty list when the pack has no such file."""
        return _words(self.folder, name)

    def alternation(self, name: str) -> str:
        """A regex alternation of the phrases of ``words/NAME.txt`` (:func:`alternation`)."""
        return alternation(self.words(name))

    def toml(self, name: str) -> dict[str, Any] | None:
        """The pack's data file ``name`` read as TOML; None when the pack has none; a
        :class:`ResourceError` naming the file when it is no valid TOML."""
        path = self.file(name)
        if not path.is_file():
            return None
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            msg = f"lang/{self.code}/{name}: TOMLDecodeError: {exc}"
            raise ResourceError(msg) from None

    def word_regex(self, body: str) -> str:
        """``body`` as a whole word of this language."""
        before, after = self.boundary
        return f"{before}(?:{body}){after}"

    def hook(self, name: str, default: Callable[..., Any]) -> Callable[..., Any]:
        """The pack's own function ``name`` (of :data:`HOOKS`), else ``default``."""
        return self.hooks.get(name, default)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (phrases), any spacing between their words; one
    that never matches for none.

    >>> print(alternation(["soon after", "then"]))
    soon\\s+after|then
    """
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) or r"(?!x)x"


def _words(folder: Traversable, name: str) -> tuple[str, ...]:
    path = folder / "words" / f"{name}.txt"
    if not path.is_file():
        return ()
    text = path.read_text(encoding="utf-8")
    return tuple(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _roots() -> Iterator[Traversable]:
    yield from reversed(_folders)  # added folders first: a user's pack may replace ours
    yield resources.files("timeline.lang")


def add_folder(path: str | Path) -> None:
    """Add the packs in ``path`` (folders ``CODE/`` with a ``pack.toml``) to those
    :func:`pack` finds; a pack there replaces a shipped one of the same code."""
    folder = Path(path)
    if not folder.is_dir():
        msg = f"no such folder of language packs: {folder}"
        raise ResourceError(msg)
    _folders.append(folder)
    pack.cache_clear()
    codes.cache_clear()
    _on_change()


def remove_folder(path: str | Path) -> None:
    """Forget the packs of a folder :func:`add_folder` added."""
    folder = Path(path)
    if folder in _folders:
        _folders.remove(folder)
    pack.cache_clear()
    codes.cache_clear()
    _on_change()


# caches of the stages built from packs, cleared when packs are added (see add_folder)
_CLEARED: list[Callable[[], None]] = []


def on_change(clear: Callable[[], None]) -> Callable[[], None]:
    """Register a cache to clear when the packs change (a decorator's friend: returns
    ``clear``)."""
    _CLEARED.append(clear)
    return clear


def _on_change() -> None:
    for clear in _CLEARED:
        clear()


@cache
def codes() -> tuple[str, ...]:
    """The codes of every pack found, sorted."""
    found = set()
    for root in _roots():
        for child in root.iterdir():
            if child.is_dir() and (child / "pack.toml").is_file():
                found.add(child.name)
    return tuple(sorted(found))


def _setting(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        msg = f"{where}: missing {key!r}"
        raise ResourceError(msg)
    value = data[key]
    if not isinstance(value, kind):
        msg = f"{where}: {key!r} must be a {kind.__name__}"
        raise ResourceError(msg)
    return value


def _hooks(folder: Traversable, code: str) -> dict[str, Callable[..., Any]]:
    source = folder / "code.py"
    if not source.is_file():
        return {}
    spec = importlib.util.spec_from_file_location(f"timeline.lang.{code}.code", str(source))
    if spec is None or spec.loader is None:  # pragma: no cover - a file is always loadable
        return {}
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in HOOKS if callable(getattr(module, name, 0))}


@cache
def pack(code: str) -> Pack:
    """The pack of language ``code`` (a :class:`ResourceError` naming the known ones when
    there is none)."""
    for root in _roots():
        folder = root / code
        if (folder / "pack.toml").is_file():
            return _load(folder, code)
    msg = f"no language pack {code!r}; known: {', '.join(codes())}"
    raise ResourceError(msg)


def _load(folder: Traversable, code: str) -> Pack:
    where = f"lang/{code}/pack.toml"
    try:
        data = tomllib.loads((folder / "pack.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        msg = f"{where}: invalid TOML: {exc}"
        raise ResourceError(msg) from None
    if data.get("code") != code:
        msg = f"{where}: code = {data.get('code')!r}, but the folder is {code!r}"
        raise ResourceError(msg)
    boundary = _setting(data, "boundary", str, where)
    if boundary not in BOUNDARIES:
        msg = f"{where}: boundary {boundary!r} is not one of {', '.join(BOUNDARIES)}"
        raise ResourceError(msg)
    split = _setting(data, "sentences", dict, where)
    abbreviations = frozenset(w.lower().rstrip(".") for w in _words(folder, "abbreviations"))
    never = frozenset(w.lower().rstrip(".") for w in _words(folder, "abbreviations_never_end"))
    rules = SentenceRules(
        terminators=_setting(split, "terminators", str, where),
        closers=str(split.get("closers", "")),
        openers=str(split.get("openers", "")),
        space_after=bool(split.get("space_after", True)),
        abbreviations=abbreviations | never,
        never_end=never,
        starters=frozenset(w.lower() for w in _words(folder, "sentence_starters")),
        longest=int(split.get("longest", 2000)),
    )
    dates = data.get("dates", {})
    return Pack(
        code=code,
        name=_setting(data, "name", str, where),
        scripts=tuple(_setting(data, "scripts", list, where)),
        folder=folder,
        boundary=BOUNDARIES[boundary],
        date_order=str(dates.get("order", "MDY")),
        dateparser=tuple(dates.get("dateparser", [code])),
        sentences=rules,
        settings=data,
        hooks=_hooks(folder, code),
    )


# the letters of each script a pack may name, as regex character ranges (Unicode blocks)
SCRIPTS = {
    "Latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "Hiragana": "\u3040-\u309f",
    "Katakana": "\u30a0-\u30ff",
    "Hangul": "\uac00-\ud7af\u1100-\u11ff",
    "Cyrillic": "\u0400-\u04ff",
    "Greek": "\u0370-\u03ff",
    "Arabic": "\u0600-\u06ff",
    "Hebrew": "\u0590-\u05ff",
    "Devanagari": "\u0900-\u097f",
    "Thai": "\u0e00-\u0e7f",
}
_SCRIPT_RES = {name: re.compile(f"[{ranges}]") for name, ranges in SCRIPTS.items()}


def script(char: str) -> str | None:
    """The script of a letter, of those :data:`SCRIPTS` knows ("Latin", "Han"...); None
    for anything else."""
    for name, pattern in _SCRIPT_RES.items():
        if pattern.match(char):
            return name
    return None


# scripts written without spaces between words: a word of them may start anywhere
UNSPACED = frozenset({"Han", "Hiragana", "Katakana", "Thai"})


# the capital letters of Latin script, for a regex character class ("Henrik Östberg", "Łódź")
LATIN_CAPITALS = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĪĮİĴĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŪŮŰŲŴŶŸŹŻŽ"


def unspaced(char: str) -> bool:
    """Is ``char`` a letter of a script written without spaces between words?"""
    return script(char) in UNSPACED


AUTO = "auto"


def known(code: str | None) -> str | None:
    """The pack code of a language tag ("en", "en-US", "EN_gb" → "en"), None when no pack
    is of that language."""
    if not code:
        return None
    primary = code.replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in codes() else None


def choose(lang: str, text: str, given: str | None = None) -> str:
    """The pack a text is read with: ``lang`` when it names one; for ``"auto"``, the
    language the document says it is in (``given``: front matter, HTML, JSONL), when a pack
    is of it, else the one :func:`detect` finds."""
    if lang != AUTO:
        return lang
    return known(given) or detect(text)


def detect(text: str, *, sample: int = 20_000) -> str:
    """The pack for ``text``: the one whose script most of its letters are in (the first
    ``sample`` characters are looked at); English when no pack's script is in the majority.

    >>> detect("In March 2023 Acme opened a store.")
    'en'
    """
    head = text[:sample]
    by_script: dict[str, str] = {}
    for code in codes():
        for name in pack(code).scripts:
            by_script.setdefault(name, code)
    if head.isascii():  # the common case, at C speed: Latin letters or none
        return by_script.get("Latin", "en")
    counts = Counter(
        {name: len(_SCRIPT_RES[name].findall(head)) for name in by_script if name in _SCRIPT_RES}
    )
    for name, count in counts.most_common():
        if count:
            return by_script[name]
    return "en"
