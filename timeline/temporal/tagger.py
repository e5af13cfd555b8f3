"""Find temporal expressions in text: text → list of :class:`~timeline.model.Mention`.

The tagger never sees a reference date. It reads what the text says (an :data:`Expr`) and
the clause context the normalizer needs: the tense around each mention and its paragraph.
Overlapping matches are settled by one policy: longest first, then leftmost, then the
rule listed first in ``rules.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from fractions import Fraction

from timeline import lang as packs
from timeline.arguments import check_choice, check_type
from timeline.model import (
    CalendarExpr,
    DurationExpr,
    EraExpr,
    Expr,
    Granularity,
    Mention,
    ParsedExpr,
    RefExpr,
    RelativeExpr,
    SamePeriodExpr,
    SetExpr,
    Tense,
    TimeOfDayExpr,
    WeekdayExpr,
    YearRef,
)
from timeline.reading import Reading, read
from timeline.temporal.resources import Resources, Rule, load, normalize_key

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z_0-9]*)\}")

Values = Mapping[str, str]


def _int(values: Values, key: str) -> int | None:
    """An integer field; ordinal suffixes are dropped ("3rd" → 3)."""
    return int(values[key].rstrip("stndrh")) if key in values else None


def _spelled_year(values: Values) -> int | None:
    """ "nineteen ninety-six" → 19 × 100 + 90 + 6 (the words read through the lexicons)."""
    if "year_word" not in values:
        return None
    rest = sum(int(values.get(key) or 0) for key in ("number", "number2"))
    return int(values["year_word"]) * 100 + rest


def _year(values: Values) -> YearRef:
    spelled = _spelled_year(values)
    return YearRef(
        value=spelled if spelled is not None else _int(values, "year"),
        shift=_int(values, "year_shift"),
        anaphoric="year_anaphor" in values,
        previous=values.get("year_anaphor") == "2",
        after="after_previous" in values,
    )


def _calendar(values: Values, text: str) -> CalendarExpr:
    unit = Granularity(values["unit"])
    month, day, index = _int(values, "month"), _int(values, "day"), _int(values, "index")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(month)
    if day is not None:
        date(2000, month or 1, day)  # raises ValueError for 31 April, 0, 32 ...
    limit = {Granularity.QUARTER: 4, Granularity.HALF: 2}.get(unit)
    if limit is not None and (index is None or not 1 <= index <= limit):
        raise ValueError(index)
    year = _year(values)
    end_month = _int(values, "end_month")
    if end_month is not None and month is not None and year.value is not None and month > end_month:
        year = replace(year, value=year.value - 1)  # "December 28 to January 3, 2024"
    return CalendarExpr(
        unit=unit,
        year=year,
        month=month,
        day=day,
        index=index,
        season=values.get("season"),
        festival=values.get("festival"),
        day_shift=_int(values, "day_shift") or 0,
        mod=values.get("mod"),
        lean=_lean(values),
    )


def _relative(values: Values, text: str) -> RelativeExpr:
    offset = int(values.get("offset") or 0)
    return RelativeExpr(
        Granularity(values["unit"]),
        offset,
        values.get("mod"),
        "from_previous" in values,
        "weekend" in values,
    )


def _weekday(values: Values, text: str) -> WeekdayExpr:
    return WeekdayExpr(
        int(values["weekday"]), _int(values, "offset"), values.get("mod"), _lean(values)
    )


def _lean(values: Values) -> Tense | None:
    """The tense a rule's expression leans to ("last December", "said on Saturday")."""
    lean = values.get("lean")
    return Tense(lean) if lean else None


def _era(values: Values, text: str) -> EraExpr:
    unit = Granularity(values["unit"])
    century = _int(values, "century")  # the 20th century begins in 1900
    first = (century - 1) * 100 if century is not None else int(values["first_year"])
    return EraExpr(unit, first, values.get("mod"))


def _duration(values: Values, text: str) -> DurationExpr:
    plural = values.get("unit_text", "").lower().endswith("s")
    raw = values.get("amount", "X" if plural else "1")
    if raw.lower() in {"a", "an"} and plural:
        raise ValueError(raw)  # "a years" is no duration
    amount = None if raw == "X" else Fraction(raw.replace(",", ""))
    if amount is not None and "plus_half" in values:
        amount += Fraction(1, 2)
    if amount is not None and amount <= 0:
        raise ValueError(raw)
    return DurationExpr(amount, values["unit"], _int(values, "anchor") or 0, values.get("mod"))


