"""Event extraction quality on the examples, against gold events written by hand.

Each gold file (``examples/NAME.gold.csv``: timex, category, key) lists the events an analyst
would put on the timeline of ``examples/NAME`` (a file or a folder). An extracted event
matches a gold one when its TIMEX3 value is the same and its sentence contains the key
phrase; each is matched at most once. Prints recall, precision and category accuracy.

Run: python bench/events.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import timeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def score(source: Path, gold_path: Path) -> tuple[int, int, int, int]:
    """(gold events, extracted events, matched, matched with the right category)."""
    with gold_path.open(encoding="utf-8") as handle:
        gold = list(csv.DictReader(handle))
    events = timeline.build(source).events.to_dicts()
    used: set[int] = set()
    matched = right = 0
    for row in gold:
        for index, event in enumerate(events):
            if index in used or event["timex"] != row["timex"]:
                continue
            if row["key"].lower() in event["sentence"].lower():
                used.add(index)
                matched += 1
                right += event["category"] == row["category"]
                break
    return len(gold), len(events), matched, right


def main() -> None:
    print(f"{'example':<26}{'gold':>5}{'found':>6}{'recall':>8}{'precision':>10}{'category':>9}")
    totals = [0, 0, 0, 0]
    for gold_path in sorted(EXAMPLES.glob("*.gold.csv")):
        name = gold_path.name.removesuffix(".gold.csv")
        source = next(
            p
            for p in EXAMPLES.iterdir()
            if p.name.startswith(name)
            and p != gold_path
            and not p.name.endswith((".ref", ".png", ".csv"))
        )
        counts = score(source, gold_path)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        print(_row(name, *counts))
    print(_row("all", *totals))


def _row(name: str, gold: int, found: int, matched: int, right: int) -> str:
    recall = matched / gold if gold else 0.0
    precision = matched / found if found else 0.0
    accuracy = right / matched if matched else 0.0
    return f"{name:<26}{gold:>5}{found:>6}{recall:>8.2f}{precision:>10.2f}{accuracy:>9.2f}"


if __name__ == "__main__":
    main()
