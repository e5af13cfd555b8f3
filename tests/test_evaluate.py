"""timeline eval: TimeML reading and TempEval-3 scoring, on a fixture we wrote."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import document_from_text, resolve, to_timeml
from timeline.cli import cli
from timeline.evaluate import Scores, SystemTimex, evaluate, score_document
from timeline.timeml import read_timeml

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "sample.tml"


def test_evaluate_reads_timeml_offsets() -> None:
    doc = read_timeml(SAMPLE)
    assert doc.dct == date(2024, 1, 25)
    assert len(doc.timexes) == 8
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text


def test_evaluate_scores_the_fixture() -> None:
    scores = evaluate([FIXTURES])
    assert (scores.documents, scores.gold) == (1, 8)
    # "May" in a past sentence of January 2024: the tagger says 2023-05 too
    assert scores.relaxed_prf == (1.0, 1.0, 1.0)
    assert scores.value_f1 == pytest.approx(1.0)
    assert scores.type_f1 == pytest.approx(1.0)


def test_evaluate_measures_follow_tempeval3() -> None:
    doc = read_timeml(SAMPLE)
    gold = doc.timexes
    system = [
        SystemTimex(gold[0].start, gold[0].end, gold[0].text, "DATE", gold[0].value),  # right
        SystemTimex(gold[1].start + 4, gold[1].end, "x", "DATE", "1999"),  # overlap, wrong
        SystemTimex(0, 4, "Acme", "DATE", "2020"),  # spurious
    ]
    scores = Scores()
    score_document(doc, scores, system)
    assert (scores.strict, scores.relaxed, scores.value, scores.type) == (1, 2, 1, 2)
    p, r, f = scores.relaxed_prf
    assert (p, r) == (pytest.approx(2 / 3), pytest.approx(2 / 8))
    assert scores.value_f1 == pytest.approx(0.5 * f)
    kinds = sorted(e.kind for e in scores.errors)
    assert kinds.count("missed") == 6
    assert {"spurious", "value", "span"} <= set(kinds)


def test_evaluate_own_timeml_output_scores_perfectly(tmp_path: Path) -> None:
    text = "---\ndate: 2024-01-25\n---\nIt opened in March 2021, closed two days later and "
    text += "reopened last week."
    doc = document_from_text(text, doc_id="x")
    assert doc.reference_date is not None
    found = resolve(doc.text, reference=doc.reference_date, start=doc.body_start)
    (tmp_path / "x.tml").write_text(to_timeml(doc, found), encoding="utf-8")
    scores = evaluate([tmp_path / "x.tml"])
    assert scores.gold == 3
    assert scores.strict_prf[2] == 1.0
    assert scores.value_f1 == 1.0


def test_evaluate_cli_prints_scores_and_errors() -> None:
    result = CliRunner().invoke(cli, ["eval", str(FIXTURES), "--errors"])
    assert result.exit_code == 0, result.output
    assert "documents 1  gold TIMEX3 8" in result.output
    assert "value F1" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval", "nowhere"], "no such file or folder"),
        (["eval", str(FIXTURES.parent / "golden")], "has no .tml files"),
    ],
)
def test_evaluate_cli_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert message in result.output
