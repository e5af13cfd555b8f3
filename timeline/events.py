"""Turn a document and its resolved dates into events: one per dated sentence.

A sentence becomes an event when it carries a date with an interval (a DATE or TIME; not a
bare duration, a set or "now"). Its governing date is the first such mention, skipping
comparisons ("the same period in 2022"). Sentences repeated on a page yield one event.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from functools import cache, lru_cache, partial
from typing import Any

from timeline import calendar as cal
from timeline import lang as packs
from timeline.actors import (
    QUOTES,
    Aliases,
    acronyms_in,
    apply_aliases,
    by_initials,
    capitalized_inside,
    common_word,
    defined_names,
    find_actors,
    is_person,
    main_subject,
    mentions_main_subject,
    names_pattern,
    people_in,
    place_short_forms,
    product_names,
    products_in,
)
from timeline.errors import ResourceError
from timeline.model import (
    CalendarExpr,
    Document,
    Event,
    Granularity,
    Mention,
    RelativeExpr,
    Resolved,
    SamePeriodExpr,
    TimeOfDayExpr,
    Timex,
    TimexType,
    WeekdayExpr,
)
from timeline.reading import Reading, Sentence, read
from timeline.taxonomy import OTHER, STRONG_WEIGHT, Taxonomy, load_taxonomy
from timeline.temporal.literals import Screen
from timeline.temporal.resources import load as load_language

# two sentences with the same date whose word sets overlap this much are one event
NEAR_DUPLICATE = 0.8
# a title cut where a phrase ends keeps at least this many words
MIN_TITLE_WORDS = 5
# an undated sentence telling of an event this close after a dated one (in characters from
# its end: a sentence or two) is an event at that date
FOLLOW_UP_CHARS = 300
# undated paragraphs this many after a dated one are still looked at for news of the day
UNDATED_REACH = 3
# how far before a date a completion_due cue ("expected to close in") is looked for
COMPLETION_REACH = 90

_WORDS = re.compile(r"\w+")
# the tense-lexicon kinds that make a word a clause's verb ("merged", "will", "said")
_VERB_KINDS = ("PAST", "FUTURE", "REPORTED")
_DATED = (TimexType.DATE, TimexType.TIME)
_YEAR = timedelta(days=366)  # a range of dates spans less
# a date this many words or fewer into its sentence may say when the rest was told
TOLD_OPENING = 3
# "the authority" stands for one of this many organizations named last
DESCRIBED_BACK = 12
# "He" / "She" stands for one of this many people named last
PERSONS_BACK = 4


@dataclass(frozen=True, slots=True)
class EventRules:
    """A language's rules for events (its pack's ``events.toml`` and word lists)."""

    clause_split: re.Pattern[str]  # where a sentence's clauses part
    clause_after_verb: re.Pattern[str]  # ... and where they part once a verb came before
    title_cut: re.Pattern[str]  # where a title's clause ends
    trailing: frozenset[str]  # words dropped at the end of what precedes the date
    leading: re.Pattern[str]  # words dropped at the start of a title
    ties: re.Pattern[str]  # an undated sentence opening with one follows the event before
    framing: re.Pattern[str]  # a framing phrase right before a date: no event
    opening_words: int  # a date this many words or fewer in opens the sentence
    title_words: int  # a title's most words
    questions: str  # a sentence ending in one of these asks: it dates no event
    reported: Screen  # a clause citing rumours or others: status "reported"
    planned: Screen  # a clause speaking of the future: status "planned"
    background: re.Pattern[str]  # relative clauses and asides about a name
    timing: re.Pattern[str]  # an aside telling when the thing named happens
    aside_names: re.Pattern[str]  # an aside whose names take no part in the clause's event
    range_end: re.Pattern[str]  # right after a date: where the range it opens ends
    range_between: re.Pattern[str]  # right before a date: it opens a range "between ... and"
    range_year: re.Pattern[str]  # between a range's last day and its year ("11, 2023")
    state_since: re.Pattern[str]  # right before a date: since when a state lasts
    told: re.Pattern[str]  # right before a date: when something was said
    told_after: re.Pattern[str]  # right after a date: the same, before who said it
    target: re.Pattern[str]  # right before a date: a target ("400 workers by")
    completion_due: re.Pattern[str]  # right before a date: when a deal is due to complete
    after_event: re.Pattern[str]  # right after a length of time: "after" an event's clause
    at_completion: Screen  # an undated event happening when that deal completes
    undated_now: Screen  # an undated event told as news of the day
    frame: re.Pattern[str]  # a reporting frame opening a clause ("X said that")
    heading: re.Pattern[str]  # a paragraph that is a heading: no events
    boilerplate: Screen  # a sentence of boilerplate, a notice, a balance: no event
    opinion: Screen  # a sentence stating an opinion or a guess: no event
    comparison: re.Pattern[str]  # right before a date: what is compared, not when
    since_compared: re.Pattern[str]  # ... after "since": "the highest since"
    dateline: re.Pattern[str]  # a paragraph's dateline: when it was filed
    subordinate: re.Pattern[str]  # a clause's tail giving a reason or a claim
    negation: Screen  # an undated follow-up that denies or declines: no event
    predicate_split: re.Pattern[str]  # "and" before a clause's second predicate
    predicate_verbs: frozenset[str]  # verbs opening one beside the tense words ("cut")
    title_asides: re.Pattern[str]  # asides a title leaves out
    title_reported: re.Pattern[str]  # a reporting frame a title drops
    title_tail: re.Pattern[str]  # where a title's main clause ends
    title_subjects: re.Pattern[str]  # a title opening with the main subject's stand-in
    subject_articles: frozenset[str]  # a subject opening with one is a noun ("the guild")
    title_persons: re.Pattern[str]  # a title opening with a person's stand-in ("He")
    title_person_led: re.Pattern[str]  # ... or after an opening phrase ("In May, she ...")
    title_pairs: re.Pattern[str]  # ... with two organizations' ("They", "The two companies")
    title_plural: frozenset[str]  # stand-ins taking a plural verb ("we")
    title_plural_verbs: frozenset[str]  # ... and verbs whose form says so ("were", "have")
    title_adverbs: frozenset[str]  # words between a subject and its verb ("also")
    noun_openers: frozenset[str]  # words opening a clause's subject ("more", "the")
    period_categories: frozenset[str]  # categories dated by the period they cover
    phrase_start: re.Pattern[str]  # a word a phrase starts with: where a title may end
    dangling: frozenset[str]  # words a title never ends on


@packs.on_change
def _clear() -> None:
    event_rules.cache_clear()
    _descriptions.cache_clear()
    _company_forms.cache_clear()
    _subject_heads.cache_clear()
    _is_verb.cache_clear()


# the patterns of events.toml a pack may leave out (then they never match); case-insensitive
# but for the cased ones
_OPTIONAL = (
    "background",
    "timing",
    "range_end",
    "range_between",
    "range_year",
    "state_since",
    "told",
    "told_after",
    "target",
    "completion_due",
    "frame",
    "comparison",
    "since_compared",
    "subordinate",
    "predicate_split",
    "title_asides",
    "title_reported",
    "title_tail",
)
# ... and those of them asked only whether they match anywhere in a clause or a sentence
_SCREENED = (
    "reported",
    "planned",
    "undated_now",
    "boilerplate",
    "opinion",
    "negation",
    "at_completion",
)
_OPTIONAL_CASED = ("heading", "dateline", "clause_after_verb", "aside_names", "after_event")


@cache
def event_rules(lang: str = "en") -> EventRules:
    """The event rules of language ``lang`` (cached)."""
    pack = packs.pack(lang)
    data = pack.toml("events.toml")
    if data is None:
        msg = f"language pack {lang!r} has no events.toml"
        raise ResourceError(msg)
    try:
        flags = re.IGNORECASE
        before, after = pack.boundary
        leading = packs.alternation(data["title_leading"])

        def optional(key: str, case: int = flags) -> re.Pattern[str]:
            """The pattern ``key`` of the file; one that never matches when it has none."""
            return re.compile(data.get(key, "(?!x)x"), case)

        patterns: dict[str, Any] = {
            **{key: optional(key) for key in _OPTIONAL},
            **{key: optional(key, 0) for key in _OPTIONAL_CASED},  # case matters
            # (asked only whether they match: each alternative apart, where it may)
            **{key: Screen.of(optional(key)) for key in _SCREENED},
        }
        return EventRules(
            clause_split=re.compile(data["clause_split"]),  # case matters: ", But" is no cut
            title_cut=re.compile(data["title_cut"], flags),
            trailing=_phrases(data["title_trailing"]),
            leading=re.compile(rf"^(?:(?:{leading}){after}[,\s]*)+", flags),
            ties=re.compile(r"\W*" + pack.word_regex(pack.alternation("tie_words")), flags),
            framing=re.compile(
                rf"{before}(?:{pack.alternation('non_event_cues')})\s+(?:the\s+)?$", flags
            ),
            opening_words=int(data["opening_words"]),
            title_words=int(data["title_words"]),
            questions=str(data.get("questions", "?")),
            **patterns,
            period_categories=frozenset(data.get("period_categories", [])),
            predicate_verbs=frozenset(data.get("predicate_verbs", [])),
            title_plural=frozenset(data.get("title_plural", [])),
            subject_articles=frozenset(data.get("subject_articles", [])),
            title_plural_verbs=frozenset(data.get("title_plural_verbs", [])),
            title_adverbs=frozenset(data.get("title_adverbs", [])),
            noun_openers=frozenset(data.get("title_noun_openers", [])),
            phrase_start=re.compile(packs.alternation(data.get("phrase_starts", [])), flags),
            dangling=_phrases(data.get("title_dangling", [])),
            title_subjects=re.compile(
                rf"^(?:(?P<own>{packs.alternation(data.get('title_possessives', []))})"
                rf"|{packs.alternation(data.get('title_subjects', []))}){after}",
                flags,
            ),
            title_persons=re.compile(
                rf"^(?:{packs.alternation(data.get('title_persons', []))}){after}", flags
            ),
            title_person_led=re.compile(
                rf"^(?:{data.get('title_person_lead', '(?!x)x')})?"
                rf"(?P<who>{packs.alternation(data.get('title_persons', []))}){after}",
                flags,
            ),
            title_pairs=re.compile(
                rf"^(?:{packs.alternation(data.get('title_pairs', []))}){after}"
                if data.get("title_pairs")
                else "(?!x)x",
                flags,
            ),
        )
    except (KeyError, TypeError, re.error) as exc:
        msg = f"lang/{lang}/events.toml: {type(exc).__name__}: {exc}"
        raise ResourceError(msg) from None


# the longest phrase of a title word list, in words
_LONGEST_PHRASE = 4


def _phrases(words: Sequence[str]) -> frozenset[str]:
    """A word list as lower-case phrases of single-spaced words."""
    return frozenset(" ".join(w.lower().split()) for w in words)


def _drop_last(text: str, phrases: frozenset[str]) -> str:
    """``text`` without the phrases of ``phrases`` it ends on, one after another ("Sales
    rose for much of" → "Sales rose"), and the punctuation they leave.

    >>> _drop_last("Sales rose for much of", frozenset({"for much of", "the"}))
    'Sales rose'
    """
    words = text.split()
    while words:
        for size in range(min(_LONGEST_PHRASE, len(words)), 0, -1):
            tail = " ".join(words[-size:]).lower().strip(" ,;:")
            if tail in phrases:
                del words[-size:]
                break
        else:
            break
    return " ".join(words).strip(" ,.;:")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]``, as one reading gives them (English rules; see
    :mod:`timeline.reading`).

    Examples
    --------
    >>> t = "Mr. Lee left in May. Sales rose.\\n\\nA new head came."
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Mr. Lee left in May.', 'Sales rose.', 'A new head came.']
    """
    return list(read(text, "en", start, end).sentences)


def make_title(
    sentence: str, date_start: int, date_end: int, lang: str = "en", *, named: bool = False
) -> str:
    """A short headline: the sentence without its date phrase, main clause first.

    ``date_start``/``date_end`` are the date mention's offsets within ``sentence``. A
    ``named`` day (a festival's) stays where no preposition brings it in, and any date stays
    between a determiner and the noun it modifies: it is a part of what the clause says
    ("made Double 11 its biggest festival", "ran its 618 campaign", "the May launch").

    Examples
    --------
    >>> s = "In mid-January, Xiaohongshu announced the rise100 list."
    >>> make_title(s, 3, 14)
    'Xiaohongshu announced the rise100 list'
    >>> make_title("Double 12 followed with a campaign.", 0, 9)
    'Double 12 followed with a campaign'
    >>> make_title("Lanting ran its 618 campaign.", 16, 19, named=True)
    'Lanting ran its 618 campaign'
    >>> make_title("Lanting ran a campaign on 618.", 26, 29, named=True)
    'Lanting ran a campaign'
    >>> make_title("Acme is preparing the May launch of its app.", 22, 25)
    'Acme is preparing the May launch of its app'
    >>> make_title("Acme held its summit in Lisbon (June 3-5).", 32, 40)
    'Acme held its summit in Lisbon'
    """
    rules = event_rules(lang)
    if sentence[date_start - 1 : date_start] == "(" and sentence.startswith(")", date_end):
        date_start, date_end = date_start - 1, date_end + 1  # "(September 16 to 18)" goes whole
    cuts = list(rules.title_cut.finditer(sentence))
    left = max((c.end() for c in cuts if c.end() <= date_start), default=0)
    right = min((c.start() for c in cuts if c.start() >= date_end), default=len(sentence))
    before = sentence[left:date_start]
    after = sentence[date_end:right]
    found_comma = _COMMA.search(after)  # (not inside a number: "3,000")
    comma = found_comma.start() if found_comma is not None else -1
    following = after.split(maxsplit=1)[0] if after.strip() and date_end > date_start else ""
    last = before.split()[-1].lower() if before.split() else ""  # the word before the date
    opens_clause = bool(following) and (
        following[0].isupper() or following.lower() in rules.noun_openers
    )
    if not before.strip() and not after.lstrip().startswith(",") and not opens_clause:
        # the date is the subject: "Double 11 brought the strongest numbers" (not "Late last
        # month more than 3,000 customers filed ...", "Early this year Acme opened ...")
        text = sentence[left:right]
    elif (
        not opens_clause
        and "," not in before
        and len(before.split()) <= rules.opening_words
        and 0 <= comma <= 40
        and not _told_before(before, rules, lang)
    ):
        # the date sits in an opening phrase: the main clause follows its comma (not a
        # short clause the date ends: "The guild withdrew the appeal on Tuesday, a day
        # after talks resumed")
        text = after[comma + 1 :]
    elif last and (
        (named and last not in rules.trailing)
        or (
            last in rules.noun_openers
            and following[:1].islower()
            and not rules.phrase_start.fullmatch(following)
            and following.lower() not in rules.noun_openers
        )
    ):
        # (no preposition brings the day in, or the date modifies the noun after it: "its
        # May launch": it stays)
        text = sentence[left:right]
    else:
        text = _drop_last(before.rstrip(), rules.trailing).rstrip(" ,") + " " + after
    text = _main_clause(text, rules)
    words = text.split()
    if len(words) > rules.title_words:
        text = _shortened(words, rules)
    if not text:
        return " ".join(sentence.split()[: rules.title_words])
    if text[0] in QUOTES and not any(q in text[1:] for q in _QUOTE_MARKS):
        text = text[1:].lstrip()  # a quote's opening mark, its close cut off
    return text[0].upper() + text[1:]


def _told_before(before: str, rules: EventRules, lang: str) -> bool:
    """Does ``before`` (what stands before a date) tell something of its own: a verb, and
    no word opening a phrase before it ("Shortly after it listed in" is an opening phrase)?

    >>> rules = event_rules("en")
    >>> _told_before("The guild withdrew the appeal on ", rules, "en")
    True
    >>> _told_before("Shortly after it listed in ", rules, "en")
    False
    >>> _told_before("and eliminated another 400 jobs in ", rules, "en")
    True
    """
    # (a leading "and" or "but" opens the clause, no phrase: "and eliminated 400 jobs in")
    for word in _WORDS.findall(rules.leading.sub("", before.strip())):
        if rules.phrase_start.fullmatch(word):
            return False
        if _is_verb(word.lower(), lang, _VERB_KINDS):
            return True
    return False


def _shortened(words: list[str], rules: EventRules) -> str:
    """At most about ``title_words`` words: cut where a phrase ends (before a comma, "and",
    a preposition), keeping a number just past the limit with its noun ("cut about 800
    jobs"); "…" only where no phrase ends in reach."""
    limit = rules.title_words
    for extra in range(limit, min(len(words), limit + 3)):
        if any(c.isdigit() for c in words[extra]):
            limit = min(len(words), extra + 2)
    ends = [
        i
        for i in range(MIN_TITLE_WORDS, min(limit, len(words) - 1) + 1)
        if (words[i - 1].endswith((",", ";", ":")) or rules.phrase_start.fullmatch(words[i]))
        and not any(c.isdigit() for c in words[i])  # "... to $650 million" stays whole
    ]
    if ends:
        return _drop_last(" ".join(words[: ends[-1]]), rules.dangling)
    text = _drop_last(" ".join(words[:limit]), rules.dangling)
    return text + ("…" if limit < len(words) else "")


def _main_clause(text: str, rules: EventRules) -> str:
    """``text`` as subject, verb and object: without a dateline, asides, a reporting frame,
    a participle or subordinate tail, or opening words that say nothing of the event.

    >>> rules = event_rules()
    >>> _main_clause("Brightmoor, founded in 1952 as a washer maker, has restructured", rules)
    'Brightmoor has restructured'
    >>> _main_clause("Nuvola said it would close its stores, shifting staff to Milan", rules)
    'Nuvola will close its stores'
    >>> _main_clause("SAMR fined Alibaba (on April 10, 2021) for abuse of dominance", rules)
    'SAMR fined Alibaba for abuse of dominance'
    """
    # (what parentheses hold is an aside, commas and all: "fined Alibaba (April 10, 2021)")
    text = " ".join(_PARENTHESES.sub(" ", text).split())
    dateline = rules.dateline.match(text)
    if dateline is not None:
        text = text[dateline.end() :]
    text = _before_tail(rules.leading.sub("", text.strip(" ,")), rules)  # ", which ..." first
    for _ in range(3):  # asides, nested or one after another
        text = rules.title_asides.sub(" ", text)
    reported = rules.title_reported.match(text)
    if reported is not None:
        verb = "will " if reported.group("would") else ""
        text = f"{reported.group('subject')} {verb}{text[reported.end() :]}"
    text = _before_tail(text, rules)
    end = rules.title_asides.search(text.rstrip(" ,.;:") + ",")  # an aside closing it
    if end is not None and end.end() >= len(text.rstrip(" ,.;:")) and end.start() > 0:
        text = text[: end.start()]
    text = _SPACE_COMMA.sub(",", " ".join(text.split()))
    text = _FRAGMENT.sub(",", text)  # a fragment left between commas
    text = rules.leading.sub("", text.strip(" ,;:"))
    return _drop_last(text.strip(" ,.;:"), rules.dangling)


_PARENTHESES = re.compile(r"\([^()]*\)|（[^（）]*）")
_SPACE_COMMA = re.compile(r"\s+,")
_COMMA = re.compile(r",(?!\d)")
_FRAGMENT = re.compile(r",\s*(?:\S+\s*)?,")


def _before_tail(text: str, rules: EventRules) -> str:
    """``text`` up to its first participle or subordinate tail at least three words in."""
    for tail in rules.title_tail.finditer(text):
        if len(text[: tail.start()].split()) >= 3:
            return text[: tail.start()]
    return text


def _governing(
    resolved: Sequence[Resolved],
    sentence: Sentence,
    framed: Callable[[int], bool] | None = None,
) -> Resolved | None:
    """The date an event of ``sentence`` takes: the first dated mention, unless a later one
    lies inside it ("in 2023 ... in March": March 2023 is the event, 2023 the setting).

    ``resolved`` are the sentence's mentions, in text order; a date for which ``framed``
    is true (it follows "looking back at", a target's "by") governs nothing."""
    best: Resolved | None = None
    for item in resolved:
        mention, timex = item.mention, item.timex
        if mention.end > sentence.end:
            continue
        if timex is None or timex.start is None or timex.end is None:
            continue
        if isinstance(mention.expr, SamePeriodExpr) and mention.expr.compares:
            continue  # "a year earlier" is what it is compared with; "the quarter" may govern
        if (
            best is not None
            and isinstance(mention.expr, CalendarExpr)
            and mention.expr.unit is Granularity.YEAR
            and mention.expr.year.previous
        ):
            # "went public in 2021, the same year SAMR fined Alibaba (April 10, 2021)": what
            # follows the anaphor is another event of that year, not a finer date of this one
            break
        if timex.type not in _DATED:
            continue
        if framed is not None and framed(mention.start):
            continue
        # "at 8 p.m. on October 20": the clock time belongs to the day beside it
        bare_time = isinstance(mention.expr, TimeOfDayExpr) and mention.expr.day is None
        if bare_time and any(_dated_day(r) for r in resolved if r is not item):
            continue
        if best is None:
            best = item
            continue
        outer = best.timex
        assert outer is not None and outer.start is not None and outer.end is not None
        inside = outer.start <= timex.start and timex.end <= outer.end
        if inside and (timex.end - timex.start) < (outer.end - outer.start):
            best = item
    return best


# a clause's words beyond its dates that score this much choose its category, whatever
# its festival says (two keywords: "sales ... rose 18%"; one is not enough: "waiving
# commission" on Double 12)
_SAYS_ENOUGH = 2
_FINE = frozenset({Granularity.DAY, Granularity.WEEK, Granularity.MONTH})


def _is_festival(item: Resolved) -> bool:
    """Is the mention a festival's day ("Double 11", "the Spring Festival")?"""
    expr = item.mention.expr
    return isinstance(expr, CalendarExpr) and expr.festival is not None


def _festive(mentions: Sequence[Resolved], framed: Callable[[int], bool]) -> set[int]:
    """Where the festival days of ``mentions`` start, when another of them (not framing) is
    a day, a week or a month; else none."""
    festivals = {r.mention.start for r in mentions if _is_festival(r)}
    if not festivals:
        return set()
    fine = any(
        r.mention.start not in festivals
        and r.timex is not None
        and r.timex.type in _DATED
        and r.timex.granularity in _FINE
        and not framed(r.mention.start)
        for r in mentions
    )
    return festivals if fine else set()


def _times(found: Resolved | None, timed: Resolved, aside: Sequence[Resolved]) -> bool:
    """Does the date ``timed`` of an aside telling when the thing named happens ("which ran
    from January 25 to February 8", its mentions ``aside``) date the clause rather than the
    clause's own date ``found``: when it has none, only a deadline or a bound ("royalties
    through 2036"), only a coarser one that holds it (2026), or a festival's day outside
    the aside's dates?"""
    if found is None or found.mention.deadline:
        return True
    outer, inner = found.timex, timed.timex
    assert outer is not None and inner is not None
    assert outer.start is not None and outer.end is not None
    assert inner.start is not None and inner.end is not None
    if outer.start <= inner.start and inner.end <= outer.end and outer != inner:
        return True
    if _is_festival(found):
        span = _dates_span(aside)
        return span is None or not span[0] <= outer.start <= span[1]
    return False


def _dates_span(mentions: Sequence[Resolved]) -> tuple[date, date] | None:
    """The first and the last day the dates of ``mentions`` cover; None when none has days."""
    days = [
        (r.timex.start, r.timex.end)
        for r in mentions
        if r.timex is not None and r.timex.start is not None and r.timex.end is not None
    ]
    if not days:
        return None
    return min(a for a, _ in days), max(b for _, b in days)


def _timed_by(
    aside: Sentence, mentions: Sequence[Resolved], dated: Sequence[tuple[Sentence, Resolved]]
) -> bool:
    """Is the time an aside tells (its ``mentions``) that of an event of its clause, which
    is then the aside's event too ("The 618 festival, which started on May 20 and peaked on
    June 18, was ...": one event)?"""
    span = _dates_span(mentions)
    if span is None:
        return False
    first, last = span
    return any(
        span.start <= aside.start
        and aside.end <= span.end
        and found.timex is not None
        and found.timex.start is not None
        and first <= found.timex.start <= last
        for span, found in dated
    )


def _restates(aside: Sentence, found: Resolved, mentions: Sequence[Resolved]) -> bool:
    """Does a timing aside give the date of what it follows, a date already ("ahead of
    Chinese New Year, which falls on February 17")?"""
    before = [r for r in mentions if r.mention.end <= aside.start]
    return bool(before) and before[-1].timex == found.timex


def _dated_day(item: Resolved) -> bool:
    """Is the mention a dated day or coarser, not a clock time of the reference day?"""
    expr, timex = item.mention.expr, item.timex
    if timex is None or timex.start is None or timex.type not in _DATED:
        return False
    return not (isinstance(expr, TimeOfDayExpr) and expr.day is None)


def sentence_words(text: str) -> frozenset[str]:
    """The distinct words of ``text``, lower-cased: what reports of one event share."""
    return frozenset(w.lower() for w in _WORDS.findall(text))


def _unique(events: list[Event], text: str) -> list[Event]:
    """Drop repeats: the same clause, date and category, or nearly the same words (two
    predicates of one sentence naming different people are two events: "will retire on June
    30, and named Clara Weiss as his successor").

    Only events of one date and category are compared, so an event alone in its date and
    category is kept without its words being looked at (most are)."""
    groups: dict[tuple[str, date, str], list[int]] = {}
    for index, event in enumerate(events):
        groups.setdefault((event.timex, event.date_start, event.category), []).append(index)
    crowded = [indices for indices in groups.values() if len(indices) > 1]
    if not crowded:
        return events
    words = {
        i: sentence_words(text[events[i].char_start : events[i].char_end])
        for indices in crowded
        for i in indices
    }
    counts = Counter(word for found in words.values() for word in found)
    dropped: set[int] = set()
    for indices in crowded:
        near = _NearSets()
        for index in indices:
            mine = words[index]
            ranked = sorted(mine, key=lambda word: (counts[word], word))  # rarest first
            if near.holds(mine, ranked):
                dropped.add(index)
            else:
                near.add(mine, ranked)
    return [event for index, event in enumerate(events) if index not in dropped]


# NEAR_DUPLICATE as p/q: sets of n and m words this alike share ceil(p (n + m) / (p + q))
_NEAR = Fraction(NEAR_DUPLICATE).limit_denominator(100)


def _overlap(n: int, m: int) -> int:
    """The fewest words two sets of ``n`` and ``m`` words NEAR_DUPLICATE alike share."""
    p, q = _NEAR.numerator, _NEAR.denominator
    return -(-p * (n + m) // (p + q))


class _NearSets:
    """Word sets, and whether one is NEAR_DUPLICATE alike (Jaccard) to a given set.

    A set is compared only with the sets that could be near it (prefix, size and position
    filtering, as in PPJoin, Xiao et al. 2008): in one order of all words (rarest first),
    sets of n and m words sharing at least k = _overlap(n, m) share one among the first
    n - k + 1 of the one and the first m - k + 1 of the other. So each set is indexed by
    its first words, with its size and their positions, and a set looks up only its own
    first words, in sets of the sizes that could be near. A comparison with every set
    took time of their number for each: quadratic in a long document whose dates repeat.
    """

    def __init__(self) -> None:
        self.sets: list[frozenset[str]] = []
        # (word, size) -> per position of the word in the set: the numbers of the sets
        self.postings: dict[tuple[str, int], list[list[int]]] = {}
        self.sizes: set[int] = set()

    def holds(self, mine: frozenset[str], ranked: Sequence[str]) -> bool:
        """Is a set near ``mine`` here (``ranked``: its words in the order of all)?"""
        n = len(mine)
        checked: set[int] = set()
        p, q = _NEAR.numerator, _NEAR.denominator
        # sizes m with NEAR_DUPLICATE * n <= m <= n / NEAR_DUPLICATE (integer sums: a
        # Fraction's arithmetic cost more than the rest of the search)
        for m in range(-(-p * n // q), n * q // p + 1 if n else 0):
            if m not in self.sizes:
                continue
            k = _overlap(n, m)
            for word in ranked[: n - k + 1]:
                for numbers in self.postings.get((word, m), [])[: m - k + 1]:
                    for number in numbers:
                        if number in checked:
                            continue
                        checked.add(number)
                        other = self.sets[number]
                        if len(mine & other) / max(len(mine | other), 1) >= NEAR_DUPLICATE:
                            return True
        return False

    def add(self, mine: frozenset[str], ranked: Sequence[str]) -> None:
        number, m = len(self.sets), len(mine)
        self.sets.append(mine)
        self.sizes.add(m)
        # the positions any set near it looks at: sets of n >= NEAR_DUPLICATE * m words
        least = -(-_NEAR.numerator * m // _NEAR.denominator)  # ceil(NEAR_DUPLICATE * m)
        for position, word in enumerate(ranked[: m - least + 1]):
            by_position = self.postings.setdefault((word, m), [])
            by_position.extend([] for _ in range(position + 1 - len(by_position)))
            by_position[position].append(number)


def _clauses(text: str, sentence: Sentence, rules: EventRules, lang: str = "en") -> list[Sentence]:
    """The clauses of ``sentence`` that may each carry a date of their own."""
    cuts = [sentence.start]
    for match in rules.clause_split.finditer(text, sentence.start, sentence.end):
        cuts.append(match.end())
    for match in rules.clause_after_verb.finditer(text, sentence.start, sentence.end):
        before = max(c for c in cuts if c <= match.start())
        if any(
            _is_verb(w.lower(), lang, _VERB_KINDS)
            for w in _WORDS.findall(text, before, match.start())
        ):
            cuts.append(match.end())
    cuts.sort()
    cuts.append(sentence.end)
    return [Sentence(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def _categories(
    taxonomy: Taxonomy, body: str, dates: Sequence[tuple[int, int]], lang: str = "en"
) -> tuple[str, ...]:
    """The categories of what the clause says beyond its dates ("a conference on the eve of
    Double 11" is a conference); when only the date says anything clearly ("Double 11
    brought record sales", "For Double 12 we put rural sellers first, waiving commission"),
    the date's. Equal scores go to what the predicate says (:func:`_predicate_at`)."""
    verb = _predicate_at(body, lang)
    if not dates:
        return taxonomy.judged(body, verb)[0]
    found, evidence = taxonomy.judged(_without(body, dates), verb)
    if found != (OTHER,) and evidence >= _SAYS_ENOUGH:
        return found
    whole, said = taxonomy.judged(body, verb)
    return whole if found == (OTHER,) or said >= STRONG_WEIGHT else found


_PREDICATE_KINDS = (*_VERB_KINDS, "PRESENT")


def _predicate_at(text: str, lang: str) -> int | None:
    """Where the first verb of ``text`` is (``None`` when it has none): what comes before
    it is the subject."""
    verbs = event_rules(lang).predicate_verbs
    for word in _WORDS.finditer(text):
        said = word.group().lower()
        if said in verbs or _is_verb(said, lang, _PREDICATE_KINDS):
            return word.start()
    return None


def _main_after_opening(
    text: str, sentence: Sentence, start: int, end: int, mentions: Sequence[Resolved]
) -> bool:
    """Does the stretch ``start:end`` (found as an aside) run from the comma closing the
    sentence's opening date ("In October", a date and a word at most) to its end: is it
    the main clause?"""
    if text[end : sentence.end].strip(" .!?\"”’')\n"):
        return False
    dates = [
        (r.mention.start - sentence.start, r.mention.end - sentence.start)
        for r in mentions
        if r.mention.end <= start
    ]
    return bool(dates) and len(_without(text[sentence.start : start], dates).split()) <= 1


def _clause_at(span: Sentence, clauses: Sequence[Sentence], found: Resolved) -> Sentence:
    """The clause holding the date ``found`` (``span`` when none does): what a predicate
    dated by it is said under ("She said she did not expect ... before 2025 and warned")."""
    at = found.mention.start
    return next((c for c in clauses if c.start <= at < c.end), span)


def _opinion_in(text: str, span: Sentence, asides: Sequence[Sentence], rules: EventRules) -> bool:
    """Does the clause or predicate ``span`` state an opinion or a guess, outside its asides?"""
    body = text[span.start : span.end]
    bare = [(a.start - span.start, a.end - span.start) for a in asides]
    return rules.opinion.found(_without(body, bare))


def _without(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the ``spans`` blanked: a festival in the date phrase ("on the eve of
    Double 11") says when, not what kind of event."""
    chars = list(text)
    for start, end in spans:
        chars[max(start, 0) : max(end, 0)] = " " * (max(end, 0) - max(start, 0))
    return "".join(chars)


def _reference_item(document: Document, sentence: Sentence) -> Resolved:
    """The reference date as the date of an undated event told as news of the day: a
    mention of no text at the start of ``sentence``."""
    day = document.reference_date
    assert day is not None
    mention = Mention(
        sentence.start, sentence.start, "", "reference", RelativeExpr(Granularity.DAY, 0)
    )
    return Resolved(
        mention, Timex(TimexType.DATE, day.isoformat(), None, day, day, Granularity.DAY)
    )


# a length of time a clause after it tells of an event before by ("P5M", "P2Y")
_LENGTH = re.compile(r"P(\d{1,2})([YMWD])")


def _events_before(
    document: Document,
    sentence: Sentence,
    mentions: Sequence[Resolved],
    dated: Sequence[tuple[Sentence, Resolved]],
    rules: EventRules,
) -> list[tuple[Sentence, Resolved]]:
    """The clauses of ``sentence`` telling of an event a length of time before its own
    (``rules.after_event``: "five months after Kestrel raised $180 million"), with no date
    of their own, each with that date: counted back from the day of the sentence's first
    event (``dated``), else from the reference date, as finely as the length counts.

    >>> from timeline import document_from_text, resolve
    >>> text = "The filing comes five months after Kestrel raised $180 million."
    >>> doc = document_from_text(text, doc_id="d", reference_date=date(2025, 10, 8))
    >>> [(text[s.start:s.end], r.timex.value) for s, r in _events_before(
    ...     doc, Sentence(0, len(text)), resolve(text, reference=date(2025, 10, 8)), [],
    ...     event_rules("en"))]
    [('Kestrel raised $180 million.', '2025-05')]
    """
    found: list[tuple[Sentence, Resolved]] = []
    text = document.text
    for r in mentions:
        length = _LENGTH.fullmatch(r.timex.value) if r.timex is not None else None
        after = length and rules.after_event.match(text, r.mention.end, sentence.end)
        if not length or not after:
            continue
        clause = Sentence(after.start("clause"), sentence.end)
        if any(
            m.timex is not None
            and m.timex.start is not None
            and clause.start <= m.mention.start < clause.end
            for m in mentions
        ):
            continue  # ("two months after Nuvola cut 8% of its staff in December")
        first = dated[0][1].timex if dated else None
        day = (
            first.start
            if first is not None and first.granularity is Granularity.DAY and first.start
            else document.reference_date
        )
        assert day is not None
        amount, unit = int(length.group(1)), length.group(2)
        timex = _counted_back(day, amount, unit)
        mention = replace(r.mention, rule="after_event")
        found.append((clause, Resolved(mention, timex)))
    return found


def _counted_back(day: date, amount: int, unit: str) -> Timex:
    """The date ``amount`` units (Y, M, W, D) before ``day``, as fine as the unit."""
    if unit == "Y":
        year = day.year - amount
        start, end = cal.year_interval(year)
        return Timex(TimexType.DATE, f"{year:04d}", None, start, end, Granularity.YEAR)
    if unit == "M":
        back = cal.add_months(day.replace(day=1), -amount)
        start, end = cal.month_interval(back.year, back.month)
        return Timex(TimexType.DATE, f"{back:%Y-%m}", None, start, end, Granularity.MONTH)
    if unit == "W":
        start, end = cal.week_interval(day - timedelta(weeks=amount))
        return Timex(TimexType.DATE, cal.iso_week(start), None, start, end, Granularity.WEEK)
    back = day - timedelta(days=amount)
    return Timex(TimexType.DATE, back.isoformat(), None, back, back, Granularity.DAY)


# what may stand in parentheses beside dates for them to hold only dates: "(June 3-5)"
_DATE_GLUE = re.compile(r"[\s()\[\],.;:–—-]*(?:(?:to|and|through|until|from)\b[\s,–—-]*)?")


def _only_dates(text: str, start: int, end: int, mentions: Sequence[Resolved]) -> bool:
    """Is ``text[start:end]`` parentheses holding dates (``mentions``) and nothing else but
    the words of a range?

    >>> from timeline import resolve
    >>> text = "At the summit (September 16 to 18) and the fair (in Lisbon, May 2)"
    >>> found = resolve(text, reference=date(2025, 11, 6))
    >>> _only_dates(text, 14, 34, found), _only_dates(text, 48, 66, found)
    (True, False)
    """
    if not text.startswith("(", start):
        return False
    at = start
    for r in mentions:
        if r.mention.end <= start or r.mention.start >= end:
            continue
        if r.mention.start < at or r.timex is None or r.timex.start is None:
            return False
        glue = _DATE_GLUE.match(text, at, r.mention.start)
        if glue is None or glue.end() != r.mention.start:
            # (a bare day after a range word: "(September 16 to 18)")
            return False
        at = r.mention.end
    if at == start:
        return False
    rest = _DATE_GLUE.match(text, at, end)
    tail = text[rest.end() if rest else at : end]
    return bool(re.fullmatch(r"\d{0,2}[\s)]*", tail))


def _confidence(item: Resolved, document: Document, *, approximate: bool) -> float:
    """How sure the date is: 1.0 written in full or counted from the reference date; 0.8
    placed by context or tense (a month without a year); halved when only tied to the
    sentence before; x0.7 when the reference date itself was inferred."""
    expr = item.mention.expr
    contextual = isinstance(expr, CalendarExpr) and expr.year.contextual
    score = 0.8 if contextual or isinstance(expr, WeekdayExpr) else 1.0
    if approximate:
        score *= 0.5
    if document.reference_basis == "inferred":
        score *= 0.7
    return round(score, 2)


def extract_events(
    document: Document,
    resolved: Sequence[Resolved],
    *,
    taxonomy: Taxonomy | None = None,
    aliases: Aliases | None = None,
    reading: Reading | None = None,
    review: bool = False,
) -> list[Event]:
    """Events of one document, in text order, repeats removed.

    One event per dated sentence, or per dated clause when a sentence's clauses carry
    different dates ("In 2019 it began; in January 2022 it merged"). A sentence without a
    date that opens with a tie word ("Soon after, ...") becomes an approximate event at the
    date of the event before it, in its paragraph or the one before. Actors go under the
    names ``aliases`` give them; an event that names none but opens with "It" or "The
    company" gets the document's main subject (its most named actor). ``reading`` is the
    document's one reading (the one its dates were tagged in; read here when not given).
    A ``review`` (a look back at a year: :func:`timeline.temporal.subject.subject_year`)
    tells no news of the day: its undated sentences are commentary.
    """
    if document.reference_date is None:
        msg = f"document {document.doc_id!r} has no reference date"
        raise ValueError(msg)
    if reading is None:
        lang = packs.choose(packs.AUTO, document.text[document.body_start :], document.lang)
        reading = read(document.text, lang, document.body_start)
    lang = reading.lang
    taxonomy = taxonomy or load_taxonomy(lang=lang)
    rules = event_rules(lang)
    text = document.text
    # words capitalized as names (the headline's too: "Lanting raises ..." above "Lanting ...")
    titled = f"{document.title or ''}.\n{text[document.body_start :]}"
    names = capitalized_inside(titled, lang)
    # places that stand for a company named after them ("Harrow" of "Harrow Air")
    places = place_short_forms(titled, lang)
    ordered = sorted(resolved, key=lambda r: r.mention.start)
    starts = [r.mention.start for r in ordered]
    events: list[Event] = []
    # the paragraph, date and sentence end of the latest event
    last: tuple[int, Resolved, int] | None = None
    # when the deal the text speaks of is due to be completed ("expected to close in the first
    # quarter of 2026"): what happens "at closing" happens then
    due: Resolved | None = None
    # the ids of the events counted back from another ("two years after it shelved plans")
    counted: set[str] = set()

    def inside(span: Sentence) -> list[Resolved]:
        return ordered[bisect_left(starts, span.start) : bisect_left(starts, span.end)]

    spans = reading.paragraphs
    # how many paragraphs each one is after the last one with a date
    since_dated: list[int] = []
    for p in spans:
        dated_here = bisect_left(starts, p.start) < bisect_left(starts, p.end)
        since_dated.append(0 if dated_here else (since_dated[-1] + 1 if since_dated else 1))
    sentences = (
        (paragraph, sentence)
        for paragraph, span in enumerate(spans)
        # the details of a dated event may run a few paragraphs ("... was appointed chief
        # financial officer"); further on, a paragraph without a date has no event and is
        # not looked at (time)
        if since_dated[paragraph] <= UNDATED_REACH
        # (or one saying what happens once a deal due on a date before it completes: ``due``
        # as it stands when the paragraph's turn comes)
        or (due is not None and rules.at_completion.found(text, span.start, span.end))
        # a heading names events, it is none
        if not rules.heading.fullmatch(text, span.start, span.end)
        for sentence in reading.sentences_of(paragraph)
    )
    for paragraph, sentence in sentences:
        said = text[sentence.start : sentence.end]
        if said.rstrip().endswith(tuple(rules.questions)):
            continue  # a question dates no event
        if rules.boilerplate.found(said):
            continue  # boilerplate, a notice, a balance: no event
        # (two scans: one of the two patterns joined took longer than both)
        quiet = rules.opinion.found(said)

        # (what runs from just after an opening phrase to the end is the main clause, no
        # aside: "In October, the US Department of Energy awarded Halvern a grant.")
        mentions = inside(sentence)
        for r in mentions:
            if (
                r.timex is not None
                and r.timex.start is not None
                and rules.completion_due.search(
                    text, max(sentence.start, r.mention.start - COMPLETION_REACH), r.mention.start
                )
            ):
                due = r
        asides = [
            Sentence(m.start(), m.end())
            for m in rules.background.finditer(text, sentence.start, sentence.end)
            if not _main_after_opening(text, sentence, m.start(), m.end(), mentions)
            # (parentheses holding only a date give the date of what stands before them: "At
            # our Merchant Summit in Lisbon (September 16 to 18), we unveiled ...")
            and not _only_dates(text, m.start(), m.end(), mentions)
        ]
        bare = [(a.start - sentence.start, a.end - sentence.start) for a in asides]
        spoken = _quote_of(said)
        quoted = spoken is not None
        dated: list[tuple[Sentence, Resolved]] = []
        aside_events: list[tuple[Sentence, Resolved]] = []
        # (a sentence without a date has no event of its own: only a follow-up's, below)
        if mentions:
            # asides telling when the thing named happens ("The 618 festival, which started on
            # May 20, ..."): their date may be the clause's
            timings = [a for a in asides if rules.timing.match(text, a.start, a.end)]
            clauses = _clauses(text, sentence, rules, lang)
            # a date saying since when a state lasts dates an event only when it is the only one
            # of its clause ("..., and the group has had a hiring freeze in place since January")
            lasting = {
                p for clause in clauses for p in _lasting(text, inside(clause), clause, rules)
            }

            dateline = rules.dateline.match(text, sentence.start, sentence.end)
            filed = dateline.end() if dateline is not None else sentence.start
            # the dates framing the sentence: before its dateline's end (when the story was
            # filed), a target's deadline, after a framing phrase or a comparison; looked for
            # once per date, however many clauses and predicates ask
            framing = {
                position
                for r in mentions
                if (position := r.mention.start) < filed
                or rules.target.search(text, max(sentence.start, position - 90), position)
                or rules.framing.search(text, max(sentence.start, position - 40), position)
                or rules.comparison.search(text, max(sentence.start, position - 90), position)
                or (
                    text.endswith(" ", 0, position)
                    and rules.state_since.search(text, max(sentence.start, position - 15), position)
                    and rules.since_compared.search(
                        text, max(sentence.start, position - 60), position
                    )
                )
            }

            def framed(
                position: int, since: set[int] = lasting, framing: set[int] = framing
            ) -> bool:
                """A date framing the sentence, or saying since when a state lasts."""
                return position in since or position in framing

            def own(span: Sentence, asides: list[Sentence] = asides) -> list[Resolved]:
                """The mentions of ``span`` outside its asides."""
                return [
                    r
                    for r in inside(span)
                    if not any(a.start <= r.mention.start < a.end for a in asides)
                ]

            # a deadline dates a clause with no other date, and a date saying when something
            # was told one with neither ("said on Tuesday it would close offices by March")
            told = {
                r.mention.start
                for r in mentions
                if rules.told.search(
                    text, max(sentence.start, r.mention.start - 40), r.mention.start
                )
                # (a day opening the sentence: "On Thursday the company said it will ...", not
                # "It will begin pre-sales in mid-October, executives told merchants", nor a
                # month: "In March 2024, the company announced a buyback program through ...")
                or (
                    len(text[sentence.start : r.mention.start].split()) <= TOLD_OPENING
                    and r.timex is not None
                    and r.timex.granularity is Granularity.DAY
                    and rules.told_after.match(text, r.mention.end, sentence.end)
                )
            }
            deadlines = {r.mention.start for r in mentions if r.mention.deadline}
            # ... and "the quarter" (the period in focus) or "now" (a state's, no event's
            # time: "For now, she is focused on the April keynote") one with none of them
            anaphors = {
                r.mention.start
                for r in mentions
                if isinstance(r.mention.expr, SamePeriodExpr)
                or (r.timex is not None and r.timex.value == "PRESENT_REF")
            }
            weak = (
                (deadlines | told | anaphors, told | anaphors, anaphors)
                if deadlines or told or anaphors
                else ()
            )

            def chosen(
                clause: Sentence,
                weak: tuple[set[int], ...] = weak,
                framed: Callable[[int], bool] = framed,
                timings: list[Sentence] = timings,
            ) -> Resolved | None:
                mine = own(clause)
                found = None
                # a festival's day yields to a day, week or month written in the clause: it names
                # the occasion, the other date says when ("our Spring Festival campaign starting
                # in mid-January", "Double 11 pre-sales opened on October 20")
                festive = _festive(mine, framed)
                tiers = ((festive | weak[0], *weak) if weak else (festive,)) if festive else weak
                for skipped in tiers:
                    strong = [r for r in mine if r.mention.start not in skipped]
                    found = _governing(strong, clause, framed)
                    if found is not None:
                        break
                else:
                    found = _governing(mine, clause, framed)
                for aside in timings:
                    if clause.start <= aside.start and aside.end <= clause.end:
                        when = inside(aside)
                        timed = _governing(when, aside, framed)
                        if timed is not None and _times(found, timed, when):
                            return timed
                return found

            dated = [(clause, found) for clause in clauses if (found := chosen(clause)) is not None]
            if len({found.timex for _, found in dated}) < 2:
                whole = chosen(sentence)
                dated = [(sentence, whole)] if whole is not None else []
            # a quote is commentary unless it tells clearly of an event (its asides may be)
            # (what the quote says, not who said it: "..., said Henrik Voss, Chief Executive")
            # (and a quote about results or the outlook comments on what the text reports:
            # "The 618 festival was the highlight of our quarter," said ...)
            if spoken is not None:
                kind, strength = taxonomy.strongest(_plain(spoken, bare, lang))
                commentary = strength < STRONG_WEIGHT or kind in rules.period_categories
            else:
                commentary = False
            if commentary:
                dated = []
            dated = [
                part
                for span, found in dated
                for part in _predicates(text, span, found, chosen, taxonomy, rules, lang, asides)
            ]
            if quiet:
                # an opinion or a guess is no event (its asides may be; so may another clause
                # of the sentence: "A hiring freeze imposed in July remains in place, and the
                # company said it does not expect to lift it"): what is looked at is the
                # clause holding the event's date
                dated = [
                    (span, found)
                    for span, found in dated
                    if not _opinion_in(text, _clause_at(span, clauses, found), asides, rules)
                ]

            # (a date saying since when a state lasts is an aside's event: "chief executive
            # since 2021" tells when a tenure began)
            def in_aside(part: Sentence, framing: set[int] = framing) -> Resolved | None:
                return _governing(inside(part), part, framing.__contains__)

            # (an aside's predicates are events of their own too: "who has served on the board
            # since 2019 and will step down on August 31")
            aside_events = [
                part
                for aside in asides
                if (found := in_aside(aside)) is not None
                and not (
                    aside in timings
                    and (
                        _timed_by(aside, inside(aside), dated) or _restates(aside, found, mentions)
                    )
                )
                for part in _predicates(text, aside, found, in_aside, taxonomy, rules, lang)
            ]
            # ("..., two years after it shelved plans to list in New York")
            before = _events_before(document, sentence, mentions, dated, rules)
            counted.update(f"{document.doc_id}:{span.start}" for span, _ in before)
            aside_events += before
        if not dated:
            # the event before, in this paragraph or the one just before it, when the
            # sentence opens with a tie word ("Soon after, ..."); or in this paragraph, a
            # sentence or two before, when it tells clearly of an event of its own ("He
            # will be succeeded by ...", "About 60 jobs will go")
            # (what tells clearly of an event: a strong keyword, no negation, no opinion; not
            # a result, which its period dates: "sales rose 12%" has none)
            kind, strength = (
                ("", 0)
                if quiet or rules.negation.found(said)
                else (taxonomy.strongest(_plain(spoken or said, bare, lang)))
            )
            clear = strength >= STRONG_WEIGHT and kind not in rules.period_categories
            # (what happens once the deal is completed happens when it is due: "At closing,
            # Terrace will become ...", "... will join the board upon completion")
            # (of some kind of event, no result or guidance: "The company expects the deal to
            # be accretive to earnings in the first full year after closing")
            completing = (
                due is not None
                and not quiet
                and kind not in rules.period_categories
                and not quoted
                and rules.at_completion.found(_without(said, bare))
            )
            tied = (
                not completing
                and last is not None
                and (
                    (
                        paragraph - last[0] <= 1
                        and rules.ties.match(text, sentence.start, sentence.end)
                    )
                    or (
                        paragraph == last[0]
                        and sentence.start - last[2] <= FOLLOW_UP_CHARS
                        and clear
                    )
                )
            )
            # (an undated sentence's event is approximate, at the date it is placed at)
            placed = partial(
                _event,
                document,
                sentence,
                sentence,
                taxonomy=taxonomy,
                lang=lang,
                approximate=True,
                asides=asides,
                inside=names,
                short=places,
            )
            if completing and due is not None:
                events.append(placed(due, inside(sentence)))
                last = (paragraph, due, sentence.end)
            elif tied and last is not None:
                events.append(placed(last[1], inside(sentence)))
            elif (
                clear
                and not review
                and not quoted
                and rules.undated_now.found(_without(said, bare))
            ):
                # an event told as news of the day ("The Board has declared a dividend",
                # "Henrik Dahl will join the board"): on the reference date, approximate
                today = _reference_item(document, sentence)
                events.append(placed(today, []))
                last = (paragraph, today, sentence.end)
        subject: str | None = None  # who the first predicate's event is about
        for span, found in dated:
            mine = inside(span)
            if (
                subject is None
                and span.start > sentence.start
                and rules.predicate_split.match(text, span.start, span.end)
            ):
                # (a second predicate whose first told no event: who the sentence opens
                # with does it: "Tessel lists ... and reported revenue last year")
                opened = find_actors(
                    _without(text[sentence.start : span.start], bare), lang=lang, inside=names
                )
                subject = opened[0] if opened else None

            make = partial(
                _event,
                document,
                sentence,
                span,
                mentions=mine,
                taxonomy=taxonomy,
                lang=lang,
                asides=asides,
                inside=names,
                short=places,
                subject=subject,
            )
            event = make(found)
            if event.category in rules.period_categories:
                # results and guidance due on a day of their own are dated by that day
                # ("will report fourth-quarter results on Feb. 10"); out on the reference
                # day, by the period they cover ("today reported results for the third
                # quarter")
                due = _governing(
                    [
                        r
                        for r in own(span)
                        if r.timex is not None
                        and r.timex.start is not None
                        and (
                            (
                                r.timex.granularity is Granularity.DAY
                                and r.timex.start != document.reference_date
                            )
                            # ("will report second-quarter results in late August")
                            or (
                                r.timex.granularity in _FINE
                                and r.timex.start > document.reference_date
                            )
                        )
                    ],
                    span,
                    framed,
                )
                if due is not None and due is not found:
                    found = due
                    event = make(found)
                elif found.timex is not None and found.timex.start == document.reference_date:
                    period = _governing([r for r in own(span) if _is_period(r)], span, framed)
                    if period is not None and period is not found:
                        event = make(period)
            events.append(event)
            # (a stand-in opening the first one's title stands for the subject still: "She
            # will leave Veldhuis ... and will be succeeded there by ...")
            stand_in = rules.title_persons.match(event.title)
            subject = subject or (
                stand_in.group()
                if stand_in is not None
                else (event.actors[0] if event.actors else _noun_subject(event.title, lang))
            )
            last = (paragraph, found, sentence.end)
        if aside_events and not dated and not quiet:
            # (a follow-up may tell more of an aside's event, when the sentence has none of
            # its own: "..., who resigned in March 2023. He was succeeded by Marquardt"; not
            # of a state's start, "who has headed the unit since 2020", nor of figures in
            # parentheses, "(H1 2024: EUR 598.0 million)")
            # (and of a person's deed: "the O-7 robot, which launched last year" is no event
            # the next sentence's hiring plan tells more of)
            span, found = aside_events[-1]
            start = found.mention.start
            leading = find_actors(text[sentence.start : span.start], lang=lang, inside=names)
            if (
                leading
                and is_person(leading[-1], lang)
                and not text[span.start : span.end].lstrip().startswith("(")
                and not rules.state_since.search(text, max(span.start, start - 15), start)
            ):
                last = (paragraph, found, sentence.end)
        for span, found in aside_events:
            mine = inside(span)
            # an aside speaks of the name just before it ("Feld, who joined in 2008"); one
            # opening the sentence, of the first name after it ("Founded in 1921, Fernhill")
            opening = not text[sentence.start : span.start].strip()
            named = find_actors(
                text[span.end : sentence.end] if opening else text[sentence.start : span.start],
                lang=lang,
                inside=names,
                short=places,
            )[:: -1 if opening else 1]
            events.append(
                _event(
                    document,
                    sentence,
                    span,
                    found,
                    mine,
                    taxonomy,
                    lang=lang,
                    inside=names,
                    short=places,
                    subject=named[-1] if named else None,
                    opening=opening,
                    approximate=f"{document.doc_id}:{span.start}" in counted,
                )
            )
    # the short forms the text defines ('Xingbo Holdings Limited ("Xingbo" or the
    # "Company")'), under the user's aliases
    defined = defined_names(text[document.body_start :], lang)
    aliases = {**defined.aliases, **(aliases or {})}
    if aliases:
        events = [replace(e, actors=apply_aliases(e.actors, e.sentence, aliases)) for e in events]
    people = cache(lambda: people_in(text, lang))

    def body() -> list[tuple[int, str]]:
        # (named in the body, in one line: a title or a heading runs into the line after it)
        return [
            (at, p) for at, p in people() if at >= document.body_start and text.startswith(p, at)
        ]

    events = _people_named(_full_names(events, body), rules, lang, people)
    headline = (
        find_actors(document.title, lang=lang, inside=names, short=places) if document.title else ()
    )
    # (who may be the main subject: the headline's first name, the most named)
    often = Counter(a for e in events for a in e.actors).most_common(1)
    events = _described(
        _pairs_named(events, rules, lang), text, lang, (*headline[:1], *(n for n, _ in often))
    )
    events = _acronyms(events, text, lang)
    subject = defined.own or main_subject(
        (e.actors for e in events), headline, product_names(text[document.body_start :], lang)
    )
    # (a name the text uses as a product somewhere is no actor where it stands alone: "the
    # ChefPress meets all safety standards" after "its ChefPress multicookers")
    products = products_in(text[document.body_start :], lang) - {subject}
    if products:
        events = [
            e
            if not products.intersection(e.actors)
            else replace(e, actors=tuple(a for a in e.actors if a not in products))
            for e in events
        ]
    if subject is not None:
        # a name opening with the main subject's own word is one of its units, brands or
        # products, which the main subject acts through ("Ambry Pro", "Xingbo Live")
        events = [_units_as(e, subject, defined.aliases, lang) for e in events]
        # the article's main subject takes part in each event: first where the event names
        # no one or speaks of "it", "its", "the company" before it names anyone (after a
        # reporting frame: "Chief executive Dana Whitfield said the company expects ..."),
        # else after those it names
        events = [
            e
            if subject in e.actors
            else replace(e, actors=(subject, *e.actors))
            if not e.actors or mentions_main_subject(_unframed(text, e, rules), lang, e.actors)
            else replace(e, actors=(*e.actors, subject))
            for e in events
        ]
        # (one name for it: its full legal name beside it is it, "Kestrel Software Inc"
        # beside "Kestrel")
        forms = _company_forms(lang)
        legal = {
            a
            for e in events
            for a in e.actors
            if a.startswith(subject + " ") and a.split()[-1].strip(".,") in forms
        }
        if legal:
            events = [
                replace(e, actors=tuple(a for a in e.actors if a not in legal))
                if subject in e.actors and legal.intersection(e.actors)
                else e
                for e in events
            ]
        short = defined.short if subject == defined.own else None
        events = [_titled_after(e, subject, rules, lang, short) for e in events]
    # a sentence that tells of no kind of event and is dated only by a period is framing
    # ("Half of 2025 has already passed", "For the second half, Zhou has set two priorities")
    events = [e for e in events if e.categories != (OTHER,) or e.granularity not in _FRAMING]
    # an event counted back from another ("four months after the company raised $42 million")
    # that the text tells with its own date is that one
    events = [e for e in events if not (e.event_id in counted and _told_apart(e, events))]
    return _unique(events, text)


def _told_apart(counted: Event, events: Sequence[Event]) -> bool:
    """Does another of ``events`` of the same kind fall inside the date of ``counted`` (an
    event counted back from another: :func:`_events_before`)?"""
    return any(
        e is not counted
        and e.category == counted.category
        and counted.date_start <= e.date_start
        and e.date_end <= counted.date_end
        for e in events
    )


_QUOTE_MARKS = frozenset('"“”«»')
_CLOSING_QUOTE = re.compile(r"[\"”’»](?!\w)")
# a quote begun in a sentence before closing before who said it ('... all of that," the chief
# executive said')
_QUOTE_ENDS = re.compile(r"[,.!?…][\"”’»]\s")
# a quote opened after a colon ('..., added: "...')
_COLON_QUOTE = re.compile(r":\s*[\"“«]")


def _quote_of(sentence: str) -> str | None:
    """What a quoted sentence quotes: from its opening quote to where the quote closes (the
    whole sentence when it does not), or up to the closing quote of a quote begun before;
    None when it quotes nothing.

    >>> _quote_of('"We will grow," she said.')
    '"We will grow,"'
    >>> _quote_of('That ignores it all," he said.')
    'That ignores it all,"'
    >>> _quote_of("He said it would grow.") is None
    True

    A quote opened after a colon ('Bo Li, CFO, added: "Costs fell."') is what follows it,
    who said it blanked (the offsets stay the sentence's):

    >>> _quote_of('Bo Li, CFO, added: "Costs fell." Then more.').strip()
    '"Costs fell."'
    """
    opening = len(sentence) - len(sentence.lstrip())
    if sentence[opening : opening + 1] in QUOTES:
        found = _CLOSING_QUOTE.search(sentence, opening + 1)
        return sentence if found is None else sentence[: found.end()]
    colon = _COLON_QUOTE.search(sentence)
    if colon is not None:
        found = _CLOSING_QUOTE.search(sentence, colon.end())
        until = len(sentence) if found is None else found.end()
        return " " * (colon.end() - 1) + sentence[colon.end() - 1 : until]
    ends = _QUOTE_ENDS.search(sentence)
    if ends is None or any(q in sentence[: ends.start()] for q in '"“«'):
        return None
    return sentence[: ends.end() - 1]


def _unframed(text: str, event: Event, rules: EventRules) -> str:
    """The event's clause after the reporting frame opening it ("X said that ...")."""
    clause = text[event.char_start : event.char_end]
    frame = rules.frame.match(clause)
    return clause if frame is None else clause[frame.end() :]


def _people_named(
    events: list[Event],
    rules: EventRules,
    lang: str,
    people_of: Callable[[], Sequence[tuple[int, str]]] = tuple,
) -> list[Event]:
    """Events whose title opens with a person's stand-in ("He will be succeeded by ...")
    under the person it stands for, who takes part: the first person the latest events
    name ("Howard Pell will step down ..."), of those a stand-in of another kind has not
    stood for ("He will be succeeded by Marisol Vance. She will ...": not "He"'s person);
    when no event names one, the latest of ``people_of()`` (where the text names people:
    :func:`timeline.actors.people_in`, looked for only then) before the event ("Nadia
    Okafor grew up in Accra. ... She left Ardent that autumn")."""
    persons: list[str] = []  # the people named so far, the latest event's first
    stood: dict[str, str] = {}  # the stand-in that stood for a person ("he", "she")
    named: list[Event] = []
    people: Sequence[tuple[int, str]] | None = None
    starts: list[int] = []
    for event in events:
        found = rules.title_person_led.match(event.title)
        if found is not None:
            word = found.group("who").lower()
            person = next((p for p in persons if stood.get(p, word) == word), None)
            if person is None:
                if people is None:
                    people = people_of()
                    starts = [at for at, _ in people]
                before = people[: bisect_left(starts, event.char_start)]
                person = next((p for _, p in reversed(before) if stood.get(p, word) == word), None)
            if person is not None:
                stood[person] = word
                # (after the names of its own: the first is whom a report is about, and a
                # stand-in's event is another than the one before: timeline.merge)
                actors = event.actors if person in event.actors else (*event.actors, person)
                title = event.title[: found.start("who")] + person + event.title[found.end() :]
                event = replace(event, title=title, actors=actors)
        named.append(event)
        persons = _latest_first(
            [a for a in event.actors if is_person(a, lang)], persons, PERSONS_BACK
        )
    return named


def _pairs_named(events: list[Event], rules: EventRules, lang: str) -> list[Event]:
    """Events whose title opens with a stand-in for two organizations ("They signed ...",
    "The two companies opened ...") under the two the latest event naming two of them
    names, who take part."""
    pair: tuple[str, str] | None = None
    named: list[Event] = []
    for event in events:
        found = rules.title_pairs.match(event.title)
        if found is not None and pair is not None:
            actors = (*event.actors, *(o for o in pair if o not in event.actors))
            title = f"{pair[0]} and {pair[1]}{event.title[found.end() :]}"
            event = replace(event, title=title, actors=actors)
        named.append(event)
        organizations = [a for a in event.actors if not is_person(a, lang)]
        if len(organizations) >= 2:
            pair = (organizations[0], organizations[1])
    return named


@cache
def _descriptions(lang: str) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """The pack's definite descriptions (``words/described.txt``): a pattern finding one in
    a clause, and each noun's name heads."""
    heads: dict[str, frozenset[str]] = {}
    for line in packs.pack(lang).words("described"):
        noun, _, names = line.partition("\t")
        heads[noun.strip().lower()] = frozenset(names.split())
    if not heads:
        return re.compile(r"(?!x)x"), heads
    nouns = "|".join(re.escape(n) for n in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?:\b(?:the|its)\s+|^\W*)(?P<noun>{nouns})\b", re.IGNORECASE), heads


def _name_head(name: str, lang: str) -> str:
    """The last word of an organization's name before its company forms, in lower case
    ("bank" of "Rheinmark Bank AG")."""
    return _short_name(name, lang).split()[-1].lower()


@cache
def _subject_heads(lang: str) -> frozenset[str]:
    """The nouns of the pack's subject words ("the company", "the group"): they speak of the
    article's main subject, not of the latest name they end."""
    return frozenset(w.split()[-1].lower() for w in packs.pack(lang).words("subject_words"))


def _described(
    events: list[Event], text: str, lang: str, subjects: Sequence[str] = ()
) -> list[Event]:
    """Events whose clause names an organization through a definite description ("the
    authority fined the company", "the guild lodged an appeal") with that organization,
    the latest the events named whose name ends in a word the description may stand for,
    taking part (after its own names); ``subjects``: who may be the article's main subject
    (the description by its head, "the bank", is the main subject's)."""
    pattern, heads = _descriptions(lang)
    own = _subject_heads(lang) | {_name_head(n, lang) for n in subjects}
    named: list[str] = []  # organizations named so far, the latest first
    out: list[Event] = []
    for event in events:
        clause = text[event.char_start : event.char_end]
        lowered = clause.lower()
        if named and any(noun in lowered for noun in heads):  # (a scan in C first)
            for found in pattern.finditer(clause):
                of = heads[found.group("noun").lower()]
                who = next((n for n in named if n.split()[-1] in of), None)
                if who is not None and who not in event.actors:
                    event = replace(event, actors=(*event.actors, who))
        # ... or by the head word of its own name ("the guild" of the Irish Pilots' Guild),
        # but for the words that speak of the main subject ("the company", "the bank" of a
        # story of Rheinmark Bank AG)
        if named:
            last = {_name_head(n, lang): n for n in reversed(named)}
            # (the pack's definite description by a noun: "the guild")
            for found in names_pattern(lang, "head_description").finditer(clause):
                noun = found.group(1).lower()
                who = last.get(noun)
                if who is not None and noun not in own and who not in event.actors:
                    event = replace(event, actors=(*event.actors, who))
        out.append(event)
        named = _latest_first(
            [a for a in event.actors if not is_person(a, lang)], named, DESCRIBED_BACK
        )
    return out


def _acronyms(events: list[Event], text: str, lang: str) -> list[Event]:
    """Events whose clause calls an organization the events name by its initials ("The CMA
    wrote to the company again", the Competition and Markets Authority named before) with
    that organization taking part (after its own names)."""
    orgs = list(dict.fromkeys(a for e in events for a in e.actors if not is_person(a, lang)))
    shorts = by_initials(orgs)
    if not shorts:
        return events
    out = []
    for event in events:
        found = acronyms_in(text[event.char_start : event.char_end], shorts)
        more = tuple(n for n in found if n not in event.actors)
        out.append(replace(event, actors=(*event.actors, *more)) if more else event)
    return out


def _latest_first(mine: Sequence[str], seen: list[str], back: int) -> list[str]:
    """The names an event gives, then those seen before it, latest first: the ``back`` last
    a stand-in ("He", "the authority") may stand for."""
    if not mine:
        return seen
    return [*mine, *(n for n in seen if n not in mine)][:back]


def _full_names(
    events: list[Event], people_of: Callable[[], Sequence[tuple[int, str]]] = tuple
) -> list[Event]:
    """Actors under the fullest name the document gives them: "Ashby" is "Helen Ashby" when
    that is the one name of the document ending in "Ashby", among the events' actors and,
    for a single word those neither name in full nor open a name with, among the people
    ``people_of()`` finds in the text ("Marcus Feld" named in a sentence of no event)."""
    names = {a for e in events for a in e.actors if " " in a}
    full = _by_last(names)
    # (a word opening a name of the events is an organization's: "Quillon" of "Quillon
    # Systems" is no "Outlook Quillon")
    firsts = {name.split()[0] for name in names}
    single = {a for e in events for a in e.actors if " " not in a} - firsts - set(full)
    if single:
        people = _by_last({name for _, name in people_of() if " " in name})
        full.update((last, name) for last, name in people.items() if last in single)
    if not full:
        return events
    return [
        replace(e, actors=tuple(dict.fromkeys(full.get(a, a) for a in e.actors)))
        if any(a in full for a in e.actors)
        else e
        for e in events
    ]


def _by_last(names: set[str]) -> dict[str, str]:
    """Each last word of ``names`` that ends only one of them, with that name."""
    by_last: dict[str, set[str]] = {}
    for name in names:
        by_last.setdefault(name.split()[-1], set()).add(name)
    return {last: next(iter(found)) for last, found in by_last.items() if len(found) == 1}


def _titled_after(
    event: Event, subject: str, rules: EventRules, lang: str, short: str | None = None
) -> Event:
    """The event, its title opening with the main subject where it opened with its stand-in
    ("It signed ..." → "Lanting signed ...", "Our campaign" → "Zhiyu's campaign") or with
    a verb ("Announced that it would ..." → "Lanting will ..."): under ``short`` (the name
    the text itself shortens it to), else without its company forms."""
    short = short or _short_name(subject, lang)
    found = rules.title_subjects.match(event.title)
    if found is not None:
        rest = event.title[found.end() :]
        if found.group().lower() in rules.title_plural:
            # "we" before a verb whose form says its number stays ("We move", "We have")
            words = [w for w in rest.lower().split() if w not in rules.title_adverbs]
            verb = words[0] if words and rest.startswith(" ") else ""
            agrees = verb in rules.predicate_verbs or _is_verb(verb, lang, _VERB_KINDS)
            if not agrees or verb in rules.title_plural_verbs:
                return event
        name = f"{short}'s" if found.group("own") else short
        return replace(event, title=name + rest)
    first = event.title.split(" ", 1)[0].lower()
    if not _is_verb(first, lang, _VERB_KINDS):
        return event
    title = _main_clause(f"{short} {first}{event.title[len(first) :]}", rules)
    return replace(event, title=title)


def _units_as(event: Event, subject: str, aliases: dict[str, str], lang: str) -> Event:
    """``event`` with the names of ``subject``'s units, brands and products (a name opening
    with its first word, when that is no common word, and ending in no word of an
    organization's) under ``subject``'s name."""
    first = subject.split()[0]
    if common_word(first, lang) is not False:
        return event
    ends = _company_forms(lang) | _org_words(lang)
    actors = tuple(
        dict.fromkeys(
            subject
            if a != subject
            and a.split()[0] == first
            and " " in a
            and a not in aliases
            and a.split()[-1].strip(".,") not in ends
            else a
            for a in event.actors
        )
    )
    return event if actors == event.actors else replace(event, actors=actors)


@cache
def _org_words(lang: str) -> frozenset[str]:
    return frozenset(packs.pack(lang).words("org_words"))


def _short_name(name: str, lang: str) -> str:
    """``name`` without the company forms closing it ("Lanqiao Express Holdings Limited" is
    "Lanqiao Express" in a title).

    >>> _short_name("Lanqiao Express Holdings Limited", "en")
    'Lanqiao Express'
    >>> _short_name("Holdings Ltd", "en")
    'Holdings Ltd'
    """
    forms = _company_forms(lang)
    words = name.split()
    while len(words) > 1 and words[-1].strip(".,") in forms:
        words.pop()
    return " ".join(words) if len(words) > 1 or words[0] not in forms else name


@cache
def _company_forms(lang: str) -> frozenset[str]:
    return frozenset(packs.pack(lang).words("company_forms"))


def _event(
    document: Document,
    sentence: Sentence,
    span: Sentence,
    item: Resolved,
    mentions: Sequence[Resolved],
    taxonomy: Taxonomy,
    *,
    lang: str,
    approximate: bool = False,
    asides: Sequence[Sentence] = (),
    inside: frozenset[str] | None = None,
    short: frozenset[str] = frozenset(),
    subject: str | None = None,
    opening: bool = False,
) -> Event:
    """The event of ``span`` (a sentence or a clause of it) at the date of ``item``, in
    language ``lang``; ``asides`` (background within the span: relative clauses, asides)
    say nothing of its category, title or status. ``subject``: who a second predicate or
    an aside is about; ``opening``: the span is an aside opening its sentence ("Founded
    in 1921, Fernhill ..." is about Fernhill, titled "Fernhill, founded in ...")."""
    text = document.text
    mention, timex = item.mention, item.timex
    assert timex is not None
    assert timex.start is not None
    assert timex.end is not None
    assert timex.granularity is not None
    assert document.reference_date is not None
    rules = event_rules(lang)
    inner = [a for a in asides if span.start <= a.start and a.end <= span.end and a != span]
    body = text[span.start : span.end]
    aside = body.startswith(",")  # an aside of its own: ", who joined in 2008"
    if aside:
        body = " " + body[1:]
    dates = [(r.mention.start - span.start, r.mention.end - span.start) for r in mentions]
    background = [(a.start - span.start, a.end - span.start) for a in inner]
    # (an aside's names are the aside's: "Priya Lal, a former banker at Merriton & Co. who
    # joined in November": Merriton takes no part in her hiring)
    # (the names of an aside of its own, a relative clause or parentheses, are the aside's:
    # "Priya Lal, who had been a banker at Merriton & Co., joined in November"; not those of
    # an apposition: "Marcus Oyelaran, Bramble's chief executive, will lead ...")
    own = [(a, b) for a, b in background if rules.aside_names.match(body, a, b)]
    actors = find_actors(body, skip=[*dates, *own], lang=lang, inside=inside, short=short)
    # a tail giving a reason or a claim says nothing of the kind of event, unless it holds
    # the event's date ("since it gained powers in April 2025")
    at = mention.start - span.start
    tails = [
        (m.start(), m.end())
        for m in rules.subordinate.finditer(body)
        if not m.start() <= at < m.end()
    ]
    # who said it says nothing of the kind of event, when enough is said after it
    bare = _without(body, background)
    frame = rules.frame.match(bare)
    framing = [(0, frame.end())] if frame and len(bare[frame.end() :].split()) >= 3 else []
    plain = _without(body, [*background, *tails, *framing, *_spans_of(body, actors)])
    categories = _categories(taxonomy, plain, dates, lang)
    if categories == (OTHER,):
        categories = _categories(taxonomy, body, dates, lang)
    # the title: the span without its asides (and the comma closing one)
    kept = _without(body, [(a, b + (body[b : b + 1] == ",")) for a, b in background])
    until = _range_end(text, item, mentions, rules)
    if span.start <= mention.start < span.end:
        # (the date phrase runs to the range's end: "between April 1 and May 15")
        end = mention.end if until is None else min(until[2], span.end)
        title = make_title(
            kept, mention.start - span.start, end - span.start, lang, named=_is_festival(item)
        )
    else:  # a tied sentence: its own words make the title
        title = make_title(kept, 0, 0, lang)
    second = rules.predicate_split.match(text, span.start, span.end) is not None
    if subject is not None and opening:
        title = f"{subject}, {title[:1].lower()}{title[1:]}".rstrip(", ")
        actors = actors if subject in actors else (subject, *actors)
    elif subject is not None and (second or aside):
        # a second predicate ("... and cut 700 jobs"): the first one's subject does it
        title = (
            make_title(f"{subject} {kept.strip()}", 0, 0, lang)
            if not title
            else (f"{subject} {title[0].lower()}{title[1:]}")
        )
        # (a stand-in is named later; a noun is no name: "The company laid off ... and
        # eliminated ...")
        if (
            not rules.title_persons.fullmatch(subject)
            and subject.split()[0].lower() not in rules.subject_articles
        ):
            actors = actors if subject in actors else (subject, *actors)
    return Event(
        event_id=f"{document.doc_id}:{span.start}",
        doc_id=document.doc_id,
        date_start=timex.start,
        date_end=timex.end if until is None else until[0],
        granularity=timex.granularity,
        timex=timex.value if until is None else f"{timex.value}/{until[1]}",
        mod=timex.mod,
        date_text=mention.text,
        category=categories[0],
        title=title,
        actors=actors,
        sentence=" ".join(text[sentence.start : sentence.end].split()),
        char_start=span.start,
        char_end=span.end,
        reference_date=document.reference_date,
        reference_basis=document.reference_basis,
        approximate=approximate,
        confidence=_confidence(item, document, approximate=approximate),
        sources=(f"{document.doc_id}:{span.start}-{span.end}",),
        categories=categories,
        status=_status(bare, timex, document.reference_date, rules),
    )


def _range_end(
    text: str, item: Resolved, mentions: Sequence[Resolved], rules: EventRules
) -> tuple[date, str, int] | None:
    """The last day and value of the range ``item``'s date opens ("March 9 to 11", "from
    January 25 to February 8"), when it opens one within a year: a bare day of its month
    or a later date of ``mentions`` right after the range word; and where it ends in
    ``text``."""
    timex = item.timex
    assert timex is not None and timex.start is not None and timex.end is not None
    found = rules.range_end.match(text, item.mention.end)
    if found is None:
        return None
    start = item.mention.start
    if found.groupdict().get("between") is not None and not rules.range_between.search(
        text, max(0, start - 12), start
    ):
        return None
    bare = found.group("day") is not None
    at = found.start("day") if bare else found.end()
    for other in mentions:  # a date of its own ("to 3 March 2023"), else a bare day
        end = other.timex
        if other.mention.start != at or end is None or end.end is None:
            continue
        if end.start is not None and timex.start < end.start and end.end - timex.start < _YEAR:
            return end.end, end.value, other.mention.end
    if not bare or timex.granularity is not Granularity.DAY:
        return None
    try:
        day = timex.start.replace(day=int(found.group("day")))
    except ValueError:
        return None
    if day <= timex.start:
        return None
    # the range's year written after its last day ("March 9 to 11, 2023") is part of it
    after = rules.range_year.match(text, found.end())
    close, year_at = found.end(), after.end() if after else -1
    for other in mentions:
        year = other.timex
        if (
            other.mention.start == year_at
            and year is not None
            and year.granularity is Granularity.YEAR
            and year.start is not None
            and year.start.year == day.year
        ):
            close = other.mention.end
    return day, day.isoformat(), close


def _predicates(
    text: str,
    span: Sentence,
    found: Resolved,
    choose: Callable[[Sentence], Resolved | None],
    taxonomy: Taxonomy,
    rules: EventRules,
    lang: str,
    asides: Sequence[Sentence] = (),
) -> list[tuple[Sentence, Resolved]]:
    """The clause ``span`` (dated ``found``) as one event per predicate that tells of its own
    kind of event ("it closed two plants and cut 700 jobs": a closure and layoffs), each at
    its own date or the clause's; the clause alone when its predicates tell of one kind. An
    aside's predicates are the aside's (", which started on May 20 and peaked on June 18,")."""
    cuts = [span.start]
    for match in rules.predicate_split.finditer(text, span.start, span.end):
        if any(a.start <= match.start() < a.end for a in asides):
            continue
        verb = match.group("verb").lower()
        if verb in rules.predicate_verbs or _is_verb(verb, lang, _VERB_KINDS):
            cuts.append(match.start())
    if len(cuts) == 1:
        return [(span, found)]
    cuts.append(span.end)
    # each predicate, its kind and its own date: one of the same kind and date as the one
    # before, or of no kind, is the same event still ("laid off 6% in February and another
    # 400 in August" are two), unless it names someone new ("will retire on June 30, and
    # named Clara Weiss as his successor": a departure and an appointment)
    parts: list[tuple[Sentence, str, Resolved | None]] = []
    for a, b in itertools.pairwise(cuts):
        part = Sentence(a, b)
        # (what the predicate says, not its asides: "Founded in 2009, Tessel lists ...")
        held = [
            (max(x.start, a) - a, min(x.end, b) - a) for x in asides if x.start < b and a < x.end
        ]
        kind = taxonomy.strongest(_without(text[a:b], held))[0]
        dated = choose(part)
        if parts and (
            kind == OTHER
            or (
                kind == parts[-1][1]
                and (dated is None or parts[-1][2] is None or dated.timex == parts[-1][2].timex)
                and not _people(text[a:b], lang) - _people(text[span.start : a], lang)
            )
        ):
            before = parts[-1]
            parts[-1] = (Sentence(before[0].start, b), before[1], before[2] or dated)
        else:
            parts.append((part, kind, dated))
    # (a first predicate of no kind and no date of its own states what is, before what
    # happened: "Tessel lists 900,000 properties and reported revenue of €1.4 billion last
    # year")
    if len(parts) > 1 and parts[0][1] == OTHER and parts[0][2] is None:
        parts = parts[1:]
    if len(parts) == 1 and parts[0][0] == span:
        return [(span, found)]
    return [(part, dated or found) for part, _, dated in parts]


def _people(text: str, lang: str) -> set[str]:
    """The people ``text`` names."""
    return {n for n in find_actors(text, lang=lang) if is_person(n, lang)}


def _noun_subject(title: str, lang: str) -> str | None:
    """A title's subject when it is a noun with its article, not a name: the words before
    its verb ("The guild lodged an appeal": "The guild"), for a second predicate's title."""
    words = title.split()
    if not words or words[0].lower() not in event_rules(lang).subject_articles:
        return None
    for at, word in enumerate(words[1:4], start=1):
        if _is_verb(word.lower(), lang, _VERB_KINDS):
            return " ".join(words[:at]) if at > 1 else None
    return None


@lru_cache(maxsize=8192)
def _is_verb(word: str, lang: str, kinds: tuple[str, ...]) -> bool:
    """Is the lower-case ``word`` a tense marker of one of ``kinds`` (the pack's tense
    lexicon), or a past form by its ending ("merged") that is no exception?"""
    return load_language(lang).is_verb(word, kinds)


_PERIODS = frozenset({Granularity.QUARTER, Granularity.HALF, Granularity.YEAR})
_FRAMING = _PERIODS | {Granularity.SEASON}


def _is_period(item: Resolved) -> bool:
    """Is the mention's date a quarter, a half or a year?"""
    return item.timex is not None and item.timex.granularity in _PERIODS


def _lasting(
    text: str, mentions: Sequence[Resolved], sentence: Sentence, rules: EventRules
) -> set[int]:
    """Where the dates of ``mentions`` that say since when a state lasts ("has led the unit
    since 2019") start, unless all do."""
    since = {
        r.mention.start
        for r in mentions
        if rules.state_since.search(
            text, max(sentence.start, r.mention.start - 15), r.mention.start
        )
    }
    return since if len(since) < len(mentions) else set()


def _plain(text: str, asides: Sequence[tuple[int, int]], lang: str) -> str:
    """``text`` without its asides and the names in it: what it says of an event."""
    names = find_actors(_without(text, asides), lang=lang)
    return _without(text, [*_spans_of(text, names), *asides])


def _spans_of(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``names`` stand in ``text``: a name says who, not what kind of event ("Birch
    Partners" is no partnership)."""
    spans = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + len(name))
    return spans


def _status(clause: str, timex: Timex, reference: date, rules: EventRules) -> str:
    """done, planned or reported (see the pack's ``events.toml``)."""
    assert timex.start is not None and timex.end is not None
    if rules.reported.found(clause):
        return "reported"
    if timex.start > reference or (timex.end >= reference and rules.planned.found(clause)):
        return "planned"
    return "done"
