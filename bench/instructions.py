"""Instructions per document of `process_document`, counted by valgrind's callgrind: a measure
of the event pipeline's cost that this shared machine's wall clock (±20% between runs) cannot
give.

Builds `bench/scale.py`'s documents (fixed seed), processes 20 of them to warm up and then N,
under callgrind, for two values of N; the difference over the difference in N is what one
document costs, start-up and imports cancelled out. Compare two commits by running it with
each on PYTHONPATH (`git worktree add /tmp/old REV`, then `PYTHONPATH=/tmp/old python
bench/instructions.py`). Needs valgrind; hash seeds are fixed so that runs repeat. Counts do not
track time across very different code: compare commits' CPU time with `bench/cputime.py`.

Run: python bench/instructions.py [--small 20] [--large 220]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

WARM_UP = 20


def _work(count: int) -> None:
    """Process WARM_UP + ``count`` scale documents (the child's job)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import scale

    from timeline.batches import process_document

    for doc in scale.documents(WARM_UP + count):
        process_document(doc)


def _count(count: int) -> int:
    """Instructions callgrind counts for a child processing ``count`` documents."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            os.path.realpath(sys.executable),
            __file__,
            "--child",
            str(count),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if found is None:
        msg = f"no instruction count in valgrind's output:\n{proc.stderr[-500:]}"
        raise SystemExit(msg)
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=220)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _work(args.child)
        return
    small, large = _count(args.small), _count(args.large)
    import timeline

    per = (large - small) / (args.large - args.small)
    print(f"{'timeline':<10} {Path(timeline.__file__).parent.parent}")
    print(f"{'documents':<10} {args.large - args.small}")
    print(f"{'M instr':<10} {(large - small) / 1e6:,.0f}")
    print(f"{'per doc':<10} {per / 1e6:,.2f} M")


if __name__ == "__main__":
    main()
