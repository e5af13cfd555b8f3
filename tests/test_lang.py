"""Language packs: each document is read with one, chosen by --lang, by what the document
says it is in, or by its script; a pack is data in a folder, and a new one is a new folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline
from timeline import lang
from timeline.cli import cli
from timeline.documents import document_from_text, html_document, jsonl_documents
from timeline.errors import ResourceError


def test_lang_detect_by_script() -> None:
    assert lang.detect("In March 2023 Acme opened a store.") == "en"
    assert lang.detect("") == "en"  # nothing to go by: the default
    assert lang.script("a") == "Latin"
    assert lang.script("去") == "Han"
    assert lang.script("7") is None


@pytest.mark.parametrize(
    ("tag", "code"), [("en", "en"), ("en-US", "en"), ("EN_gb", "en"), ("xx", None), (None, None)]
)
def test_lang_known_tags(tag: str | None, code: str | None) -> None:
    assert lang.known(tag) == code


def test_lang_declared_by_the_document() -> None:
    doc = document_from_text("---\nlang: en\ndate: 2024-01-25\n---\nIn May it grew.\n")
    assert doc.lang == "en"
    page = html_document(
        '<html lang="en-GB"><body><p>In May it grew.</p></body></html>', doc_id="p"
    )
    assert page.lang == "en-GB"
    (row,) = jsonl_documents('{"text": "In May it grew.", "lang": "en"}', name="c.jsonl")
    assert row.lang == "en"


def test_lang_a_build_records_each_documents_language() -> None:
    result = timeline.build(
        "In March 2023 Acme opened a store in Leipzig.", reference_date=date(2024, 1, 25)
    )
    assert result.events.height == 1
    assert result.documents["lang"].to_list() == ["en"]


def test_lang_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of 'auto', 'en'"):
        timeline.resolve("In May.", reference=date(2024, 1, 25), lang="xx")
    with pytest.raises(ResourceError, match="no language pack 'xx'; known: en"):
        lang.pack("xx")
    result = CliRunner().invoke(
        cli, ["resolve", "In May.", "--ref-date", "2024-01-25", "--lang", "xx"]
    )
    assert result.exit_code == 2
    assert "Invalid value for '--lang'" in result.output


def test_lang_cli_option_reads_with_that_pack(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["resolve", "In mid-January it grew.", "--ref-date", "2024-01-25", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert '"value": "2024-01"' in result.output
