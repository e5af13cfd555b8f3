"""One reading of a document: paragraphs and sentences split once, with the pack's rules,
for the tagger, the reference-date inference and the events alike."""

from __future__ import annotations

from datetime import date

import pytest

import timeline
from timeline import batches
from timeline.documents import document_from_text
from timeline.reading import read

SPLITS = [
    # (text, its sentences)
    ("Ms. Wu said in 2019 that Dr. Kim arrived in May. Sales rose.", 2),  # titles go on
    ("He moved to the U.S. In May he left.", 2),  # a dotted abbreviation, then a starter
    ("The U.S. Embassy opened in May. It grew.", 2),  # ...then a name: one sentence
    ("Acme Inc. said revenue rose. It grew.", 2),  # lower case after an abbreviation
    ("Shares rose 3.5% to $12.50. Analysts cheered.", 2),  # a number is no abbreviation
    ("It was J. P. Morgan. He left.", 2),  # initials
    ("It left at 5 p.m. Tuesday. It came back.", 2),
    ('He said: "We won." Then he left.', 2),  # the closing quote stays with its sentence
    ("He wrote “It ends.” Then it ended.", 2),
    ("``We will win,'' he said. ``We are ready.''", 2),  # TimeML's quotes
    ("What? No! Yes.", 3),
    ("i.e. this. e.g. that.", 1),
    ("The No. 1 firm won. Then it lost.", 2),
    ("Sept. 5 was the day. Oct. 6 too.", 2),
]


def test_reading_list_items_are_sentences_without_their_markers() -> None:
    text = (
        "Highlights:\n- Revenue was $8 million, up 11%.\n- Net income was $1 million\n"
        "* On October 14, it launched Fabric, which adds search.\n1. In November it bought Z.\n"
        "2) Costs fell - a lot - in the year."
    )
    assert [text[s.start : s.end] for s in read(text).sentences] == [
        "Highlights:",
        "Revenue was $8 million, up 11%.",
        "Net income was $1 million",
        "On October 14, it launched Fabric, which adds search.",
        "In November it bought Z.",
        "Costs fell - a lot - in the year.",
    ]


@pytest.mark.parametrize(("text", "count"), SPLITS, ids=[t for t, _ in SPLITS])
def test_reading_sentences(text: str, count: int) -> None:
    reading = read(text)
    assert len(reading.sentences) == count, [text[s.start : s.end] for s in reading.sentences]
    assert all(not text[s.start : s.end].startswith(" ") for s in reading.sentences)


def test_reading_paragraphs_and_lookups() -> None:
    text = "---\ndate: 2024-01-25\n---\nIt rose. It fell.\n\nIt closed.\n"
    reading = read(text, "en", start=text.index("It"))
    assert [text[s.start : s.end] for s in reading.sentences] == [
        "It rose.",
        "It fell.",
        "It closed.",
    ]
    assert [len(reading.sentences_of(i)) for i in range(2)] == [2, 1]
    position = text.index("fell")
    assert reading.sentence_at(position) == reading.sentences[1]
    assert reading.paragraph_at(text.index("closed")) == 1
    assert reading.sentence_span(position, position + 4) == (
        text.index("It fell"),
        text.index(".\n\n") + 1,
    )


def test_reading_a_document_is_tagged_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read once and tagged once, even when its reference date is inferred from its text
    (that took two or three taggings before)."""
    calls: list[int] = []
    tag = batches.tag_reading

    def counted(reading: object, everywhere: bool = False) -> object:
        calls.append(1)
        return tag(reading, everywhere)  # type: ignore[arg-type]

    monkeypatch.setattr(batches, "tag_reading", counted)
    undated = document_from_text("Looking back at 2023: in March Acme opened a store in Lyon.")
    result = timeline.build([undated])
    assert calls == [1]
    assert result.documents["reference_basis"].to_list() == ["inferred"]
    assert result.events["timex"].to_list() == ["2023-03"]


def test_reading_events_and_dates_agree_on_sentences() -> None:
    """The tagger and the events stage split alike: an event's sentence is the sentence
    its date's year reached over ("Dr." ends nothing)."""
    doc = "Ms. Wu said in 2019 that Dr. Kim arrived in May."
    result = timeline.build(doc, reference_date=date(2024, 1, 25))
    rows = result.events.select("timex", "sentence").rows()
    assert rows == [("2019-05", doc)]
