"""Start-up time of the CLI commands, and which heavy libraries each one loads.

`timeline resolve` and `timeline tag` must not import plotly (nor polars): they are called
from other tools, often once per text. Run: python bench/startup.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
PROBE = (
    "import sys, runpy; sys.argv = {argv!r}\n"
    "try:\n    runpy.run_module('timeline', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "print('\\nLOADED', *[m for m in ('plotly', 'polars', 'dateparser', 'pysbd') "
    "if m in sys.modules], file=sys.stderr)"
)
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "timeline --help": [sys.executable, "-m", "timeline", "--help"],
    "timeline resolve": [
        sys.executable,
        "-m",
        "timeline",
        "resolve",
        "December last year",
        "--ref-date",
        "2024-01-25",
    ],
    "timeline tag": [
        sys.executable,
        "-m",
        "timeline",
        "tag",
        "examples/lanting-2023-review.md",
    ],
}


def loaded(argv: list[str]) -> str:
    code = PROBE.format(argv=["timeline", *argv[3:]])
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    line = [x for x in proc.stderr.splitlines() if x.startswith("LOADED")]
    return " ".join(line[-1].split()[1:]) if line else "-"


def main() -> None:
    print(f"{'command':<20} {'median s':>9} {'min s':>7}  heavy modules loaded")
    for name, argv in COMMANDS.items():
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        mods = loaded(argv) if argv[1:3] == ["-m", "timeline"] else "-"
        print(f"{name:<20} {statistics.median(times):>9.3f} {min(times):>7.3f}  {mods or 'none'}")


if __name__ == "__main__":
    main()
