"""CPU time of `process_document` and of its stages, for one or more checkouts, interleaved.

`bench/instructions.py` counts instructions, which repeat exactly but do not track time across
very different code: at `53966ea` the event stage counted more instructions than today's and
took 30% less CPU time. This script times what a user waits for, on the same documents as
`bench/instructions.py` (`bench/scale.py`'s, fixed seed: 20 to warm up, then N), each checkout
in a fresh process, the checkouts taking turns for ``--rounds`` rounds; it prints the median of
each. Compare commits with worktrees: `git worktree add /tmp/old REV`, then
`python bench/cputime.py . /tmp/old`.

Run: python bench/cputime.py [CHECKOUT ...] [--documents 220] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAGES = ("read", "tag_reading", "resolve_all", "extract_events")
WARM_UP = 20


def _work(count: int) -> dict[str, float]:
    """CPU seconds of each stage over ``count`` scale documents after WARM_UP (the child's job,
    with the checkout on its path)."""
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import scale

    import timeline.batches as batches

    docs = scale.documents(WARM_UP + count)
    for doc in docs[:WARM_UP]:
        batches.process_document(doc)
    spent: dict[str, float] = {}

    def timed(name: str, work: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return work(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start

        return run

    for name in STAGES:
        if hasattr(batches, name):
            setattr(batches, name, timed(name, getattr(batches, name)))
    start = time.process_time()
    for doc in docs[WARM_UP:]:
        batches.process_document(doc)
    spent["total"] = time.process_time() - start
    return spent


def _measure(checkout: Path, documents: int) -> dict[str, float]:
    """CPU seconds per stage of one fresh process working on ``checkout``'s code."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(checkout)}
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(documents)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="*", type=Path, default=[Path(".")])
    parser.add_argument("--documents", type=int, default=220)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(_work(args.child)))
        return
    checkouts = [c.resolve() for c in args.checkouts]
    runs: dict[Path, list[dict[str, float]]] = {c: [] for c in checkouts}
    for _ in range(args.rounds):
        for checkout in checkouts:
            runs[checkout].append(_measure(checkout, args.documents))
    columns = ("total", *STAGES)
    print(f"CPU seconds, median of {args.rounds}, {args.documents} documents after {WARM_UP}")
    print(f"{'checkout':<28}" + "".join(f"{c:>15}" for c in columns))
    for checkout, results in runs.items():
        cells = [statistics.median(r.get(c, 0.0) for r in results) for c in columns]
        print(f"{str(checkout)[-28:]:<28}" + "".join(f"{v:>15.3f}" for v in cells))


if __name__ == "__main__":
    main()
