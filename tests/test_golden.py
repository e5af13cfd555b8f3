"""End-to-end golden files: each example article → events CSV and figure JSON, compared
exactly. Regenerate with `pytest --update-golden` and review the diff like code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import build

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = ["lanting-2023-review.md", "orbit-press-release.txt"]


def _figure_json(result) -> str:
    fig = result.figure().to_dict()
    fig["layout"].pop("template", None)
    return json.dumps(fig, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", EXAMPLES)
def test_golden_example(name: str, tmp_path: Path, update_golden: bool) -> None:
    result = build(ROOT / "examples" / name)
    csv = result.write(tmp_path / "events.csv").read_text(encoding="utf-8")
    outputs = {
        f"{Path(name).stem}.events.csv": csv,
        f"{Path(name).stem}.figure.json": _figure_json(result),
    }
    for filename, actual in outputs.items():
        golden = GOLDEN / filename
        if update_golden:
            golden.write_text(actual, encoding="utf-8")
        assert golden.exists(), f"{golden} is missing: run pytest --update-golden"
        assert actual == golden.read_text(encoding="utf-8"), f"{filename} differs from golden"
