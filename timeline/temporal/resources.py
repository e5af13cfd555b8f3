"""Load and validate a language's temporal data: rules, lexicons, festivals, tense words.

Everything the tagger knows about a language lives in its pack (``timeline/lang/CODE/``:
``rules.toml``, ``lexicon/*.tsv``, ``festivals.toml`` for the festivals' names); the
festivals' dates are language-neutral (``data/festivals.toml`` here). This module turns
those files into compiled, validated objects. Invalid data fails at load time with a
:class:`~timeline.errors.ResourceError` naming the file and the rule.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from timeline import lang as packs
from timeline.errors import ResourceError
from timeline.temporal.literals import required

KINDS = frozenset(
    {
        "calendar",
        "relative",
        "weekday",
        "era",
        "duration",
        "ref",
        "set",
        "parsed",
        "same_period",
        "time_of_day",
    }
)
FESTIVAL_KINDS = frozenset({"fixed", "lunar", "nth_weekday", "easter", "after", "solar_term"})
# The solar terms a festival of kind "solar_term" can name, each with the name lunar-python's
# table of solar terms (Lunar.getJieQiTable) gives it. Add one only with a test that it comes
# out in the asked year: that table runs from the previous December to the next March, and
# under its Chinese name 冬至 is the previous December's.
SOLAR_TERMS: Mapping[str, str] = {"qingming": "清明"}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z_0-9]*)\}")
_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z_0-9]*)>")


def normalize_key(surface: str) -> str:
    """The lookup key of a lexicon surface or a matched text: lower case, straight
    apostrophes, single spaces."""
    return " ".join(surface.replace("’", "'").lower().split())


def lexicon_name(group: str) -> str:
    """A regex group names its lexicon; trailing digits tell two groups apart (month2)."""
    return group.rstrip("0123456789")


@dataclass(frozen=True, slots=True)
class Example:
    """An executable example of a rule: ``text`` at ``ref`` has a mention worth ``value``."""

    text: str
    ref: date
    value: str
    mod: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One extraction rule. The mention is the regex group ``m`` if the pattern has one,
    else the whole match (so context such as a preposition can be matched but not kept)."""

    id: str
    regex: re.Pattern[str]
    needs: str
    kind: str
    fields: tuple[tuple[str, str], ...]
    capitalized: tuple[str, ...]
    examples: tuple[Example, ...]
    # strings one of which every match contains (lower-cased; empty: none known): where none
    # is, the rule is not run (timeline.temporal.literals)
    required: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Festival:
    """A festival or holiday and how its date is computed (see festivals.toml)."""

    id: str
    names: tuple[str, ...]
    kind: str
    month: int = 0
    day: int = 0
    weekday: int = 0
    n: int = 0
    offset: int = 0
    of: str | None = None
    lunar_variant: str | None = None
    term: str | None = None
    band: bool = False


