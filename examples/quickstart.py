"""Python API walkthrough: build a timeline from an example article and look at it.

Run: python examples/quickstart.py [OUTPUT_FOLDER]
"""

import sys
from datetime import date
from pathlib import Path

import timeline

here = Path(__file__).parent
out = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "output"

# 1. Dates alone: find and resolve every temporal expression in a text.
for item in timeline.resolve(
    "In mid-January, the company announced a list; last year's 618 was its best.",
    reference=date(2024, 1, 25),
):
    print(item.mention.text, "→", item.timex.value, item.timex.start, item.timex.end)

# 2. The whole job on an article (its front matter gives the reference date).
result = timeline.build(here / "lanting-2023-review.md")
print(result.summary())
print(result.events.select("date_start", "date_end", "category", "title").head(5))

# 3. Outputs.
result.write(out / "quickstart.csv")
result.write(out / "quickstart.html")