_CLOCK = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<half>[ap])", re.IGNORECASE)
_NAMED_TIMES = {"noon": "12:00", "midnight": "24:00"}


def _clock(part: str) -> str:
    """A day part code (MO, AF, EV, NI) as is; a clock time as HH:MM ("4 p.m." → 16:00)."""
    if part.upper() in {"MO", "AF", "EV", "NI"}:
        return part.upper()
    if part.lower() in _NAMED_TIMES:
        return _NAMED_TIMES[part.lower()]
    match = _CLOCK.match(part)
    if match is None:
        raise ValueError(part)
    hour = int(match.group("h"))
    if not 1 <= hour <= 12:
        raise ValueError(part)
    hour = hour % 12 + (12 if match.group("half").lower() == "p" else 0)
    return f"{hour:02d}:{match.group('m') or '00'}"


def _time_of_day(values: Values, text: str) -> TimeOfDayExpr:
    kind = values.get("day_kind")
    day: WeekdayExpr | RelativeExpr | None = None
    if kind == "weekday" and "weekday" in values:
        day = _weekday(values, text)
    elif kind == "relative":
        day = _relative(values, text)
    return TimeOfDayExpr(day, _clock(values["part"]))


def _same_period(values: Values, text: str) -> SamePeriodExpr:
    unit = values.get("unit")
    return SamePeriodExpr(
        _year(values),
        _int(values, "shift") or 0,
        Granularity(unit) if unit else None,
        "latest" in values,
    )


_BUILDERS: dict[str, Callable[[Values, str], Expr]] = {
    "calendar": _calendar,
    "relative": _relative,
    "weekday": _weekday,
    "era": _era,
    "duration": _duration,
    "ref": lambda values, text: RefExpr(values["value"]),
    "set": lambda values, text: SetExpr(values["value"]),
    "parsed": lambda values, text: ParsedExpr(text),
    "same_period": _same_period,
    "time_of_day": _time_of_day,
}


def _values(rule: Rule, match: re.Match[str], res: Resources) -> dict[str, str]:
    """Fill the rule's expr templates from the match. A field none of whose groups took
    part in the match is left out; groups that did not take part read as ""."""
    values: dict[str, str] = {}
    for field, template in rule.fields:
        names = _PLACEHOLDER.findall(template)
        if names and all(match.group(name) is None for name in names):
            continue
        values[field] = _PLACEHOLDER.sub(
            lambda m: "" if (g := match.group(m.group(1))) is None else res.lookup(m.group(1), g),
            template,
        )
    return values


def _build(rule: Rule, match: re.Match[str], text: str, res: Resources) -> Expr | None:
    try:
        return _BUILDERS[rule.kind](_values(rule, match, res), text)
    except (ValueError, KeyError, ZeroDivisionError):
        return None


def _span(rule: Rule, match: re.Match[str]) -> tuple[int, int]:
    if "m" in rule.regex.groupindex and match.group("m") is not None:
        return match.span("m")
    return match.span()


Candidate = tuple[int, int, int, re.Match[str]]
Span = tuple[int, int]


# the rules run this far around each trigger word; no expression reaches further
WINDOW = 40
# tense markers count within the sentence, and at most this far from the mention (keeps
# the tagger linear on text without sentence ends)
TENSE_REACH = 250
# a state's "has had ... since" is this close before its date
LASTING_REACH = 80
# a deadline's word ("by") is this close before its date
DEADLINE_REACH = 20
# "New Year's Eve" looks this far around it for Spring Festival context, within its paragraph
LUNAR_REACH = 1500


