"""Time `timeline build` on pathological but legal inputs, each at two sizes (the second 10x the
first): the ratio of the times shows whether the build stays linear in its input (about 10).

The cases, generated in a temp folder (fixed seed):

- one line: a plain-text article of sentences with no line break at all;
- short lines: a text file of many short lines (no blank line: one paragraph);
- lines, no full stop: the same lines without a full stop (a list, a log): one sentence;
- nested divs: an HTML page of divs each inside the one before, a sentence in each;
- JSONL line: a JSONL file of one document whose text is the whole size;
- JSONL over the limit: one JSONL document larger than an article may be (refused at once,
  with the same one-line error as a text file over the limit).

Each build runs in a child process (so that one past ``--timeout`` can be stopped) that times
the public API in process: ``timeline.build(FILE)`` and ``Timeline.write_csv``, after a first
tiny build (the imports and the loading of the rules are not the input's cost). No reference
date is given: each text names its years, and the build infers it, as it would for such a file.
The ratio is of the wall times, the cpu ratio of the child's CPU times (steadier on a busy
machine). ``PYTHONPATH=OTHER/CHECKOUT`` times another version of the code.

Run: python bench/pathological.py [--case NAME ...] [--timeout SECONDS] [--scale X]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PEOPLE = ["Mei Lin", "Jonas Berg", "Ana Ruiz", "Ola Nowak", "Raj Patel", "Ines Costa"]
COMPANIES = ["Acme Robotics", "Lanting Foods", "Orbit Cloud", "Harbor Motors", "Nimbus Media"]
ACTIONS = [
    "opened a store in Lyon",
    "appointed {person} as chief executive",
    "signed a partnership with {other}",
    "closed its plant in Osaka",
    "raised {n} million dollars",
    "held its partner conference",
    "acquired {other}",
]
WHEN = ["in May 2023", "last week", "on Tuesday", "in the third quarter", "in March 2022", ""]
# short lines, some without a full stop (a list, a log): a run of them is one "sentence"
SHORT_LINES = ["Sales rose.", "In May it grew", "Prices fell", "Ok.", "Acme left", "Q{q} results"]


def sentence(rng: random.Random) -> str:
    """One short business-news sentence, dated or not."""
    action = rng.choice(ACTIONS).format(
        person=rng.choice(PEOPLE), other=rng.choice(COMPANIES), n=rng.randint(2, 900)
    )
    when = rng.choice(WHEN)
    return f"{rng.choice(COMPANIES)} {action}{' ' + when if when else ''}."


def one_line(path: Path, size: int, rng: random.Random) -> Path:
    """About ``size`` bytes of sentences, no line break."""
    parts: list[str] = []
    total = 0
    while total < size:
        parts.append(sentence(rng))
        total += len(parts[-1]) + 1
    path = path.with_suffix(".txt")
    path.write_text(" ".join(parts), encoding="utf-8")
    return path


def short_lines(path: Path, lines: int, rng: random.Random, *, stops: bool = True) -> Path:
    """``lines`` short lines, no blank line (one paragraph), a third of them dated; without
    ``stops``, none ends with a full stop (a list, a log: one sentence to syntok)."""
    path = path.with_suffix(".txt")
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(lines):
            line = rng.choice(SHORT_LINES).format(q=rng.randint(1, 4))
            if rng.random() < 0.2:
                line = f"Paid {rng.randint(2, 999)} in {rng.randint(1990, 2024)}"
            handle.write((line if stops else line.rstrip(".")) + "\n")
    return path


def no_stops(path: Path, lines: int, rng: random.Random) -> Path:
    return short_lines(path, lines, rng, stops=False)


def nested_divs(path: Path, depth: int, rng: random.Random) -> Path:
    """``depth`` divs, each opened inside the one before, a sentence in every tenth."""
    head = '<html><head><title>Nested</title><meta name="date" content="2024-01-25"></head>'
    body = "".join(f"<div>{sentence(rng)}" if i % 10 == 0 else "<div>" for i in range(depth))
    path = path.with_suffix(".html")
    path.write_text(f"{head}<body>{body}{'</div>' * depth}</body></html>\n", encoding="utf-8")
    return path


def jsonl_line(path: Path, size: int, rng: random.Random) -> Path:
    """One JSONL document of about ``size`` bytes of text."""
    text = one_line(path, size, rng).read_text(encoding="utf-8")
    path = path.with_suffix(".jsonl")
    path.write_text(json.dumps({"id": "big", "text": text}) + "\n", encoding="utf-8")
    return path


def jsonl_over(path: Path, size: int, rng: random.Random) -> Path:
    """One JSONL document of ``size`` bytes of text (cheap to make: one sentence repeated)."""
    one = sentence(rng) + " "
    path = path.with_suffix(".jsonl")
    path.write_text(
        json.dumps({"id": "huge", "text": one * (size // len(one))}) + "\n", encoding="utf-8"
    )
    return path


Maker = Callable[[Path, int, random.Random], Path]
MB = 1_000_000
# name, generator, the two sizes, how a size is shown
CASES: list[tuple[str, Maker, tuple[int, int], Callable[[int], str]]] = [
    ("one line", one_line, (MB // 10, MB), lambda n: f"{n / MB:g} MB"),
    ("short lines", short_lines, (10_000, 100_000), lambda n: f"{n:,} lines"),
    ("lines, no full stop", no_stops, (10_000, 100_000), lambda n: f"{n:,} lines"),
    ("nested divs", nested_divs, (10_000, 100_000), lambda n: f"{n:,} divs"),
    ("JSONL line", jsonl_line, (MB // 10, MB), lambda n: f"{n / MB:g} MB"),
    ("JSONL over the limit", jsonl_over, (25 * MB, 250 * MB), lambda n: f"{n / MB:g} MB"),
]


@dataclass
class Run:
    """One timed build: seconds (wall and CPU), events, or why there are none."""

    seconds: float | None = None
    cpu: float | None = None
    events: int | None = None
    error: str | None = None  # the build's one-line error (a refused input)
    timeout: float | None = None
    crash: str | None = None

    def shown(self) -> str:
        if self.timeout is not None:
            return f">{self.timeout:g}"
        if self.crash is not None:
            return "crash"
        return "-" if self.seconds is None else f"{self.seconds:.2f}"

    def note(self) -> str:
        if self.crash is not None:
            return self.crash
        if self.error is not None:  # "FILE:LINE is N MB, more than one article can be ..."
            return f"refused at {self.error.rpartition(' is ')[2].split(',')[0]}"
        return "" if self.events is None else f"{self.events} events"


def run_one(file: Path, out: Path) -> dict[str, object]:
    """In the child: build ``file`` and write its CSV, timed."""
    import timeline

    # the first build loads the rules, the taxonomy, polars...: not the input's cost
    timeline.build("In May 2023 Acme opened a store.", reference_date=date(2024, 1, 25)).close()
    started, cpu = time.perf_counter(), time.process_time()
    result: dict[str, object] = {}
    try:
        with timeline.build(file) as built:
            built.write(out / "events.csv")
            result["events"] = built.events.height
    except timeline.InputError as exc:
        result["error"] = str(exc)
    result["seconds"] = time.perf_counter() - started
    result["cpu"] = time.process_time() - cpu
    return result


def timed(file: Path, out: Path, timeout: float) -> Run:
    """Build ``file`` in a child process, stopped past ``timeout`` seconds."""
    command = [sys.executable, __file__, "--child", str(file), str(out)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return Run(timeout=timeout)
    except subprocess.CalledProcessError as exc:
        return Run(crash=(exc.stderr.strip().splitlines() or ["no output"])[-1][:80])
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(**found)


def _ratio(small: Run, large: Run, key: str) -> str:
    first, second = getattr(small, key), getattr(large, key)
    if first is None or second is None:
        return ""
    return f"{second / max(first, 1e-9):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per build")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--only", choices=["small", "large"], help="run one of the sizes")
    parser.add_argument("--child", nargs=2, metavar=("FILE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(Path(args.child[0]), Path(args.child[1]))))
        return
    cases = [c for c in CASES if not args.case or c[0] in args.case]
    print(
        f"{'case':<21} {'size 1':>13} {'s':>6} {'size 2':>15} {'s':>6} {'ratio':>6}"
        f" {'cpu ratio':>9}  notes"
    )
    with tempfile.TemporaryDirectory(prefix="pathological-") as folder:
        for name, make, sizes, show in cases:
            runs: list[Run] = []
            for which, size in zip(("small", "large"), sizes, strict=True):
                size = int(size * args.scale)
                if args.only and which != args.only:
                    runs.append(Run())
                    continue
                stem = Path(folder) / f"{name.replace(' ', '-')}-{which}"
                file = make(stem, size, random.Random(7))
                out = stem.with_name(stem.name + "-out")
                out.mkdir()
                runs.append(timed(file, out, args.timeout))
                file.unlink()
            small, large = runs
            sizes_shown = [show(int(size * args.scale)) for size in sizes]
            notes = "; ".join(dict.fromkeys(n for n in (small.note(), large.note()) if n))
            print(
                f"{name:<21} {sizes_shown[0]:>13} {small.shown():>6} {sizes_shown[1]:>15}"
                f" {large.shown():>6} {_ratio(small, large, 'seconds'):>6}"
                f" {_ratio(small, large, 'cpu'):>9}  {notes}",
                flush=True,
            )


if __name__ == "__main__":
    main()
