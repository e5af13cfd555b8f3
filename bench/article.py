"""Print every date expression of an article with its resolved value, then its events.

Run: python bench/article.py [FILE] [REF_DATE]
(default: ../shared/corpora/article/xiaohongshu-2023.txt at 2024-01-25, the shared example
article, which the project may read but never copy).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import timeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "article" / "xiaohongshu-2023.txt"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    ref = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date(2024, 1, 25)
    result = timeline.build(path, reference_date=ref)
    print(f"{'offset':>6}  {'expression':<32} {'type':<9} {'value':<11} {'mod':<5} interval")
    text = path.read_text(encoding="utf-8")
    for item in timeline.resolve(text, reference=ref):
        m, t = item.mention, item.timex
        if t is None:
            print(f"{m.start:>6}  {m.text!r:<32} UNRESOLVED")
            continue
        span = f"{t.start} – {t.end}" if t.start else ""
        print(
            f"{m.start:>6}  {m.text!r:<32} {t.type.value:<9} {t.value:<11} {t.mod or '':<5} {span}"
        )
    print()
    print(result.summary())
    print()
    for row in result.events.iter_rows(named=True):
        print(
            f"{row['date_start']} – {row['date_end']}  {row['timex']:<10} {row['category']:<14} "
            f"{row['title']}"
        )


if __name__ == "__main__":
    main()
