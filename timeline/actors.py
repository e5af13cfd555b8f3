"""Find actors (organizations and people) in a sentence.

Where names stand is the language pack's ``names`` hook (English: runs of capitalized words,
``timeline/lang/en/code.py``); what is never an actor is the pack's data: sentence openers,
role titles (``words/actor_stopwords.txt``), month, weekday, festival and day words.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from timeline import lang as packs
from timeline.datafiles import read_user_file
from timeline.errors import ResourceError
from timeline.temporal.literals import Screen
from timeline.temporal.resources import load as load_language


@packs.on_change
def _clear() -> None:
    for cached in (
        _stopwords,
        names_pattern,
        common_word,
        _frequency_rules,
        _festival_run,
        _not_names,
        _subject_mention,
        _name_rules,
        _find_actors,
        _as_actor,
        _org_forms,
        is_person,
        _definition_rules,
        _complement_rules,
        _product_rule,
    ):
        cached.cache_clear()


@cache
def _name_rules(
    lang: str,
) -> tuple[Screen, re.Pattern[str], frozenset[str], re.Pattern[str]]:
    """The pack's [names] rules: what stands before a product's name, what an ordinary
    opening word looks like, the last words of names that are no actors ("... Act"), and
    what follows the name of an event's edition ("AutomateX 2026"), of a product ("the
    ChefPress recall") or of a place ("the Binjiang district")."""
    pack = packs.pack(lang)
    settings = pack.settings.get("names", {})
    # (searched for at the end of the text before a name, alternative by alternative)
    before = Screen.of(
        re.compile(f"(?:{settings.get('product_before', r'(?!x)x')})$", re.IGNORECASE)
    )
    ordinary = re.compile(settings.get("ordinary", r"(?!x)x"))
    heads = frozenset(w.lower() for w in pack.words("not_actor_heads"))
    after = [
        settings.get(key, r"(?!x)x") for key in ("edition_after", "product_after", "place_after")
    ]
    edition = re.compile("|".join(f"(?:{a})" for a in after))
    return before, ordinary, heads, edition


@cache
def _not_names(lang: str) -> frozenset[str]:
    """Whole names that are no actors: places (``words/places.txt``, from GeoNames, and
    ``regions.txt``), where-from words ("Italian") and company forms standing alone ("Inc")."""
    pack = packs.pack(lang)
    words = ("places", "regions", "demonyms", "company_forms")
    return frozenset(w.lower() for name in words for w in pack.words(name))


# a name in quotes is a title, a slogan or a campaign
QUOTES = frozenset("\"“‘'«")
# a word of a name joined to a lower-case word: "Milan-based", "In-store", "AI-driven"
_COMPOUND = re.compile(r"-[a-z]")
# a capitalized word
_UPPER = packs.LATIN_CAPITALS
_CAPITAL = re.compile(rf"(?<![\w’'.-])[{_UPPER}][\w’'.&-]*")
# a capitalized word after a lower-case word or a comma, in the same paragraph: one that is
# capitalized as a name, not as the first word of a sentence (nor of the paragraph under a
# heading: "## Settlement heads off a trial" then "Under the settlement, ...")
_INNER_CAPITAL = re.compile(rf"(?<=[a-z,;:)])(?:[ \t]+\n?|\n)[ \t]*([{_UPPER}][\w’'.&-]*)")
# a word in lower case
_LOWER = re.compile(r"(?<![\w’'.-])[a-z][\w’'&-]*")
# a short quoted phrase: a title, a slogan or a campaign ("Bring the Market Home,"), no
# actor in it (not a quote of what someone said, which runs longer)
_QUOTED = re.compile(r"[\"“](?:[^\s\"“”]+\s){0,5}[^\s\"“”]+[\"”]")