@dataclass(frozen=True, slots=True)
class Resources:
    """All language data for one language, compiled."""

    rules: tuple[Rule, ...]
    lexicons: Mapping[str, Mapping[str, str]]
    festivals: Mapping[str, Festival]
    lunar_context: re.Pattern[str]
    tense: Mapping[str, str]
    tense_words: re.Pattern[str]
    tense_prep: Mapping[str, str]
    tense_prep_words: re.Pattern[str]
    trigger: Triggers
    not_past: frozenset[str]
    # words between a marker and its participle ("will be held")
    auxiliary: frozenset[str]
    # a determiner right before a word: it is a noun or adjective ("the plan")
    determiner_before: re.Pattern[str]
    # a word that opens another clause ("that", "which")
    clause_break: re.Pattern[str]
    # a reporting verb right before a date: it is when that was said ("Castro said Sunday")
    reported_before: re.Pattern[str]
    # how written-out dates are read: dateparser's languages, numeric order ("MDY")
    dateparser: tuple[str, ...] = ("en",)
    date_order: str = "MDY"
    # in a date phrase: the date is on the text's fiscal calendar ("fiscal 2025", "FY2026")
    fiscal: re.Pattern[str] | None = None
    # right before a date: it is a deadline ("by the end of 2027"), whose year puts nothing
    # in focus
    deadline: re.Pattern[str] | None = None
    # right after a deadline's date: what had been done by then ("By Wednesday it had
    # processed ..."): the date lies behind
    completed: re.Pattern[str] | None = None
    # right before a date: a state that lasts from then up to now ("has had a hiring freeze
    # in place since January"): the date is the latest such, whatever year is in focus
    lasting: re.Pattern[str] | None = None
    # a verb whose past is its present form, after a singular subject ("Acme cut prices",
    # "It set a target"): past (the present would end in -s); matched as cased
    bare_past: re.Pattern[str] | None = None
    # before a date within its sentence: it is inside an aside about a name (", which was
    # founded in 2011"), whose year puts nothing in focus
    background: re.Pattern[str] | None = None

    def is_verb(self, word: str, kinds: tuple[str, ...]) -> bool:
        """Is the lower-case ``word`` a tense marker of one of ``kinds`` (the tense lexicon),
        or a past form by its ending ("merged") that is no exception?"""
        kind = self.tense.get(word)
        if kind is not None:
            return kind in kinds
        past = word not in self.not_past and self.tense_words.fullmatch(word) is not None
        return "PAST" in kinds and past

    def lookup(self, group: str, text: str) -> str:
        """Canonical value of ``text`` matched by regex group ``group``: its lexicon entry,
        else the text itself (digits in a ``number`` group, a group with no lexicon)."""
        lexicon = self.lexicons.get(lexicon_name(group), {})
        return lexicon.get(normalize_key(text), text.strip())


def _data_dir() -> Traversable:
    return resources.files("timeline.temporal") / "data"


def _read_tsv(path: Traversable) -> dict[str, str]:
    table: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) == 1:
            cells.append(cells[0])
        if len(cells) != 2 or not cells[0].strip():
            msg = f"{path.name}:{number}: expected 'surface<TAB>value', found {raw!r}"
            raise ResourceError(msg)
        key = normalize_key(cells[0])
        if key in table and table[key] != cells[1].strip():
            msg = f"{path.name}:{number}: {cells[0]!r} is listed twice with different values"
            raise ResourceError(msg)
        table[key] = cells[1].strip()
    return table


def _atoms(surface: str) -> list[str]:
    """Regex atoms of one surface: characters, any run of spaces, either apostrophe."""
    atoms = []
    for char in surface:
        if char == " ":
            atoms.append(r"\s+")
        elif char in "'’":
            atoms.append("['’]")
        else:
            atoms.append(re.escape(char))
    return atoms


def _alternation(surfaces: list[str]) -> str:
    """A regex matching any of ``surfaces``, longest first, tolerant of spacing and
    apostrophes. Built as a trie ("jan(?:uary|\\.)?") so that the regex engine rejects
    a position after one character instead of trying every surface in turn."""
    if not surfaces:
        return "(?:(?!x)x)"  # no surface: it never matches (an empty group would match "")
    trie: dict[str, Any] = {}
    for surface in set(surfaces):
        node = trie
        for atom in _atoms(surface):
            node = node.setdefault(atom, {})
        node[""] = {}  # a surface ends here

    def emit(node: dict[str, Any]) -> str:
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"


def _load_toml(path: Traversable) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        msg = f"{path.name}: invalid TOML: {exc}"
        raise ResourceError(msg) from exc