def _windows(text: str, start: int, end: int, res: Resources) -> dict[str, list[Span]]:
    """Per trigger, the stretches of ``text[start:end]`` around its matches, merged.

    One pass finds every trigger; each hit then goes to the triggers found near it (a hit
    may serve several: "years" is a year word and a unit, "1990s" a year and an era).
    """
    windows: dict[str, list[Span]] = {}
    seen: dict[str, list[list[Span]]] = {}  # per stretch of text: the span lists it feeds
    by_word, patterns = res.trigger.by_word, res.trigger.patterns
    for hit in res.trigger.any.finditer(text, start, end):
        a, b = hit.span()
        near = text[a - 3 if a - 3 > start else start : b + 3 if b + 3 < end else end]
        targets = seen.get(near)
        if targets is None:
            # the triggers listing the hit as a word, and those whose patterns match near it
            # (a pattern may look at what is around it, as "\b[QH][1-4]" does)
            names = list(by_word.get(normalize_key(hit.group()), ()))
            names += [
                n for n, pattern in patterns.items() if n not in names and pattern.search(near)
            ]
            targets = seen[near] = [windows.setdefault(name, []) for name in names]
        lo = a - WINDOW if a - WINDOW > start else start
        hi = b + WINDOW if b + WINDOW < end else end
        for spans in targets:
            if spans and lo <= spans[-1][1]:
                last = spans[-1]
                if hi > last[1]:
                    spans[-1] = (last[0], hi)
            else:
                spans.append((lo, hi))
    return windows


# windows are joined with this between them: no pattern matches across a NUL
_SEPARATOR = "\x00\x00"


def _candidates(
    text: str, start: int, end: int, res: Resources, *, everywhere: bool = False
) -> list[Candidate]:
    """All (start, end, rule index, match) matches, before overlaps are settled.

    Unless ``everywhere``, each rule runs once over the windows around its trigger joined
    into one short string, and the spans are mapped back to ``text``.
    """
    if everywhere:
        return [
            candidate
            for index, rule in enumerate(res.rules)
            for candidate in _rule_matches(rule, index, text, start, end)
        ]
    found: list[Candidate] = []
    compacts = {
        name: _compact(text, spans) for name, spans in _windows(text, start, end, res).items()
    }
    lowered: dict[str, str] = {}
    # per window string and required string: is it there (rules share their strings)
    present: dict[tuple[str, str], bool] = {}
    for index, rule in enumerate(res.rules):
        if rule.needs not in compacts:
            continue
        compact, offsets, spans = compacts[rule.needs]
        if rule.required:
            # a rule runs only where a string every match of it contains is
            low = lowered.get(rule.needs)
            if low is None:
                low = lowered[rule.needs] = compact.lower()
            for word in rule.required:
                there = present.get((rule.needs, word))
                if there is None:
                    there = present[rule.needs, word] = word in low
                if there:
                    break
            else:
                continue
        for s, e, i, match in _rule_matches(rule, index, compact, 0, len(compact)):
            window = bisect_right(offsets, s) - 1
            shift = spans[window][0] - offsets[window]
            found.append((s + shift, e + shift, i, match))
    return found


def _compact(text: str, spans: list[Span]) -> tuple[str, list[int], list[Span]]:
    """The windows joined, and where each starts in the joined string."""
    offsets: list[int] = []
    position = 0
    for lo, hi in spans:
        offsets.append(position)
        position += hi - lo + len(_SEPARATOR)
    return _SEPARATOR.join(text[lo:hi] for lo, hi in spans), offsets, spans


def _rule_matches(rule: Rule, index: int, text: str, start: int, end: int) -> list[Candidate]:
    found: list[Candidate] = []
    for match in rule.regex.finditer(text, start, end):
        s, e = _span(rule, match)
        if s >= e or any(
            (g := match.group(name)) is not None and not g[:1].isupper()
            for name in rule.capitalized
        ):
            continue
        found.append((s, e, index, match))
    return found


