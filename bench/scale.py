"""Throughput and peak memory of `timeline build` on a synthetic corpus of our own making.

Generates short business-news documents (fixed seed), writes them as a JSONL corpus, and runs
`timeline build` in a fresh process for each corpus size and number of processes, printing
documents/s, MB/s and peak resident memory.

Run: python bench/scale.py [SIZES...] [--jobs 1 2]   (default sizes: 100 1000 5000)
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.documents import Document

# names and objects vary enough that nearly every report is an event of its own, as in a real
# archive (a handful of repeated sentences would merge into few events and hide the cost)
PREFIXES = ["Ac", "Lan", "Or", "Har", "Nim", "Ke", "Zo", "Bel", "Cor", "Pax", "Ver", "Tal"]
SUFFIXES = ["me", "ting", "bit", "bor", "bus", "el", "rix", "ona", "dex", "ium", "ova", "ent"]
SECTORS = ["Robotics", "Foods", "Cloud", "Motors", "Media", "Health", "Logistics", "Retail"]
CITIES = ["Leipzig", "Osaka", "Lyon", "Austin", "Porto", "Pune", "Gdansk", "Busan", "Quito"]
PEOPLE = ["Mei Lin", "Jonas Berg", "Ana Ruiz", "Ola Nowak", "Raj Patel", "Ines Costa", "Bo Li"]
ACTIONS = [
    "launched a new storefront in {city}",
    "merged its {city} and {city2} sales teams",
    "appointed {person} as chief executive",
    "signed a logistics partnership with {other}",
    "closed its plant in {city}",
    "raised {n} million dollars in a funding round",
    "held its annual partner conference in {city}",
    "ran a Double 11 promotion with {other}",
    "introduced stricter rules for sellers in {city}",
    "acquired {other} for {n} million dollars",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]
WHEN = [
    "in {month}",
    "last week",
    "on Tuesday",
    "in the second half of the year",
    "in mid-{month}",
    "at the end of last year",
    "in the third quarter",
    "two days later",
    "in {year}",
    "on {month} {day}",
    "early next month",
    "in {month} last year",
]


def _company(rng: random.Random) -> str:
    return f"{rng.choice(PREFIXES)}{rng.choice(SUFFIXES)} {rng.choice(SECTORS)}"


def document(rng: random.Random, number: int) -> dict[str, str]:
    year = rng.randint(2019, 2024)
    day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sentences = []
    for _ in range(rng.randint(3, 8)):
        action = rng.choice(ACTIONS).format(
            city=rng.choice(CITIES),
            city2=rng.choice(CITIES),
            person=rng.choice(PEOPLE),
            other=_company(rng),
            n=rng.randint(2, 900),
        )
        when = rng.choice(WHEN).format(
            month=rng.choice(MONTHS), year=rng.randint(2015, 2024), day=rng.randint(1, 28)
        )
        sentences.append(f"{when[0].upper()}{when[1:]}, {_company(rng)} {action}.")
        if rng.random() < 0.3:
            sentences.append(f"The company said sales rose {rng.randint(2, 90)} percent.")
    return {"id": f"doc-{number}", "date": day, "text": " ".join(sentences)}


_PROBE = (
    "import resource, sys\n"
    "from timeline.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,\n"
    "           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "print('PEAK', peak, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def documents(count: int) -> list[Document]:
    """The first ``count`` documents (the fixed seed) as the pipeline reads them: what the
    benchmarks of the work on each document process (`bench/instructions.py`,
    `bench/cputime.py`), with the `timeline` of whatever checkout is on the path."""
    from timeline.documents import document_from_text

    rng = random.Random(7)
    found = []
    for number in range(count):
        raw = document(rng, number)
        found.append(
            document_from_text(
                raw["text"], doc_id=raw["id"], reference_date=date.fromisoformat(raw["date"])
            )
        )
    return found


def run(corpus: Path, jobs: int, out: Path) -> tuple[float, int]:
    """Seconds and peak memory (KiB, the largest process) of one `timeline build`."""
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROBE,
            "build",
            str(corpus),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
            "--quiet",
            "--plotlyjs",
            "cdn",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    peak = next(
        int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK")
    )
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    args = parser.parse_args()
    rng = random.Random(7)
    print(
        f"{'documents':>10}{'MB':>7}{'jobs':>6}{'seconds':>9}{'docs/s':>9}{'MB/s':>7}"
        f"{'peak MiB':>10}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            corpus = Path(folder) / f"corpus-{size}.jsonl"
            with corpus.open("w", encoding="utf-8") as handle:
                for number in range(size):
                    handle.write(json.dumps(document(rng, number)) + "\n")
            megabytes = corpus.stat().st_size / 1e6
            for jobs in args.jobs:
                seconds, peak = run(corpus, jobs, Path(folder) / "out")
                print(
                    f"{size:>10}{megabytes:>7.2f}{jobs:>6}{seconds:>9.1f}{size / seconds:>9.0f}"
                    f"{megabytes / seconds:>7.2f}{peak / 1024:>10.0f}"
                )


if __name__ == "__main__":
    main()