def _load_festivals(
    path: Traversable, names_path: Traversable
) -> tuple[dict[str, Festival], list[str]]:
    """The festivals (their dates from ``path``, their names in the language from
    ``names_path``) and the language's lunar-context words."""
    data = _load_toml(path)
    language = _load_toml(names_path) if names_path.is_file() else {}
    names: dict[str, Any] = language.get("names", {})
    unknown = sorted(set(names) - {row.get("id") for row in data.get("festival", [])})
    if unknown:
        msg = f"{names_path.name}: names for unknown festivals {unknown}"
        raise ResourceError(msg)
    festivals: dict[str, Festival] = {}
    for row in data.get("festival", []):
        try:
            fest = Festival(**{**row, "names": tuple(names.get(row["id"], ()))})
        except (TypeError, KeyError) as exc:
            msg = f"{path.name}: festival {row.get('id', '?')!r}: {exc}"
            raise ResourceError(msg) from exc
        if fest.id in festivals:
            msg = f"{path.name}: festival id {fest.id!r} is defined twice"
            raise ResourceError(msg)
        if fest.kind not in FESTIVAL_KINDS:
            msg = f"{path.name}: festival {fest.id!r}: unknown kind {fest.kind!r}"
            raise ResourceError(msg)
        if fest.kind == "solar_term" and fest.term not in SOLAR_TERMS:
            msg = (
                f"{path.name}: festival {fest.id!r}: unknown solar term {fest.term!r}; "
                f"known: {', '.join(sorted(SOLAR_TERMS))}"
            )
            raise ResourceError(msg)
        festivals[fest.id] = fest
    for fest in festivals.values():
        for ref in (fest.of, fest.lunar_variant):
            if ref is not None and ref not in festivals:
                msg = f"{path.name}: festival {fest.id!r} refers to unknown festival {ref!r}"
                raise ResourceError(msg)
    return festivals, list(language.get("lunar_context", []))


def _example(rule_id: str, row: Mapping[str, Any]) -> Example:
    try:
        return Example(
            text=row["text"],
            ref=date.fromisoformat(row["ref"]),
            value=str(row["value"]),
            mod=row.get("mod"),
            start=date.fromisoformat(row["start"]) if "start" in row else None,
            end=date.fromisoformat(row["end"]) if "end" in row else None,
        )
    except (KeyError, ValueError) as exc:
        msg = f"rules.toml: rule {rule_id!r}: bad example {dict(row)!r}: {exc}"
        raise ResourceError(msg) from exc


def _compile_rule(
    row: Mapping[str, Any], expand: Mapping[str, str], triggers: Collection[str]
) -> Rule:
    rule_id = row.get("id", "?")
    where = f"rules.toml: rule {rule_id!r}"
    missing = [key for key in ("id", "needs", "pattern", "expr", "examples") if key not in row]
    if missing:
        msg = f"{where}: missing {', '.join(missing)}"
        raise ResourceError(msg)

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in expand:
            msg = f"{where}: unknown placeholder {{{name}}}; known: {', '.join(sorted(expand))}"
            raise ResourceError(msg)
        return expand[name]

    source = _PLACEHOLDER.sub(substitute, row["pattern"])
    flags = re.IGNORECASE | re.VERBOSE if row.get("verbose") else re.IGNORECASE
    try:
        regex = re.compile(source, flags)
    except re.error as exc:
        msg = f"{where}: pattern does not compile: {exc}"
        raise ResourceError(msg) from exc
    if regex.search("") is not None:
        msg = f"{where}: pattern matches the empty string"
        raise ResourceError(msg)
    expr = dict(row["expr"])
    kind = expr.pop("kind", None)
    if kind not in KINDS:
        msg = f"{where}: unknown expr kind {kind!r}; known: {', '.join(sorted(KINDS))}"
        raise ResourceError(msg)
    groups = set(regex.groupindex)
    fields: list[tuple[str, str]] = []
    for field, template in expr.items():
        text = str(template)
        for name in _PLACEHOLDER.findall(text):
            if name not in groups:
                msg = f"{where}: expr field {field!r} uses group {name!r} missing from the pattern"
                raise ResourceError(msg)
        fields.append((field, text))
    capitalized = tuple(row.get("capitalized", ()))
    for name in capitalized:
        if name not in groups:
            msg = f"{where}: capitalized group {name!r} is not in the pattern"
            raise ResourceError(msg)
    examples = tuple(_example(rule_id, ex) for ex in row["examples"])
    if not examples:
        msg = f"{where}: needs at least one example"
        raise ResourceError(msg)
    needs = row.get("needs")
    if not isinstance(needs, str) or needs not in triggers:
        msg = f"{where}: needs = {needs!r} is not a trigger; known: {', '.join(sorted(triggers))}"
        raise ResourceError(msg)
    return Rule(rule_id, regex, needs, kind, tuple(fields), capitalized, examples, required(regex))


