"""The tagger on whole texts: the trigger windows that make it fast change no result."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.model import Tense
from timeline.temporal import tag

ROOT = Path(__file__).resolve().parent.parent.parent
TEXTS = sorted((ROOT / "examples").glob("*.md")) + sorted((ROOT / "examples").glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_tagger_windows_equal_full_scan(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tag(text) == tag(text, everywhere=True)


def test_tagger_word_inside_word_is_no_trigger() -> None:
    assert [m.text for m in tag("its first quarterly loss")] == []


TENSES = [
    # (sentence, the mention's tense): the clause's verbs, as the normalizer sees them
    ("In January, the company brought in a new chief executive.", Tense.PAST),  # irregular
    ("The thrift announced the plan Aug. 21.", Tense.PAST),  # noun "plan", reporting verb
    ("The board said Friday.", Tense.PAST),  # only a reporting verb
    ("The proposed merger will close in March.", Tense.FUTURE),  # "proposed" is an adjective
    ("It announced in October that it would act.", Tense.PAST),  # "would" is another clause
    ("The shares would be paid in January.", Tense.FUTURE),
    ("The talks are scheduled to resume Monday.", Tense.FUTURE),
    ("Sales rose in May but will fall in June.", Tense.PAST),
    ("Prices are high in winter.", Tense.PRESENT),
]


@pytest.mark.parametrize(("text", "tense"), TENSES, ids=[t for t, _ in TENSES])
def test_tagger_clause_tense(text: str, tense: Tense) -> None:
    assert [m.tense for m in tag(text)][:1] == [tense]