def _settle(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then leftmost, then the earlier rule; drop what overlaps a kept one.

    The kept spans are marked in a byte per character of the stretch the candidates cover,
    so that each candidate is checked and kept in time of its own length (a sorted list of
    the kept spans, inserted into, took time of the mentions found for each: quadratic on a
    long text)."""
    if not candidates:
        return []
    low = min(c[0] for c in candidates)
    taken = bytearray(max(c[1] for c in candidates) - low)
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        s, e = candidate[0] - low, candidate[1] - low
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        kept.append(candidate)
    kept.sort(key=lambda c: c[0])
    return kept


def _tense(text: str, start: int, end: int, sentence: tuple[int, int], res: Resources) -> Tense:
    """A preposition right before the mention decides ("by February", "since May"), as
    does a reporting verb ("Castro said Sunday": when it was said); otherwise the verbs of
    its clause (within ``sentence``, its sentence's span) do."""
    prep = res.tense_prep_words.search(text, max(0, start - 40), start)
    if prep is not None:
        given = Tense[res.tense_prep[prep.group("prep").lower()]]
        # a deadline looks ahead unless what had been done by then follows ("By Wednesday
        # it had processed 61,000 requests")
        done = (
            given is Tense.FUTURE
            and res.completed is not None
            and res.completed.match(text, end, sentence[1]) is not None
        )
        return Tense.PAST if done else given
    if res.reported_before.search(text, max(0, start - 20), start):
        return Tense.PAST
    return _clause_tense(text, start, end, sentence, res)


_TENSES = {t.name: t for t in Tense}


def _clause_tense(
    text: str, start: int, end: int, sentence: tuple[int, int], res: Resources
) -> Tense:
    """Tense of the sentence around ``[start, end)``: the majority of past and future
    markers (a tie says nothing); present if only present markers; past if only a reporting
    verb ("announced the plan Aug. 21"). The sentence ends, to the right, where another
    clause opens ("announced in October that it would act"). Participles after "is"/"will
    be" and words after a determiner ("the plan", "the proposed merger") are not markers."""
    left = max(sentence[0], start - TENSE_REACH)
    right = min(sentence[1], end + TENSE_REACH)
    opens = res.clause_break.search(text, end, right)
    if opens is not None:
        right = opens.start()
    # what was said, when a reporting verb comes before the mention ("welcomed the ruling
    # and said it would launch its store in the second half": "would launch" dates it)
    said = _after_reporting(text, left, start, res)
    if said is not None:
        told = _votes(text, start, end, said, right, res)
        if told is not None and told is not Tense.NONE:
            return told
    # the stretch between the commas around the mention first ("Feld, who joined in 2008,
    # will leave at the end of June": "will leave" dates June), then the whole clause
    cut = max(text.rfind(", ", left, start), text.rfind("; ", left, start))
    after = [i for i in (text.find(", ", end, right), text.find("; ", end, right)) if i >= 0]
    if cut < 0 and not after:  # the stretch is the whole clause
        return _votes(text, start, end, left, right, res) or Tense.NONE
    own = _votes(text, start, end, cut + 1 if cut >= 0 else left, min(after, default=right), res)
    if own is not None and own is not Tense.NONE:
        return own
    return _votes(text, start, end, left, right, res) or Tense.NONE


def _after_reporting(text: str, left: int, right: int, res: Resources) -> int | None:
    """Where the last reporting verb in ``text[left:right]`` ends, if there is one."""
    found = None
    for match in res.tense_words.finditer(text, left, right):
        if res.tense.get(_marker(match)) == "REPORTED":
            found = match.end()
    return found


def _marker(match: re.Match[str]) -> str:
    """A tense marker as the tense lexicon lists it: lower case, one space between its
    words, straight apostrophes."""
    word = match.group().lower()
    if " " in word or "’" in word or "\n" in word:
        word = " ".join(word.replace("’", "'").split())
    return word


def _votes(text: str, start: int, end: int, left: int, right: int, res: Resources) -> Tense | None:
    """The tense the markers in ``text[left:right]`` (but not in the mention) vote for;
    None when there is none."""
    votes: dict[Tense, int] = {Tense.PAST: 0, Tense.FUTURE: 0, Tense.PRESENT: 0}
    reported = False
    last: tuple[Tense, int] | None = None  # the previous marker and where it ended
    for match in res.tense_words.finditer(text, left, right):
        if start <= match.start() < end:
            continue
        if res.determiner_before.search(text, max(left, match.start() - 8), match.start()):
            continue
        word = _marker(match)
        kind = res.tense.get(word)
        if kind == "REPORTED":
            reported = True
            continue
        if kind is not None:
            tense = _TENSES[kind]
        elif word in res.not_past:
            continue
        else:
            tense = Tense.PAST  # a word in -ed
        if (
            tense is Tense.PAST
            and last is not None
            and last[0] is not Tense.PAST
            and res.auxiliary.issuperset(text[last[1] : match.start()].lower().split())
        ):
            continue  # a participle after "is", "will be": "are used", "will be held"
        last = (tense, match.end())
        votes[tense] += 1
    if res.bare_past is not None:  # "Acme cut prices": a present would be "cuts"
        votes[Tense.PAST] += sum(
            1 for m in res.bare_past.finditer(text, left, right) if not start <= m.start() < end
        )
    past, future = votes[Tense.PAST], votes[Tense.FUTURE]
    if past != future:
        return Tense.PAST if past > future else Tense.FUTURE
    if past:  # as many past as future markers: the clause says nothing clear
        return Tense.NONE
    if votes[Tense.PRESENT]:
        return Tense.PRESENT
    return Tense.PAST if reported else None


def _adjacent(text: str, end: int, match: re.Match[str]) -> bool:
    return not text[end : match.start()].strip()


def tag(
    text: str,
    *,
    lang: str = "auto",
    start: int = 0,
    end: int | None = None,
    everywhere: bool = False,
) -> list[Mention]:
    """Find every temporal expression in ``text[start:end]``, read with language pack
    ``lang`` ("auto": the text's own, see :func:`timeline.lang.detect`).

    Offsets are into ``text``; ``mention.text == text[mention.start:mention.end]``.

    Examples
    --------
    >>> [(m.text, m.rule) for m in tag("In mid-January, it announced a list.")]
    [('mid-January', 'partof_month')]
    """
    check_type("text", text, str)
    check_choice("lang", lang, (packs.AUTO, *packs.codes()))
    check_type("start", start, int)
    if end is not None:
        check_type("end", end, int)
    stop = len(text) if end is None else end
    return tag_reading(read(text, packs.choose(lang, text[start:stop]), start, stop), everywhere)


def tag_reading(reading: Reading, everywhere: bool = False) -> list[Mention]:
    """Find every temporal expression in what ``reading`` read (its sentences bound each
    mention's tense and the reach of a year written in it)."""
    text = reading.text
    res = load(reading.lang)
    settled = _settle(_candidates(text, reading.start, reading.end, res, everywhere=everywhere))
    mentions: list[Mention] = []
    for s, e, index, match in settled:
        rule = res.rules[index]
        expr = _build(rule, match, text[s:e], res)
        if expr is None:
            continue
        paragraph = reading.paragraph_at(s)
        if isinstance(expr, CalendarExpr) and expr.festival is not None:
            expr = _festival_variant(expr, reading, paragraph, s, res)
        if (
            isinstance(expr, CalendarExpr)
            and res.fiscal is not None
            and res.fiscal.search(text, s, e)
        ):
            expr = replace(expr, fiscal=True)
        span = reading.sentence_span(s, e)
        mentions.append(
            Mention(
                start=s,
                end=e,
                text=text[s:e],
                rule=rule.id,
                expr=expr,
                tense=_tense(text, s, e, span, res),
                paragraph=paragraph,
                sentence=span[0],  # what tells its sentence from the others: where it starts
                deadline=res.deadline is not None
                and res.deadline.search(text, max(span[0], s - DEADLINE_REACH), s) is not None,
                background=res.background is not None
                and res.background.search(text, span[0], s) is not None,
                lasting=res.lasting is not None
                and res.lasting.search(text, max(span[0], s - LASTING_REACH), s) is not None,
            )
        )
    return mentions


def _festival_variant(
    expr: CalendarExpr, reading: Reading, paragraph: int, position: int, res: Resources
) -> CalendarExpr:
    """ "New Year's Eve" in a paragraph about the Spring Festival is the lunar one."""
    assert expr.festival is not None
    variant = res.festivals[expr.festival].lunar_variant
    if variant is None:
        return expr
    span = reading.paragraphs[paragraph] if reading.paragraphs else None
    lo = max(span.start if span else 0, position - LUNAR_REACH)
    stop = span.end if span else len(reading.text)
    if res.lunar_context.search(reading.text, lo, min(stop, position + LUNAR_REACH)):
        return replace(expr, festival=variant)
    return expr
