"""The tagger on whole texts: the trigger windows that make it fast change no result."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.temporal import tag

ROOT = Path(__file__).resolve().parent.parent.parent
TEXTS = sorted((ROOT / "examples").glob("*.md")) + sorted((ROOT / "examples").glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_tagger_windows_equal_full_scan(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tag(text) == tag(text, everywhere=True)


def test_tagger_word_inside_word_is_no_trigger() -> None:
    assert [m.text for m in tag("its first quarterly loss")] == []