@packs.on_change
def _clear() -> None:
    load.cache_clear()


@cache
def load(lang: str = "en") -> Resources:
    """Load, validate and compile the temporal data of language ``lang``'s pack (cached
    per language)."""
    pack = packs.pack(lang)
    root = pack.folder
    before, after = pack.boundary
    lexicons: dict[str, dict[str, str]] = {}
    for path in sorted((root / "lexicon").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".tsv"):
            lexicons[path.name.removesuffix(".tsv")] = _read_tsv(path)
    dates = _data_dir() / "festivals.toml"
    festivals, lunar_words = _load_festivals(dates, root / "festivals.toml")
    lexicons["festival"] = {
        normalize_key(name): fest.id for fest in festivals.values() for name in fest.names
    }
    tense = {**lexicons.pop("past_irregular", {}), **lexicons.pop("tense", {})}
    tense_prep = lexicons.pop("tense_prep", {})
    values = {*tense.values(), *tense_prep.values()}
    bad = sorted(v for v in values if v not in {"PAST", "PRESENT", "FUTURE", "REPORTED"})
    if bad:
        msg = f"tense.tsv: unknown tense {bad}; use PAST, PRESENT, FUTURE or REPORTED"
        raise ResourceError(msg)
    not_past = frozenset(lexicons.pop("not_past", {}))
    auxiliary = frozenset(lexicons.pop("auxiliary", {}))
    settings = pack.settings.get("dates", {})
    # a possessive ("Sony's planned acquisition") works as a determiner too
    possessive = settings.get("possessive")
    determiner_before = re.compile(
        "(?:"
        + before
        + _alternation(list(lexicons.pop("determiner", {})))
        + (f"|{possessive}" if possessive else "")
        + r")\s+$",
        re.IGNORECASE,
    )
    reported = [word for word, kind in tense.items() if kind == "REPORTED"]
    reported_before = re.compile(
        (before + _alternation(reported) + r"\s+(?:on\s+)?$") if reported else r"(?!x)x",
        re.IGNORECASE,
    )

    rules_data = _load_toml(root / "rules.toml")
    macros: dict[str, str] = {}
    expand = {name: _alternation(list(table)) for name, table in lexicons.items()}
    for name, pattern in rules_data.get("macros", {}).items():
        # macros may use lexicons and earlier macros
        macros[name] = _PLACEHOLDER.sub(lambda m: {**expand, **macros}[m.group(1)], pattern)
    expand.update(macros)

    trigger = _triggers(rules_data.get("triggers", {}), lexicons, pack.boundary)
    rules: list[Rule] = []
    seen: set[str] = set()
    for row in rules_data.get("rule", []):
        rule = _compile_rule(row, expand, trigger.names)
        if rule.id in seen:
            msg = f"rules.toml: rule id {rule.id!r} is used twice"
            raise ResourceError(msg)
        seen.add(rule.id)
        rules.append(rule)

    lunar = re.compile(_alternation(lunar_words) if lunar_words else r"(?!x)x", re.IGNORECASE)
    suffix = settings.get("past_suffix")
    tense_re = re.compile(
        before
        + "(?:"
        + _alternation(list(tense))[3:-1]
        + (f"|{suffix}" if suffix else "")
        + ")"
        + after,
        re.IGNORECASE,
    )
    prep_re = re.compile(
        before
        + r"(?P<prep>"
        + _alternation(list(tense_prep))[3:-1]
        + r")\s+(?:(?:early|mid|late)[-\s]+|the\s+(?:end|start|beginning|middle)\s+of\s+)?$",
        re.IGNORECASE,
    )
    clause_break = re.compile(
        before + _alternation(list(lexicons.pop("clause_break", {}))) + after, re.IGNORECASE
    )
    return Resources(
        rules=tuple(rules),
        lexicons=lexicons,
        festivals=festivals,
        lunar_context=lunar,
        tense=tense,
        tense_words=tense_re,
        tense_prep=tense_prep,
        tense_prep_words=prep_re,
        not_past=not_past,
        auxiliary=auxiliary,
        determiner_before=determiner_before,
        reported_before=reported_before,
        clause_break=clause_break,
        trigger=trigger,
        dateparser=pack.dateparser,
        date_order=pack.date_order,
        fiscal=_setting_pattern(settings, "fiscal"),
        deadline=_setting_pattern(settings, "deadline"),
        completed=_setting_pattern(settings, "completed"),
        lasting=_setting_pattern(settings, "lasting"),
        bare_past=_setting_pattern(settings, "bare_past", cased=True),
        background=_setting_pattern(settings, "background"),
    )


