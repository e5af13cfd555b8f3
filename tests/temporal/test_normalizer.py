"""Table-driven resolution cases: (text, reference date, expected mention, value, mod,
start, end). Each case is a phrase in a sentence, because tense and context matter."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from timeline import lang as packs
from timeline.temporal import resolve
from timeline.temporal.fiscal import FiscalYear, fiscal_year
from timeline.temporal.subject import subject_year

REF = "2024-01-25"

CASES = [
    # (text, reference, mention, value, mod, start, end)
    ("December last year", REF, "December last year", "2023-12", None, "2023-12-01", "2023-12-31"),
    ("In mid-January", REF, "mid-January", "2024-01", "MID", "2024-01-11", "2024-01-20"),
    (
        "It announced in October that it would act.",
        REF,
        "October",
        "2023-10",
        None,
        "2023-10-01",
        "2023-10-31",
    ),
    ("It will open in October.", REF, "October", "2024-10", None, "2024-10-01", "2024-10-31"),
    (
        "The strategy in 2023 started with the adjustment in March.",
        REF,
        "March",
        "2023-03",
        None,
        "2023-03-01",
        "2023-03-31",
    ),
    (
        "It will build search in the second half of the year.",
        REF,
        "the second half of the year",
        "2024-H2",
        None,
        "2024-07-01",
        "2024-12-31",
    ),
    (
        "In the second half of the year, it tightened its rules.",
        REF,
        "the second half of the year",
        "2023-H2",
        None,
        "2023-07-01",
        "2023-12-31",
    ),
    (
        "In last year's 618, sales rose.",
        REF,
        "last year's 618",
        "2023-06-18",
        None,
        "2023-06-18",
        "2023-06-18",
    ),
    (
        "In last year's 618, Double 11 and Double 12, sales rose.",
        REF,
        "Double 12",
        "2023-12-12",
        None,
        "2023-12-12",
        "2023-12-12",
    ),
    ("Double 11 sales grew.", REF, "Double 11", "2023-11-11", None, "2023-11-11", "2023-11-11"),
    (
        "On New Year's Eve it will air the Spring Festival Gala.",
        REF,
        "New Year's Eve",
        "2024-02-09",
        None,
        "2024-02-09",
        "2024-02-09",
    ),
    (
        "On Chinese New Year's Eve 2023 they met.",
        REF,
        "Chinese New Year's Eve 2023",
        "2023-01-21",
        None,
        "2023-01-21",
        "2023-01-21",
    ),
    (
        "in the past year and a half",
        REF,
        "the past year and a half",
        "P18M",
        None,
        "2022-07-26",
        "2024-01-25",
    ),
    (
        "the end of last year",
        REF,
        "the end of last year",
        "2023",
        "END",
        "2023-11-01",
        "2023-12-31",
    ),
    (
        "It grew 3.5 times over the same period in 2022.",
        REF,
        "the same period in 2022",
        "2022",
        None,
        "2022-01-01",
        "2022-12-31",
    ),
    ("Q3 2023", REF, "Q3 2023", "2023-Q3", None, "2023-07-01", "2023-09-30"),
    ("the third quarter", REF, "the third quarter", "2023-Q3", None, "2023-07-01", "2023-09-30"),
    ("last summer", REF, "last summer", "2023-SU", None, "2023-06-01", "2023-08-31"),
    ("in the 1990s", REF, "1990s", "199", None, "1990-01-01", "1999-12-31"),
    ("yesterday", REF, "yesterday", "2024-01-24", None, "2024-01-24", "2024-01-24"),
    ("two weeks ago", REF, "two weeks ago", "2024-W02", None, "2024-01-08", "2024-01-14"),
    ("last week", REF, "last week", "2024-W03", None, "2024-01-15", "2024-01-21"),
    (
        "It will vote next Friday.",
        REF,
        "next Friday",
        "2024-01-26",
        None,
        "2024-01-26",
        "2024-01-26",
    ),
    (  # a future clause does not take a past year written before it in news
        "After the July 1997 summit, the three will join on March 12.",
        "1999-02-27",
        "March 12",
        "1999-03-12",
        None,
        "1999-03-12",
        "1999-03-12",
    ),
    (  # a reporting verb alone dates the past; "the plan" is a noun, not a future
        "The thrift announced the plan Aug. 21.",
        "1989-10-27",
        "Aug. 21",
        "1989-08-21",
        None,
        "1989-08-21",
        "1989-08-21",
    ),
    ("It met last Tuesday.", REF, "last Tuesday", "2024-01-23", None, "2024-01-23", "2024-01-23"),
    ("early next month", REF, "early next month", "2024-02", "START", "2024-02-01", "2024-02-10"),
    ("March 3, 2021", REF, "March 3, 2021", "2021-03-03", None, "2021-03-03", "2021-03-03"),
    ("3 March 2021", REF, "3 March 2021", "2021-03-03", None, "2021-03-03", "2021-03-03"),
    ("2021-03-03", REF, "2021-03-03", "2021-03-03", None, "2021-03-03", "2021-03-03"),
    ("the late 1990s", REF, "the late 1990s", "199", "END", "1997-01-01", "1999-12-31"),
    ("mid-2024", REF, "mid-2024", "2024", "MID", "2024-05-01", "2024-08-31"),
    ("Easter 2024", REF, "Easter 2024", "2024-03-31", None, "2024-03-31", "2024-03-31"),
    ("Thanksgiving 2023", REF, "Thanksgiving 2023", "2023-11-23", None, "2023-11-23", "2023-11-23"),
    (
        "the Mid-Autumn Festival of 2024",
        REF,
        "Mid-Autumn Festival of 2024",
        "2024-09-17",
        None,
        "2024-09-17",
        "2024-09-17",
    ),
    # a year written for a deadline puts nothing in focus; a year written for a date does
    (
        "It will cut jobs by the end of 2025 and merge units from July 1.",
        REF,
        "July 1",
        "2024-07-01",
        None,
        "2024-07-01",
        "2024-07-01",
    ),
    (
        "Halvex, which was founded in 2011, notified the Commission in early September.",
        REF,
        "early September",
        "2023-09",
        "START",
        "2023-09-01",
        "2023-09-10",
    ),
    (
        "It will open a plant in 2025 and merge units from July 1.",
        REF,
        "July 1",
        "2025-07-01",
        None,
        "2025-07-01",
        "2025-07-01",
    ),
]


@pytest.mark.parametrize(
    ("text", "ref", "mention", "value", "mod", "start", "end"), CASES, ids=[c[0] for c in CASES]
)
def test_normalizer_resolves(
    text: str, ref: str, mention: str, value: str, mod: str | None, start: str, end: str
) -> None:
    found = {r.mention.text: r.timex for r in resolve(text, reference=date.fromisoformat(ref))}
    assert mention in found, found
    timex = found[mention]
    assert timex is not None
    assert (timex.value, timex.mod) == (value, mod)
    assert timex.start is not None
    assert timex.end is not None
    assert (timex.start.isoformat(), timex.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("for three years", "P3Y", "DURATION"),
        ("for many years", "PXY", "DURATION"),
        ("every Monday", "XXXX-WXX-1", "SET"),
        ("annually", "P1Y", "SET"),
        ("It is on the right path now.", "PRESENT_REF", "DATE"),
    ],
)
def test_normalizer_unanchored(text: str, value: str, kind: str, reference: date) -> None:
    (item,) = resolve(text, reference=reference)
    assert item.timex is not None
    assert (item.timex.value, item.timex.type.value) == (value, kind)
    assert item.timex.start is None


@pytest.mark.parametrize(
    "text",
    [
        "Revenue rose 2023 percent.",
        "It raised 2,024 million yuan.",
        "Prices fell by 12 % in the 1,999 stores.",
        "You may see a march of 300 people.",
        "The O-7 robot and model X2023 shipped.",
        "In the Spring Festival Gala, stars sang.",
        "The team has 618 members.",
        "It is a second plant.",
        "Spring is a season and prices fall.",
        "The post-90s generation likes it.",
    ],
)
def test_tagger_no_false_dates(text: str, reference: date) -> None:
    assert [r.mention.text for r in resolve(text, reference=reference)] == []


# The phrases issue 3 lists, each at a fixed reference date (a Thursday).
ISSUE_3 = [
    ("Mar. 3", "2024-03-03"),
    ("the 1990s", "199"),
    ("in fiscal 2025", "2025"),
    ("FY2023", "2023"),
    ("Q4 2023", "2023-Q4"),
    ("today", "2024-01-25"),
    ("tonight", "2024-01-25TNI"),
    ("this month", "2024-01"),
    ("earlier this month", "2024-01"),
    ("late last year", "2023"),
    ("within two years", "P2Y"),
    ("three consecutive years", "P3Y"),
    ("this morning", "2024-01-25TMO"),
    ("at 3 p.m.", "2024-01-25T15:00"),
    ("New Year's Day", "2024-01-01"),
    ("Christmas Eve", "2023-12-24"),
    ("Qingming 2024", "2024-04-04"),
    ("National Day", "2023-10-01"),
    ("Singles' Day", "2023-11-11"),
    ("520", "2024-05-20"),
    ("Cyber Monday", "2023-11-27"),
    ("Memorial Day 2024", "2024-05-27"),
    ("Labor Day", "2023-09-04"),
    ("Valentine's Day", "2024-02-14"),
    ("Lantern Festival", "2024-02-24"),
    ("the Dragon Boat Festival", "2024-06-10"),
    ("the Mid-Autumn Festival", "2023-09-29"),
    ("Christmas 2023", "2023-12-25"),
    ("the 20th century", "19"),
]


@pytest.mark.parametrize(("text", "value"), ISSUE_3, ids=[c[0] for c in ISSUE_3])
def test_normalizer_issue_3_phrases(text: str, value: str, reference: date) -> None:
    values = [r.timex.value for r in resolve(text, reference=reference) if r.timex]
    assert values == [value]


@pytest.mark.parametrize(
    ("text", "anchoring", "value"),
    [
        ("In 2019 it began. In March it grew.", "news", "2023-03"),
        ("In 2019 it began. In March it grew.", "narrative", "2019-03"),
        ("The plant opened on March 3, 2021. Two days later it closed.", "news", "2021-03-05"),
        ("It opened on May 4, 2023 and closed the following week.", "news", "2023-W19"),
        ("Sales in 2023 rose; GMV was 3.5 times the same period in 2022.", "news", "2022"),
    ],
)
def test_normalizer_anchoring(text: str, anchoring: str, value: str, reference: date) -> None:
    found = resolve(text, reference=reference, anchoring=anchoring)  # type: ignore[arg-type]
    assert found[-1].timex is not None
    assert found[-1].timex.value == value


def test_normalizer_auto_anchoring_picks_narrative_for_histories() -> None:
    text = (
        "In 1939 the war began. In 1940 France fell. In 1941 the east opened. "
        "In 1942 the tide turned. In 1943 Italy surrendered. In June the allies landed."
    )
    found = resolve(text, reference=date(2009, 12, 19))
    assert found[-1].timex is not None
    assert found[-1].timex.value == "1943-06"


def test_normalizer_news_with_history_stays_news() -> None:
    """Background years do not make a news story a history: dates counted from the
    reference date ("on Tuesday", "next year") show it is news, and a past year does not
    carry into a clause in the future tense."""
    text = (
        "Acme said on Tuesday it will merge two units. Ana Ruiz, who has run one since 2020, "
        "will lead it. The cuts will fall mostly in the third quarter. It will close a plant "
        "in the first quarter of next year. Acme bought Belta in 2016. The sale is expected "
        "to close in the fourth quarter. Feld joined in 2008. Acme was founded in 1952. "
        "Ruiz became chief in March 2021. It last reorganised in 2019."
    )
    found = {
        r.mention.text: r.timex.value for r in resolve(text, reference=date(2023, 5, 16)) if r.timex
    }
    assert found["the third quarter"] == "2023-Q3"
    assert found["the fourth quarter"] == "2023-Q4"


@pytest.mark.parametrize("code", packs.codes())
def test_normalizer_every_fiscal_pattern_example_holds(code: str) -> None:
    path = packs.pack(code).file("fiscal.toml")
    if not path.is_file():
        pytest.skip(f"lang/{code} states no fiscal years")
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["pattern"]
    for row in rows:
        assert row["examples"], f"lang/{code}/fiscal.toml: {row['kind']} has no examples"
        for example in row["examples"]:
            found = fiscal_year(example["text"], code)
            assert found == FiscalYear(example["end_month"], example["offset"]), example


@pytest.mark.parametrize(
    ("phrase", "value", "start", "end"),
    [
        ("the third quarter of fiscal 2025", "FY2025-Q3", "2024-08-01", "2024-10-31"),
        ("fiscal 2025", "FY2025", "2024-02-01", "2025-01-31"),
        ("the fiscal third quarter", "FY2025-Q3", "2024-08-01", "2024-10-31"),
        ("the second half of calendar 2025", "2025-H2", "2025-07-01", "2025-12-31"),
    ],
)
def test_normalizer_fiscal_dates_follow_the_fiscal_year_the_text_states(
    phrase: str, value: str, start: str, end: str
) -> None:
    text = f"Acme's fiscal year 2025 began on February 1, 2024. Sales rose in {phrase}."
    found = resolve(text, reference=date(2024, 11, 21))
    timex = found[-1].timex
    assert timex is not None
    assert (timex.value, str(timex.start), str(timex.end)) == (value, start, end)


def test_normalizer_fiscal_dates_stay_nominal_without_a_stated_fiscal_year() -> None:
    (item,) = resolve("Sales rose in fiscal 2025.", reference=date(2024, 11, 21))
    assert item.timex is not None and item.timex.value == "2025"


@pytest.mark.parametrize("code", packs.codes())
def test_normalizer_every_subject_pattern_example_holds(code: str) -> None:
    path = packs.pack(code).file("subject.toml")
    if not path.is_file():
        pytest.skip(f"lang/{code} has no review patterns")
    for row in tomllib.loads(path.read_text(encoding="utf-8"))["pattern"]:
        assert row["examples"]
        for example in row["examples"]:
            assert subject_year(example["text"], code) == example["year"], example


def test_normalizer_a_review_keeps_its_year() -> None:
    """In a review of 2024 published in January 2025, "this year", a past-tense March and a
    festival written in the past stay in 2024; a date near the reference date that agrees
    with the tense, and the future, do not."""
    text = (
        "Zhiyu 2024 in Review\n\nThis year, 46 million people joined. During the Spring "
        "Festival, our campaign handed out coupons. In March, we launched Xiaozhi. In early "
        "January, we opened a store. In March, we will open another one."
    )
    found = [r.timex.value for r in resolve(text, reference=date(2025, 1, 8)) if r.timex]
    assert found == ["2024", "2024", "2024-02-10", "2024-03", "2025-01", "2025-03"]


def test_normalizer_the_quarter_of_a_fiscal_text_is_the_first_it_names() -> None:
    text = (
        "Acme's fiscal year begins on July 1. Acme reported results for the second quarter of "
        "fiscal 2026, up from the second quarter of fiscal 2025. In the quarter, it hired."
    )
    found = [r.timex.value for r in resolve(text, reference=date(2026, 1, 29)) if r.timex]
    assert found[-1] == "FY2026-Q2"
