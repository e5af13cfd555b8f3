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


def test_tagger_the_year_of_a_laws_name_is_no_date() -> None:
    assert [m.text for m in tag("It fined Acme under the Competition Act 1998 in 2024.")] == [
        "2024"
    ]


def test_tagger_a_month_before_a_noun_dates_it_but_not_a_name() -> None:
    assert [m.text for m in tag("It readied the April keynote.")] == ["April"]
    assert [m.text for m in tag("It readied the May Day sale.")] == []  # (a name)
    assert [m.text for m in tag("It readied the Summer Sale and the June.")] == []


def test_tagger_a_date_after_by_is_a_deadline() -> None:
    found = tag("It will cut jobs by the end of 2027 and merge units from July 1.")
    assert [(m.text, m.deadline) for m in found] == [
        ("the end of 2027", True),
        ("July 1", False),
    ]


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
    # a reporting verb right before the date is when it was said, whatever was said
    ('"We will grow," the chief executive said Friday.', Tense.PAST),
    ("He would go if they would let him, Castro said on Sunday.", Tense.PAST),
    # after a possessive, a participle is an adjective ("planned" is no past here)
    ("Sony's planned acquisition of the studio is scheduled to close Monday.", Tense.FUTURE),
    # one sentence however many abbreviations: "Co." does not end it
    ("The acquisition of Guber Co. for $200 million will close Monday.", Tense.FUTURE),
    # after a reporting verb, what was said: "welcomed" is the other clause's
    ("Acme welcomed the ruling and said it would launch in the second half.", Tense.FUTURE),
    # a deadline looks ahead, unless what had been done by then follows
    ("Acme will cut 4,000 jobs by February.", Tense.FUTURE),
    ("By Wednesday it had processed 61,000 refund requests.", Tense.PAST),
    ("They gave Merieux until mid-November to submit more.", Tense.FUTURE),
    # a past that is its present form, after a singular subject: the present takes -s
    ("Acme cut prices in May.", Tense.PAST),
    ("It set a new target in May.", Tense.PAST),
    ("Acme will cut prices in May.", Tense.FUTURE),
]


@pytest.mark.parametrize(("text", "tense"), TENSES, ids=[t for t, _ in TENSES])
def test_tagger_clause_tense(text: str, tense: Tense) -> None:
    assert [m.tense for m in tag(text)][:1] == [tense]


def test_tagger_year_reaches_over_abbreviations() -> None:
    """One reading: "Ms." and "Dr." end no sentence, so the year written in it is the
    year of "May" (the tagger and the events stage split the text the same way)."""
    from datetime import date

    from timeline.temporal import resolve

    found = resolve("Ms. Wu said in 2019 that Dr. Kim arrived in May.", reference=date(2024, 1, 25))
    assert [(r.mention.text, r.timex.value if r.timex else None) for r in found] == [
        ("2019", "2019"),
        ("May", "2019-05"),
    ]


def test_tagger_every_rule_example_holds_a_string_its_rule_requires() -> None:
    # a rule is not run where none of its required strings is (timeline.temporal.literals)
    from timeline import lang as packs
    from timeline.temporal.resources import load

    for code in packs.codes():
        for rule in load(code).rules:
            for example in rule.examples:
                if rule.required:
                    low = example.text.lower()
                    assert any(word in low for word in rule.required), (rule.id, example.text)


def test_tagger_a_state_lasting_since_a_month_is_since_the_latest_one() -> None:
    """A year in focus from another clause does not reach a state lasting up to now."""
    from datetime import date

    from timeline.temporal import resolve

    text = "Sales fell in 2025, and the group has had a hiring freeze in place since January."
    found = resolve(text, reference=date(2026, 3, 12))
    assert [(r.mention.text, r.timex.value if r.timex else None) for r in found] == [
        ("2025", "2025"),
        ("January", "2026-01"),
    ]
    # (a date written with its year is that year's)
    found = resolve("It has run the unit since January 2019.", reference=date(2026, 3, 12))
    assert found[0].timex is not None and found[0].timex.value == "2019-01"