def _setting_pattern(
    settings: Mapping[str, Any], key: str, *, cased: bool = False
) -> re.Pattern[str] | None:
    """The pack's ``[dates]`` pattern ``key``, case-insensitive unless ``cased``; None when
    it has none."""
    pattern = settings.get(key)
    return re.compile(pattern, 0 if cased else re.IGNORECASE) if pattern else None


@dataclass(frozen=True, slots=True)
class Triggers:
    """The triggers of rules.toml's [triggers.NAME] tables: one regex each, and ``any``,
    their union, which finds every trigger in one pass over a text."""

    regexes: Mapping[str, re.Pattern[str]]
    any: re.Pattern[str]
    # a trigger word (normalized) → the triggers that list it; the triggers that have
    # patterns, each with a regex of its patterns alone
    by_word: Mapping[str, tuple[str, ...]]
    patterns: Mapping[str, re.Pattern[str]]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.regexes)


def _triggers(
    data: Mapping[str, Mapping[str, Any]],
    lexicons: Mapping[str, Mapping[str, str]],
    boundary: tuple[str, str],
) -> Triggers:
    """Compile the trigger tables (words of lexicons, words, patterns)."""
    regexes: dict[str, re.Pattern[str]] = {}
    by_word: dict[str, list[str]] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    all_words: list[str] = []
    all_patterns: list[str] = []
    for name, table in data.items():
        words: list[str] = list(table.get("words", []))
        for lexicon in table.get("lexicons", []):
            if lexicon not in lexicons:
                msg = f"rules.toml: trigger {name!r} names unknown lexicon {lexicon!r}"
                raise ResourceError(msg)
            words.extend(lexicons[lexicon])
        keys = [normalize_key(w) for w in words]
        parts = list(table.get("patterns", []))
        all_words.extend(keys)
        all_patterns.extend(parts)
        for key in dict.fromkeys(keys):
            by_word.setdefault(key, []).append(name)
        if parts:
            patterns[name] = _compile_trigger(name, list(parts))
        if keys:
            parts.insert(0, _whole_words(keys, boundary))
        regexes[name] = _compile_trigger(name, parts)
    union = ([_whole_words(all_words, boundary)] if all_words else []) + all_patterns
    return Triggers(
        regexes,
        _compile_trigger("any", union),
        {word: tuple(names) for word, names in by_word.items()},
        patterns,
    )


def _whole_words(words: list[str], boundary: tuple[str, str]) -> str:
    """Any of ``words``, standing as words: ``(?<!\\w)`` and ``(?!\\w)`` around them
    for a language of spaced words, nothing for one without spaces (Chinese)."""
    before, after = (r"(?<!\w)", r"(?!\w)") if boundary[0] else ("", "")
    return before + _alternation(words) + after


def _compile_trigger(name: str, parts: list[str]) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)
    except re.error as exc:
        msg = f"rules.toml: trigger {name!r} does not compile: {exc}"
        raise ResourceError(msg) from exc
