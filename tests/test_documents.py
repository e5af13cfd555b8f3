"""Inputs: text, HTML and JSONL files, folders, globs; and where reference dates come from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline import build
from timeline.documents import expand_inputs, load_documents
from timeline.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def test_documents_html_text_title_and_date() -> None:
    (doc,) = load_documents(FIXTURES / "page.html")
    assert doc.title == "Acme opens a plant"
    assert (doc.reference_date, doc.reference_basis) == (date(2021, 3, 10), "html metadata")
    assert "Leipzig" in doc.text
    assert "tracking" not in doc.text  # scripts are not text
    assert "color" not in doc.text


def test_documents_html_events() -> None:
    result = build(FIXTURES / "page.html")
    # "said on Wednesday that it opened ... last week": the opening was last week
    assert result.events["timex"].to_list() == ["2021-W09", "2021-03-03", "2022-H1"]


def test_documents_jsonl_one_per_line() -> None:
    docs = list(load_documents(FIXTURES / "corpus.jsonl"))
    assert [d.doc_id for d in docs] == ["a1", "a2", "corpus-4"]
    assert docs[0].url == "https://example.com/a1"
    assert (docs[0].reference_date, docs[0].reference_basis) == (date(2023, 5, 2), "jsonl")
    assert docs[1].reference_date is None


@pytest.mark.parametrize(
    ("line", "message"),
    [("{not json", "corpus.jsonl:1: not a JSON object"), ('{"id": 1}', "needs a JSON object")],
)
def test_documents_jsonl_bad_line_names_it(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(InputError, match=message):
        list(load_documents(path))


def test_documents_reference_basis_in_order() -> None:
    result = build(FIXTURES / "corpus.jsonl")
    bases = {doc: (day, basis) for doc, _, _, _, day, basis, _ in result.documents.iter_rows()}
    assert bases == {
        "a1": (date(2023, 5, 2), "jsonl"),
        "a2": (date(2023, 6, 5), "dateline"),
        "corpus-4": (date(2021, 1, 1), "inferred"),
    }
    assert "inferred from the years in the text" in result.summary()
    assert set(result.events["reference_basis"].to_list()) == {"jsonl", "dateline", "inferred"}


def test_documents_option_wins(tmp_path: Path) -> None:
    result = build(FIXTURES / "corpus.jsonl", reference_date=date(2024, 1, 25))
    assert set(result.documents["reference_basis"]) == {"option"}


def test_documents_globs_and_folders(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "skip.png"):
        (tmp_path / name).write_text("x")
    assert [Path(p).name for p in expand_inputs([tmp_path])] == ["a.txt", "b.md", "c.html"]
    assert [Path(p).name for p in expand_inputs([str(tmp_path / "*.md")])] == ["b.md"]
    with pytest.raises(InputError, match="no file matches"):
        list(expand_inputs([str(tmp_path / "*.doc")]))