def capitalized_inside(text: str, lang: str = "en") -> frozenset[str]:
    """The words ``text`` capitalizes as names: inside sentences, or more than once unless
    they look like ordinary words (the pack's ``[names] ordinary``: "Shopping" may open
    many sentences).

    >>> sorted(capitalized_inside("Separately, Acme hired Bo Li. Talks with Acme ended."))
    ['Acme', 'Bo', 'Li']
    >>> sorted(capitalized_inside("Belta grew. Belta hired. Shopping rose. Shopping fell."))
    ['Belta']
    >>> sorted(capitalized_inside("Revenue rose. Revenue fell. Belta's revenue grew."))
    []
    >>> sorted(capitalized_inside("## A trial averted\\n\\nUnder the deal, Belta pays."))
    ['Belta']
    >>> sorted(capitalized_inside("Belta's first year.\\nBelta grew."))
    ['Belta']
    >>> sorted(capitalized_inside("It opened in New York. New rules came. Its new hub."))
    ['York']
    """
    ordinary = _name_rules(lang)[1]
    owner = _possessive_end(lang)  # (a possessive is its owner's name: "Lanting's")
    inner = {owner.sub("", word.rstrip(".")) for word in _INNER_CAPITAL.findall(text)}
    counts = Counter(owner.sub("", word.rstrip(".")) for word in _CAPITAL.findall(text))
    # a word the text also writes in lower case is an ordinary word opening sentences
    # ("Revenue was ...", "Results for the quarter ...", "New seller rules ...")
    lower = set(_LOWER.findall(text))
    # ... and so is a common word the text also writes in lower case, capitalized inside
    # only as a part of a longer name ("New" of "in New York", "new seller rules")
    inner = {w for w in inner if not (w.lower() in lower and common_word(w, lang))}
    again = {
        word
        for word, n in counts.items()
        if n > 1
        and not (ordinary.fullmatch(word) and common_word(word, lang) is not False)
        and word.lower() not in lower
    }
    return frozenset(inner | again)


@lru_cache(maxsize=8192)
def common_word(word: str, lang: str = "en") -> bool | None:
    """Is ``word`` (any case) a common word of the language, by its frequency in the
    pack's word-frequency language (``[names] word_frequency``, a ``wordfreq`` code) at a
    Zipf value of ``common_zipf`` or more? None when the pack names no such language.
    A capitalized word opening a sentence is a name unless it is a common word ("Lanting"
    is a name; "Momentum", "Shopping" and "Separately" are words).

    >>> common_word("Shopping"), common_word("Lanting")
    (True, False)
    """
    code, threshold = _frequency_rules(lang)
    if code is None:
        return None
    from wordfreq import zipf_frequency  # (loads its word list: only when asked)

    return bool(zipf_frequency(word.lower(), code, wordlist="small") >= threshold)


@cache
def _frequency_rules(lang: str) -> tuple[str | None, float]:
    settings = packs.pack(lang).settings.get("names", {})
    code = settings.get("word_frequency")
    return (str(code) if code else None), float(settings.get("common_zipf", 3.0))


@cache
def names_pattern(lang: str, key: str, flags: int = 0) -> re.Pattern[str]:
    """The pack's ``[names]`` pattern ``key``; one matching nothing where the pack has none."""
    return re.compile(packs.pack(lang).settings.get("names", {}).get(key, "(?!x)x"), flags)


def _possessive_end(lang: str) -> re.Pattern[str]:
    """The pack's ending of a possessive (``[names] possessive_end``)."""
    return names_pattern(lang, "possessive_end")


@cache
def _stopwords(lang: str) -> frozenset[str]:
    words = {w.lower() for w in packs.pack(lang).words("actor_stopwords")}
    language = load_language(lang)
    for lexicon in ("month", "weekday", "festival", "day_word"):
        words.update(language.lexicons.get(lexicon, {}))
    return frozenset(words)


