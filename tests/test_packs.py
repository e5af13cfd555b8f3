"""Each way the tool grows is a change in one place (ARCHITECTURE.md):

- a new language is one folder, a pack (here the test-only pack ``zz`` in
  ``tests/fixtures/lang/zz``: Han script, no spaces between words);
- a new event category is one table in a pack's ``taxonomy.toml`` (``harvest`` in ``zz``);
- a new export is one :func:`timeline.writers.register` call (the CLI grows an option);
- a new chart backend is one function of a :class:`timeline.layout.Layout`.

No code of the stages changes for any of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline
from timeline import lang, writers
from timeline.cli import cli
from timeline.layout import Layout
from timeline.temporal.resources import load

PACKS = Path(__file__).parent / "fixtures" / "lang"
REFERENCE = date(2024, 1, 25)


@pytest.fixture
def zz() -> Iterator[str]:
    """The test-only pack, found for the length of a test."""
    lang.add_folder(PACKS)
    try:
        yield "zz"
    finally:
        lang.remove_folder(PACKS)


def test_packs_a_new_language_is_one_folder(zz: str) -> None:
    assert zz in lang.codes()
    assert lang.detect("他去年12月推出了新品。") == zz  # by its script
    assert lang.detect("In March 2023 Acme opened a store.") == "en"
    found = timeline.resolve("他去年说，去年12月推出了新品。", reference=REFERENCE)
    # no spaces between words: "去年" is found inside running text
    assert [(r.mention.text, r.timex.value if r.timex else None) for r in found] == [
        ("去年", "2023"),
        ("去年12月", "2023-12"),
    ]
    festival = timeline.resolve("除夕那天", reference=REFERENCE, lang=zz)
    assert [r.timex.value for r in festival if r.timex] == ["2024-02-09"]


def test_packs_every_rule_example_of_the_new_pack_holds(zz: str) -> None:
    res = load(zz)
    for rule in res.rules:
        for example in rule.examples:
            values = [
                r.timex.value
                for r in timeline.resolve(example.text, reference=example.ref, lang=zz)
                if r.timex and r.mention.rule == rule.id
            ]
            assert example.value in values, (rule.id, example.text, values)


def test_packs_a_build_reads_each_document_with_its_pack(zz: str, tmp_path: Path) -> None:
    """One build, two languages: each document read, split, tagged, categorised and its
    actors found with its own pack; a category only the new pack has gets its lane."""
    (tmp_path / "zz.md").write_text(
        "---\ndate: 2024-01-25\n---\n星河公司去年12月推出了新品。随后价格下降。\n\n"
        "2023年3月农场迎来丰收。\n",
        encoding="utf-8",
    )
    (tmp_path / "en.md").write_text(
        "---\ndate: 2024-01-25\n---\nIn March 2023 Acme opened a store in Lyon.\n"
    )
    result = timeline.build(tmp_path)
    assert dict(result.documents.select("doc_id", "lang").iter_rows()) == {"en": "en", "zz": "zz"}
    rows = result.events.sort("doc_id", "char_start").select(
        "doc_id", "timex", "category", "actors", "approximate"
    )
    assert rows.rows() == [
        ("en", "2023-03", "launch", ["Acme"], False),  # Lyon is a place
        ("zz", "2023-12", "launch", ["星河公司"], False),
        ("zz", "2023-12", "other", [], True),  # "随后": tied to the event before
        ("zz", "2023-03", "harvest", [], False),
    ]
    lanes = [lane.name for lane in result.layout().lanes]
    assert "harvest" in lanes


def test_packs_a_new_export_is_one_register_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def write_markdown(result: timeline.Timeline, path: Path, options: object) -> None:
        rows = result.events.select("date_start", "title").iter_rows()
        path.write_text("".join(f"- {day}: {title}\n" for day, title in rows), encoding="utf-8")

    monkeypatch.setitem(
        writers.WRITERS, "md", writers.Writer("md", "A list.", write_markdown, (".md",))
    )
    example = Path(__file__).parent.parent / "examples" / "lanting-2023-review.md"
    result = CliRunner().invoke(
        cli, ["build", str(example), "--out", str(tmp_path), "--md", str(tmp_path / "list.md")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "list.md").read_text(encoding="utf-8").startswith("- 2023-")
    assert "--md FILE" in CliRunner().invoke(cli, ["build", "--help"]).output


def test_packs_a_new_chart_backend_is_one_function_of_a_layout() -> None:
    def text_chart(laid: Layout) -> str:
        lines = [laid.title]
        for lane in laid.lanes:
            marks = ", ".join(f"{e['date_start']} {e['title']}" for e in lane.events)
            lines.append(f"{lane.name}: {marks}")
        return "\n".join(lines)

    example = Path(__file__).parent.parent / "examples" / "lanting-2023-review.md"
    chart = text_chart(timeline.build(example).layout())
    assert chart.splitlines()[0] == "Lanting's 2023 in review"
    assert any(line.startswith("reorganization: 2023-") for line in chart.splitlines()[1:])
