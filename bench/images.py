"""Static image export: how many images get written, and how long each takes.

Builds the shipped example (examples/lanting-2023-review.md) once, then draws its chart
as a build does, RUNS times (default 20):

- ``pair``: a PNG and an SVG in one call (``timeline.render.write_images``), what
  ``timeline build --png --svg`` does: one browser for the two;
- ``batch``: RUNS images (PNG and SVG in turn) in one call: one browser for them all;
- ``each``: a PNG, then an SVG, each on its own (``Timeline.write``): a browser an image,
  as every build did before write_images.

Run: python bench/images.py [RUNS] [MODE ...]   (needs Chromium: BROWSER_PATH or PATH)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import timeline
from timeline import render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"
KINDS = ("png", "svg")


def _written(paths: list[Path]) -> int:
    return sum(1 for p in paths if p.is_file() and p.stat().st_size > 0)


def _calls(result: timeline.Timeline, folder: Path, mode: str, runs: int) -> list[list[Path]]:
    """The paths of each call of ``mode``."""
    if mode == "batch":
        return [[folder / f"b{i}.{KINDS[i % 2]}" for i in range(runs)]]
    if mode == "pair":
        return [[folder / f"p{i}.{kind}" for kind in KINDS] for i in range(runs)]
    return [[folder / f"e{i}.{kind}"] for i in range(runs) for kind in KINDS]


def bench(result: timeline.Timeline, folder: Path, mode: str, runs: int) -> tuple[int, ...]:
    """Images attempted, written, failed calls' images, and seconds in all."""
    figure = result.figure()

    def draw(paths: list[Path]) -> object:
        if mode == "each":
            return result.write(paths[0])
        return render.write_images(figure, [(p, None) for p in paths])

    attempted = written = failed = 0
    start = time.perf_counter()
    for paths in _calls(result, folder, mode, runs):
        attempted += len(paths)
        try:
            draw(paths)
        except Exception as exc:  # counted, and said, not raised
            failed += len(paths)
            print(f"  {mode}: {type(exc).__name__}: {str(exc)[:160]}", file=sys.stderr)
        written += _written(paths)
    return attempted, written, failed, round(time.perf_counter() - start, 1)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    modes = sys.argv[2:] or ["pair", "batch", "each"]
    result = timeline.build(EXAMPLE)
    print(f"{runs} runs of {EXAMPLE.name} ({len(result.events)} events)")
    print(f"{'mode':<6} {'attempted':>9} {'written':>8} {'failures':>8} {'s/image':>8} {'s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for mode in modes:
            attempted, written, failed, seconds = bench(result, Path(tmp), mode, runs)
            per = seconds / attempted if attempted else 0.0
            line = f"{mode:<6} {attempted:>9} {written:>8} {failed:>8} {per:>8.2f} {seconds:>7}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