@cache
def _festival_run(lang: str) -> re.Pattern[str]:
    """A run of words that starts with a festival name names an occasion, not an actor."""
    names = sorted(load_language(lang).lexicons.get("festival", {}), key=len, reverse=True)
    if not names:
        return re.compile(r"(?!x)x")
    return re.compile("(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


def _no_names(sentence: str, stop: frozenset[str]) -> Iterator[tuple[int, int, str, list[str]]]:
    """The default of a pack without a ``names`` hook: no names found."""
    return iter(())


def find_actors(
    sentence: str,
    *,
    skip: Iterable[tuple[int, int]] = (),
    lang: str = "en",
    inside: frozenset[str] | None = None,
    short: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """Names in ``sentence`` in order of first appearance, skipping the ``skip`` spans
    (sentence offsets of date mentions), places, where-from words and company forms. With
    ``inside`` (the words its document capitalizes inside sentences:
    :func:`capitalized_inside`), a one-word name opening the sentence that the document
    never capitalizes elsewhere is an ordinary word ("Separately", "Talks").

    Examples
    --------
    >>> find_actors("In March, Xiaohongshu's COO Conan (Hua Ming) took over the team.")
    ('Xiaohongshu', 'Conan', 'Hua Ming')
    >>> find_actors("The Milan-based startup opened in Dayton, Ohio, with Italian partners.")
    ()
    >>> find_actors("Talks with Velocita Group ended.", inside=frozenset({"Velocita"}))
    ('Velocita Group',)
    >>> find_actors("Chief Financial Officer Pieter Lindqvist and Chief Executive Ana Ruiz left.")
    ('Pieter Lindqvist', 'Ana Ruiz')

    ``short``: the places that stand for an organization the document names after them
    (:func:`place_short_forms`): such a place acting or owning is that organization.

    >>> find_actors("Harrow went to court.", short=frozenset({"Harrow"}))
    ('Harrow',)
    >>> find_actors("It flies to Harrow.", short=frozenset({"Harrow"}))
    ()
    """
    # (the event stage asks again of a sentence it has asked of: a follow-up, an aside)
    return _find_actors(sentence, tuple(sorted(skip)), lang, inside, short)


@lru_cache(maxsize=2048)
def _find_actors(
    sentence: str,
    skip: tuple[tuple[int, int], ...],
    lang: str,
    inside: frozenset[str] | None,
    short: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    stop = _stopwords(lang)
    product, ordinary, _heads, edition = _name_rules(lang)
    occasion = _festival_run(lang)
    # the spans by start, and the furthest end of each and those before it: a name overlaps
    # a span when one starting before the name's end reaches past its start (a scan of every
    # span for each name took time of their product: quadratic on a long sentence); ``skip``
    # comes sorted from find_actors
    starts = [s for s, _ in skip]
    reach = list(itertools.accumulate((e for _, e in skip), max))
    opening = len(sentence) - len(sentence.lstrip(" \"'“‘(*-–—#"))
    quoted = (
        [m.span() for m in _QUOTED.finditer(sentence)] if '"' in sentence or "“" in sentence else []
    )
    found: dict[str, None] = {}
    for start, end, _run, names in packs.pack(lang).hook("names", _no_names)(sentence, stop):
        before = bisect_left(starts, end)
        if before and reach[before - 1] > start:
            continue
        if any(a < start and end < b for a, b in quoted):
            continue  # a title, a slogan, a campaign ("Bring the Market Home")
        if occasion.match(sentence, start):  # "Double 11": the run is "Double"
            continue
        if (
            product.found(sentence, max(0, start - 40), start)
            or sentence[start - 1 : start] in QUOTES
            or edition.match(sentence, end)
        ):
            continue  # a product, a campaign, a title in quotes, an event's edition
        for found_name in names:
            name = _as_actor(found_name, lang)
            if name is None and found_name in short and _acting(sentence, start, end, lang):
                name = found_name
            if name is None:
                continue
            # (a script without capitals has no sentence-initial capitals to tell apart)
            lone = " " not in name and name[:1].isupper()
            if (
                start == opening
                and lone
                and (name not in inside if inside is not None else ordinary.fullmatch(name))
                and common_word(name, lang) is not False
            ):
                continue
            found.setdefault(name, None)
    return tuple(found)


def place_short_forms(text: str, lang: str = "en") -> frozenset[str]:
    """The places that open a name of an organization in ``text`` and that the text uses
    alone as that organization, acting or owning ("Harrow Air ... Harrow went to court",
    "Harrow's chief executive"): a company named after a place goes by the place's name.

    >>> sorted(place_short_forms("Harrow Air grew. Then Harrow sued. In Harrow, it rained."))
    ['Harrow']
    >>> sorted(place_short_forms("Flights from Dublin rose. Dublin Airport Authority said so."))
    []
    """
    places = _not_names(lang)
    found: dict[str, list[tuple[int, int]]] = {}
    opening: set[str] = set()
    for _start, end, _run, names in packs.pack(lang).hook("names", _no_names)(
        text, _stopwords(lang)
    ):
        for name in names:
            words = name.split()
            if len(words) == 1 and name.lower() in places:
                found.setdefault(name, []).append((end - len(name), end))
            elif (
                len(words) > 1
                and words[0].lower() in places
                and name.lower() not in places
                and _as_actor(name, lang) is not None
            ):
                # (a person goes by the last name alone: "Harrow" acting alone, after
                # "Harrow Air", is no person's first name)
                opening.add(words[0])
    return frozenset(
        w for w in opening & found.keys() if any(_acting(text, *at, lang) for at in found[w])
    )


# right after a name: it owns something ("Harrow's chief executive")
_OWNS = re.compile(r"['’]s\b")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
# the kinds of verb that make the word before them their subject
_ACTING = ("PAST", "FUTURE", "REPORTED", "PRESENT")


# ... and those that tell of a deed done or a thing said, which no product does
_TELLING = ("PAST", "REPORTED")


def _acting(text: str, start: int, end: int, lang: str, kinds: tuple[str, ...] = _ACTING) -> bool:
    """Does the name at ``start:end`` own what follows or act: a possessive, a verb (of one
    of ``kinds``), and no word of a place before it (the pack's ``[names] place_before``)?"""
    if names_pattern(lang, "place_before", re.IGNORECASE).search(text, max(0, start - 20), start):
        return False
    if _OWNS.match(text, end):
        return True
    word = _NEXT_WORD.match(text, end)
    return word is not None and load_language(lang).is_verb(word.group(1), kinds)


@lru_cache(maxsize=4096)
def _as_actor(found: str, lang: str) -> str | None:
    """A name the pack's hook found, as an actor's name; None when it names none (a place, a
    law). (Cached: a text names its actors often.)"""
    heads = _name_rules(lang)[2]
    # what a compound ends is a modifier ("Milan-based Acme", "Hong Kong-listed")
    words = found.split()
    cut = max((i + 1 for i, w in enumerate(words) if _COMPOUND.search(w)), default=0)
    # a title's head before a name is the title's ("Chief Operating Officer Pieter
    # Lindqvist": "Chief Operating" are stop words, "Officer" the title's head)
    # ("Chief Executive Officer Dana Lee", "Chief Financial Officer Pieter Lindqvist": up to
    # the title's last head)
    cut = max((i + 1 for i in range(cut, len(words) - 1) if words[i].lower() in heads), default=cut)
    # a title that may also open an organization's name, before a person's ("Justice Niamh
    # Corrigan", not "General Electric Capital")
    if (
        len(words) - cut > 2
        and words[cut].lower() in _person_titles(lang)
        and is_person(" ".join(words[cut + 1 :]), lang)
    ):
        cut += 1
    name = " ".join(words[cut:])
    if not name or name.lower() in _not_names(lang) or _head_of(name, lang).lower() in heads:
        return None
    return name


@cache
def _person_titles(lang: str) -> frozenset[str]:
    """The pack's titles that stand before people's names and open organizations' too
    (``words/person_titles.txt``)."""
    return frozenset(w.lower() for w in packs.pack(lang).words("person_titles"))


def people_in(text: str, lang: str = "en") -> list[tuple[int, str]]:
    """Where ``text`` names people, and whom (:func:`is_person`), in text order: whom a
    stand-in ("She left Ardent that autumn") may stand for, named in a sentence of no event.

    >>> people_in("Nadia Okafor grew up in Accra. She joined Ardent Motors in 2012.")
    [(0, 'Nadia Okafor')]
    >>> people_in("Chief Executive Marcus Feld said so.")
    [(16, 'Marcus Feld')]
    """
    found: list[tuple[int, str]] = []
    for start, end, _run, names in packs.pack(lang).hook("names", _no_names)(
        text, _stopwords(lang)
    ):
        # (as actors, where they stand: "Chief Executive Marcus Feld" is Marcus Feld)
        found.extend(
            (max(start, text.find(name, start, end)), name)
            for name in (_as_actor(n, lang) for n in names)
            if name is not None and is_person(name, lang)
        )
    return found


def product_names(text: str, lang: str = "en") -> frozenset[str]:
    """The names ``text`` calls its own products in apposition ("Xingyu Global, our
    international app": the pack's ``[names] product_apposition``): no candidates for its
    main subject.

    >>> sorted(product_names("Xingyu Global, our international app, went live. Xingyu Video grew."))
    ['Xingyu Global']
    """
    apposition = _product_rule(lang)
    if apposition is None:
        return frozenset()
    found: set[str] = set()
    for match in apposition.finditer(text):
        run = _run_before(text, match.start(), lang)
        # the whole run only: "Xingyu TV, our ... app" is cut to "Xingyu", the company's own
        if run is not None and run[1] == [run[0]]:
            found.add(run[0])
    return frozenset(found)


def products_in(text: str, lang: str = "en") -> frozenset[str]:
    """The names ``text`` uses as a product's somewhere: after what names a product (the
    pack's ``[names] product_before``: "launched Lumio"), before a product's common noun
    (``product_after``: "the ChefPress recall"), or owned, right after a possessive
    determiner (``product_owner``: "its ChefPress multicookers"). A name so used is a
    product wherever it stands alone ("the ChefPress meets all safety standards"): a
    company is not owned nor recalled.

    >>> sorted(products_in("Novatherm recalled its ChefPress cookers. The ChefPress is safe."))
    ['ChefPress']
    >>> sorted(products_in("Brightwater rejected the offer. Castellan raised it."))
    []
    """
    product, _ordinary, _heads, _edition = _name_rules(lang)
    after = names_pattern(lang, "product_after")
    owner = names_pattern(lang, "product_owner", re.IGNORECASE)
    forms = _org_forms(lang)
    found: set[str] = set()
    # (a name that tells or did something is a company's, as is one that opens a longer
    # name: "Lumora said", "Novatherm Home Appliances", even where it also names what the
    # company sells: "the Lumora app", "Novatherm recalls")
    companies: set[str] = set()
    for start, end, run, names in packs.pack(lang).hook("names", _no_names)(text, _stopwords(lang)):
        if (
            product.found(text, max(0, start - 40), start)
            or after.match(text, end)
            or owner.search(text, max(0, start - 12), start)
        ):
            # (not one ending in a company's form: "a venture called Northlight Compute AB")
            found.update(n for n in names if n.split()[-1].lower().strip(".,") not in forms)
        else:
            if names and names[-1] == run and _acting(text, start, end, lang, _TELLING):
                companies.add(run)
            companies.update(
                " ".join(n.split()[:i]) for n in names for i in range(1, len(n.split()))
            )
    return frozenset(found - companies)


def _run_before(text: str, at: int, lang: str) -> tuple[str, list[str]] | None:
    """The capitalized run of ``text`` ending right at ``at`` (the names hook's text of it
    and the names cut from it), if one does, looked for at most :data:`_NAME_REACH` back."""
    before = text[max(0, at - _NAME_REACH) : at]
    runs = list(packs.pack(lang).hook("names", _no_names)(before, _stopwords(lang)))
    if not runs or runs[-1][1] != len(before):
        return None
    return runs[-1][2], runs[-1][3]


@cache
def _product_rule(lang: str) -> re.Pattern[str] | None:
    pattern = packs.pack(lang).settings.get("names", {}).get("product_apposition")
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _head_of(name: str, lang: str) -> str:
    """The word a name is of: its last, or an organization word (``org_words``) before
    what it is for or of (the pack's ``[names] complement``): "State Administration for
    Market Regulation" is an administration, no regulation.

    >>> _head_of("Data Security Law", "en")
    'Law'
    >>> _head_of("State Administration for Market Regulation", "en")
    'Administration'
    """
    words = name.split()
    org, complement = _complement_rules(lang)
    for word, after in itertools.pairwise(words):
        if after in complement and word in org:
            return word
    return words[-1]


@cache
def _complement_rules(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The pack's organization words and the words opening what one is for or of."""
    pack = packs.pack(lang)
    complement = pack.settings.get("names", {}).get("complement", [])
    return frozenset(pack.words("org_words")), frozenset(str(w) for w in complement)


Aliases = Mapping[str, str]


def parse_aliases(text: str, *, name: str = "aliases") -> dict[str, str]:
    """``variant<TAB>name`` lines (``#`` comments) → a map from lower-cased variant to name."""
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        variant, sep, canonical = line.partition("\t")
        if not sep or not variant.strip() or not canonical.strip():
            msg = f"{name}:{number}: expected 'variant<TAB>name', found {line!r}"
            raise ResourceError(msg)
        table[" ".join(variant.split()).lower()] = canonical.strip()
    return table


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read an alias file (see :func:`parse_aliases`)."""
    return parse_aliases(read_user_file(path, "aliases"), name=str(path))


def apply_aliases(actors: Sequence[str], sentence: str, aliases: Aliases) -> tuple[str, ...]:
    """Actors under their one name: found names mapped through ``aliases``, and variants
    the capitalized-run finder cannot see ("RED", "little red book") found in ``sentence``.

    >>> apply_aliases(("Little Red Book",), "RED and Little Red Book", {"red": "Xiaohongshu",
    ...     "little red book": "Xiaohongshu"})
    ('Xiaohongshu',)
    """
    if not aliases:
        return tuple(actors)
    names = {aliases.get(" ".join(a.split()).lower(), a): None for a in actors}
    for variant, canonical in aliases.items():
        pattern = r"(?<!\w)" + re.escape(variant).replace(r"\ ", r"\s+") + r"(?!\w)"
        if canonical not in names and re.search(pattern, sentence, re.IGNORECASE):
            names[canonical] = None
    return tuple(names)


@dataclass(frozen=True, slots=True)
class Definitions:
    """The names a text defines in parentheses (:func:`defined_names`)."""

    aliases: dict[str, str]  # a lower-cased short form → the name it stands for
    own: str | None  # the name defined as the text's own ("the Company"): its main subject
    short: str | None = None  # the first short form given the text's own name ("Xingbo")


# how far before what defines it (parentheses, an apposition) a name may start
_NAME_REACH = 120
_QUOTED_TERM = re.compile(r"[\"“]([^\"“”]+)[\"”]")


@cache
def _definition_rules(lang: str) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """The pack's ``[names] defined`` pattern and ``defined_self`` terms."""
    settings = packs.pack(lang).settings.get("names", {})
    pattern = settings.get("defined")
    own = frozenset(str(t).lower() for t in settings.get("defined_self", []))
    return (re.compile(pattern) if pattern else None), own


def defined_names(text: str, lang: str = "en") -> Definitions:
    """The short forms a text gives names in parentheses right after them, the way press
    releases and reports do (the pack's ``[names] defined``): each short form that is words
    of the name or its initials stands for the name; a term of ``defined_self`` ("the
    Company", "we") makes the name the text's own.

    >>> found = defined_names('Xingbo Holdings Limited ("Xingbo" or the "Company") said ...')
    >>> found.aliases, found.own, found.short
    ({'xingbo': 'Xingbo Holdings Limited'}, 'Xingbo Holdings Limited', 'Xingbo')
    >>> defined_names("the State Administration for Market Regulation (SAMR) fined").aliases
    {'samr': 'State Administration for Market Regulation'}
    >>> defined_names('Annual recurring revenue (ARR) and the plan ("Drive 30")').aliases
    {}
    """
    pattern, own_terms = _definition_rules(lang)
    aliases: dict[str, str] = {}
    own: str | None = None
    shorts: dict[str, str] = {}  # each name's first short form
    if pattern is None or "(" not in text:
        return Definitions(aliases, own)
    for found in pattern.finditer(text):
        # the name the parentheses follow: the last name of the run ending right there
        run = _run_before(text, found.start(), lang)
        if run is None or not run[1]:
            continue
        name = run[1][-1]
        before = text[max(0, found.start() - _NAME_REACH) : found.start()]
        if not before.rstrip(".").endswith(name):
            continue
        said = found.group("terms")
        for term in [t.strip(" ,.") for t in _QUOTED_TERM.findall(said)] or [said]:
            lowered = term.lower().removeprefix("the ")
            if lowered in own_terms:
                own = own or name
            elif term[:1].isupper() and term != name and _shortens(term, name):
                aliases[lowered] = name
                shorts.setdefault(name, term)
    return Definitions(aliases, own, shorts.get(own) if own is not None else None)


def _shortens(term: str, name: str) -> bool:
    """Is ``term`` a short form of ``name``: some of its words ("Xingbo", "Lanqiao
    Express"), or the initials of its capitalized words ("SAMR", "FDA")?"""
    words = name.split()
    if all(w in words for w in term.split()):
        return True
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return " " not in term and term.isupper() and term == initials


@cache
def _subject_mention(lang: str) -> re.Pattern[str]:
    pack = packs.pack(lang)
    return re.compile(pack.word_regex(pack.alternation("subject_words")), re.IGNORECASE)


def mentions_main_subject(clause: str, lang: str = "en", before: Sequence[str] = ()) -> bool:
    """Does the clause speak of the article's main subject ("it", "its", "the company"),
    before it names any of ``before`` ("It signed with Belta", not "Chen Yiran joined us")?

    >>> mentions_main_subject("It signed with Belta", before=("Belta",))
    True
    >>> mentions_main_subject("Chen Yiran joined us", before=("Chen Yiran",))
    False
    """
    found = _subject_mention(lang).search(clause)
    if found is None:
        return False
    return not any(0 <= clause.find(name) < found.start() for name in before)


# the most letters of a name's particle in lower case ("de", "von", "van")
_PARTICLE = 3


# a capitalized word with a lower-case part after a hyphen describes a name ("Milan-based")
_DESCRIBED_NAME = re.compile(r"-[a-z]")


@lru_cache(maxsize=4096)
def is_person(name: str, lang: str = "en") -> bool:
    """Does ``name`` look like a person's: two or three capitalized words, none of them an
    organization word or a company form (the pack's ``org_words``, ``company_forms``,
    ``not_person_words``)?

    >>> is_person("Howard Pell"), is_person("Redcliff Capital"), is_person("Acme")
    (True, False, False)
    >>> is_person("Pieter de Graaf"), is_person("Ursula von der Leyen")
    (True, True)
    >>> is_person("Jean-Luc Brunel"), is_person("Milan-based Acme")
    (True, False)
    """
    words = name.split()
    if len(words) < 2:
        return False
    # (a particle inside may be in lower case: "Pieter de Graaf", "Ursula von der Leyen")
    inner = [w for w in words[1:-1] if not (w.islower() and len(w) <= _PARTICLE)]
    capitals = [words[0], *inner, words[-1]]
    if not 2 <= len(capitals) <= 3 or not all(w[:1].isupper() for w in capitals):
        return False
    if any(_DESCRIBED_NAME.search(w) for w in capitals):
        return False  # a word describing a name ("Milan-based Acme", "Ohio-born")
    return not any(w.lower().strip(".,") in _org_forms(lang) for w in words)


@cache
def _org_forms(lang: str) -> frozenset[str]:
    pack = packs.pack(lang)
    lists = ("org_words", "company_forms", "not_person_words")
    return frozenset(w.lower().strip(".,") for n in lists for w in pack.words(n))


def main_subject(
    actors: Iterable[Sequence[str]],
    headline: Sequence[str] = (),
    products: frozenset[str] = frozenset(),
) -> str | None:
    """The actor a document is about: of the names its events give, the one named in the
    most events (at least two), a name and the longer names it opens counted as one
    ("Bramble" and "Bramble Foods Co"), the first name of its ``headline`` counting two
    more when an event names it; given under its most used form, the longest among equals.
    None when no one is named twice.

    >>> main_subject([("Bramble Foods Co", "Corliss"), ("FTC",), ("FTC",), ("Bramble",)],
    ...              headline=("Bramble Foods",))
    'Bramble Foods Co'
    >>> main_subject([("Li Wei",), ("Li Na",)]) is None
    True
    >>> main_subject([("Xu Pei",)] * 3 + [("Lanqiao Express Ltd",)], headline=("Lanqiao",))
    'Lanqiao Express Ltd'
    >>> main_subject([("Rheinmark Polska",)] * 2 + [("Rheinmark Bank AG",), ("Rheinmark",)],
    ...              headline=("Rheinmark Bank",))
    'Rheinmark Bank AG'
    >>> main_subject([("Markus Hoffmann",)] * 5 + [("Rheinmark",)] * 2)  # "it" is no person
    'Rheinmark'
    """
    # (a name the text calls a product is none: "Xingyu Global, our international app")
    events = [{n for n in names if n not in products} for names in actors]
    every = {name for names in events for name in names} | set(headline[:1])
    # each name's group: the shortest name that it opens with (the name itself when none)
    group = {}
    for name in every:
        words = name.split(" ")
        group[name] = next(
            (g for n in range(1, len(words)) if (g := " ".join(words[:n])) in every), name
        )
    counts: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for names in events:
        counts.update({group[n] for n in names})
        uses.update(names)
    lead = group[headline[0]] if headline else None
    if lead is not None and counts[lead]:
        counts[lead] += 2
    named = [g for g in counts if counts[g] >= 2]
    if not named:
        return None
    # an organization first: "it", "the company", "we" stand for one (a story of a chief
    # executive's succession names him more often than his bank); then the headline's
    best = max(named, key=lambda g: (not is_person(g), counts[g], g == lead, g))
    forms = [n for n in every if group[n] == best]
    if lead == best:
        # the forms the headline's name is part of, not another name opening alike
        # ("Rheinmark Bank" is Rheinmark Bank AG, not Rheinmark Polska)
        forms = [n for n in forms if n.startswith(headline[0]) or headline[0].startswith(n)]
    return max(forms, key=lambda n: (uses[n], len(n), n))


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def initials(name: str) -> tuple[str, ...]:
    """The acronyms an organization's name goes by: the initials of its capitalized words,
    and of those after a leading place or form ("U.S. Food and Drug Administration" is FDA
    too); none for a name of fewer than two such words.

    >>> initials("Competition and Markets Authority")
    ('CMA',)
    >>> initials("U.S. Food and Drug Administration")
    ('UFDA', 'FDA')
    """
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    if len(words) < 2:
        return ()
    whole = "".join(w[0] for w in words)
    out = [whole]
    if len(words) > 2 and (
        words[0].isupper() or "." in words[0] or words[0].endswith(("'s", "’s"))
    ):
        out.append("".join(w[0] for w in words[1:]))
    return tuple(dict.fromkeys(out))


def by_initials(names: Sequence[str]) -> dict[str, str]:
    """Each acronym of ``names`` (:func:`initials`) and the first name it stands for."""
    found: dict[str, str] = {}
    for name in names:
        for short in initials(name):
            found.setdefault(short, name)
    return found


def acronyms_in(text: str, names: Mapping[str, str]) -> list[str]:
    """The names that ``text`` calls by their initials (``names``: :func:`by_initials`;
    "The CMA first raised concerns ..." with the Competition and Markets Authority named
    before), in the order the text uses them.

    >>> acronyms_in("The CMA fined it.", by_initials(["Competition and Markets Authority"]))
    ['Competition and Markets Authority']
    """
    found = [names[m.group()] for m in _ACRONYM.finditer(text) if m.group() in names]
    return list(dict.fromkeys(found))
