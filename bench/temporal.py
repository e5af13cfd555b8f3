"""Accuracy and speed of temporal tagging, against the libraries a user would pick instead.

Runs, in one process and on the same TBAQ text (each document with its DCT as reference
date): this project, dateparser's ``search_dates`` and Microsoft Recognizers-Text
(``pip install recognizers-text-suite 'emoji<2'``), scored the TempEval-3 way. Then this
project's ``tag`` throughput at growing text sizes, to show time grows linearly.

Run: python bench/temporal.py [CORPUS_DIR] [--limit N] [--skip-slow]
(default corpus: ../shared/corpora/timeml/tbaq beside the project.)
"""

from __future__ import annotations

import argparse
import importlib.util
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from timeline.evaluate import Scores, SystemTimex, corpus_files, from_resolved, score_document
from timeline.temporal import resolve, tag
from timeline.timeml import AnnotatedDocument, read_timeml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "timeml" / "tbaq"
Tagger = Callable[[str, date], list[SystemTimex]]


def ours(text: str, reference: date) -> list[SystemTimex]:
    return from_resolved(resolve(text, reference=reference))


def dateparser_search(text: str, reference: date) -> list[SystemTimex]:
    """search_dates gives substrings without offsets: find each in order, as users do."""
    from dateparser.search import search_dates

    base = datetime(reference.year, reference.month, reference.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out: list[SystemTimex] = []
    cursor = 0
    for item in found:
        substring, when = item[0], item[1]
        start = text.find(substring, cursor)
        if start < 0:
            continue
        cursor = start + len(substring)
        out.append(SystemTimex(start, cursor, substring, "DATE", when.date().isoformat()))
    return out


_RECOGNIZER_TYPES = {
    "date": "DATE",
    "daterange": "DATE",
    "duration": "DURATION",
    "set": "SET",
    "time": "TIME",
    "timerange": "TIME",
    "datetime": "TIME",
    "datetimerange": "TIME",
}


def recognizers(text: str, reference: date) -> list[SystemTimex]:
    """Recognizers-Text's TIMEX value; an underspecified year (XXXX) takes the year of its
    first (past) resolution, as a user would."""
    from recognizers_suite import Culture, recognize_datetime

    base = datetime(reference.year, reference.month, reference.day)
    out: list[SystemTimex] = []
    for result in recognize_datetime(text, Culture.English, reference=base):
        values = (result.resolution or {}).get("values") or [{}]
        first = values[0]
        value = first.get("timex")
        resolved = first.get("value") or first.get("start")
        if value and value.startswith("XXXX") and resolved and "-" in resolved:
            value = resolved[:4] + value[4:]
        kind = _RECOGNIZER_TYPES.get(result.type_name.split(".")[-1])
        out.append(SystemTimex(result.start, result.end + 1, result.text, kind, value))
    return out


def run(name: str, tagger: Tagger, docs: list[AnnotatedDocument]) -> tuple[Scores, float]:
    scores = Scores()
    elapsed = 0.0
    for doc in docs:
        start = time.perf_counter()
        system = tagger(doc.text, doc.dct)
        elapsed += time.perf_counter() - start
        score_document(doc, scores, system)
    return scores, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--skip-slow", action="store_true", help="leave out Recognizers-Text")
    args = parser.parse_args()
    docs = [read_timeml(p) for p in corpus_files([args.corpus])]
    if args.limit:
        docs = docs[: args.limit]
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 1000
    resolve("warm up: 3 March 2021", reference=date(2024, 1, 1))  # load data and dateparser
    systems: list[tuple[str, Tagger]] = [("timeline", ours), ("dateparser", dateparser_search)]
    if args.skip_slow:
        pass
    elif importlib.util.find_spec("recognizers_suite") is None:
        print("recognizers-text: not installed (pip install recognizers-text-suite 'emoji<2')")
    else:
        systems.append(("recognizers-text", recognizers))
    print(
        f"{len(docs)} documents, {size:.0f} KB of text, {sum(len(d.timexes) for d in docs)} TIMEX3"
    )
    print(
        f"{'system':<18}{'value F1':>9}{'relaxed F1':>11}{'strict F1':>10}{'type F1':>8}"
        f"{'KB/s':>9}{'vs timeline':>12}"
    )
    ours_speed = 0.0
    for name, tagger in systems:
        scores, elapsed = run(name, tagger, docs)
        speed = size / elapsed if elapsed else float("inf")
        ours_speed = ours_speed or speed
        print(
            f"{name:<18}{scores.value_f1:>9.3f}{scores.relaxed_prf[2]:>11.3f}"
            f"{scores.strict_prf[2]:>10.3f}{scores.type_f1:>8.3f}{speed:>9.0f}"
            f"{speed / ours_speed:>11.2f}x"
        )
    print()
    text = "\n\n".join(d.text for d in docs)
    print(f"{'text size':>10}{'tag s':>9}{'KB/s':>9}")
    for target in (10_000, 100_000, 1_000_000, 10_000_000):
        sample = (text * (target // len(text) + 1))[:target]
        start = time.perf_counter()
        tag(sample)
        elapsed = time.perf_counter() - start
        print(f"{target // 1000:>8}KB{elapsed:>9.3f}{target / 1000 / elapsed:>9.0f}")
    pathological()


PATHOLOGICAL = {
    "digits": "1234567890",
    "month names": "January February March ",
    "last last last": "last ",
    "nested brackets": "((((((((((",
    "years": "2023 ",
    "relative phrases": "the end of last year and early next month, ",
}


def pathological() -> None:
    """Adversarial inputs at 250 KB and 1 MB: time must grow linearly, not explode."""
    print()
    print(f"{'adversarial input':<20}{'250 KB s':>10}{'1 MB s':>9}{'ratio':>7}")
    for name, unit in PATHOLOGICAL.items():
        times = []
        for size in (250_000, 1_000_000):
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            resolve(text, reference=date(2024, 1, 25))
            times.append(time.perf_counter() - start)
        print(f"{name:<20}{times[0]:>10.2f}{times[1]:>9.2f}{times[1] / times[0]:>7.1f}")


if __name__ == "__main__":
    main()
