from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from timeline import build, document_from_text, extract_events, resolve
from timeline import lang as packs
from timeline.errors import ResourceError
from timeline.events import make_title, split_sentences
from timeline.merge import merge_parts, merge_reports
from timeline.model import Document
from timeline.store import Store
from timeline.table import events_to_frame
from timeline.taxonomy import load_taxonomy, parse_taxonomy

FIXTURES = Path(__file__).parent / "fixtures"


def _events(text: str, reference: date):
    doc = document_from_text(text, doc_id="t", reference_date=reference)
    return extract_events(doc, resolve(text, reference=reference, start=doc.body_start))


def test_events_sentences_keep_offsets() -> None:
    text = "Mr. Lee left in May 2023. Sales rose 3.5 times.\n\nIn 2024, a new head came."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Mr. Lee left in May 2023.",
        "Sales rose 3.5 times.",
        "In 2024, a new head came.",
    ]


def test_events_one_per_dated_sentence(reference: date) -> None:
    events = _events(
        "In March 2023 Acme merged two teams. Sales rose. In 2019 it opened a store.", reference
    )
    assert [(e.timex, e.date_text) for e in events] == [("2023-03", "March 2023"), ("2019", "2019")]
    first = events[0]
    assert (first.date_start, first.date_end, first.granularity.value) == (
        date(2023, 3, 1),
        date(2023, 3, 31),
        "month",
    )
    assert first.sentence == "In March 2023 Acme merged two teams."
    assert (first.char_start, first.char_end) == (0, 36)


def test_events_inner_date_governs(reference: date) -> None:
    (event,) = _events("Its strategy in 2023 started with the adjustment in March.", reference)
    assert event.timex == "2023-03"


def test_events_comparison_date_does_not_govern(reference: date) -> None:
    (event,) = _events(
        "On Double 11, GMV was 3.5 times that of the same period in 2022.", reference
    )
    assert event.timex == "2023-11-11"


@pytest.mark.parametrize(
    "sentence",
    [
        "GMV, up 32% from last year's 618, reached 3.5 billion yuan on Double 11.",
        "GMV, above the total for last year's 618, reached 3.5 billion yuan on Double 11.",
        "Orders, double the level of last year's 618, hit a record on Double 11.",
    ],
)
def test_events_a_change_from_a_date_is_a_comparison(reference: date, sentence: str) -> None:
    (event,) = _events(sentence, reference)
    assert event.timex == "2023-11-11"


def test_events_durations_and_now_make_no_event(reference: date) -> None:
    assert _events("For three years, it grew. Now it is large.", reference) == []


def test_events_repeated_paragraphs_yield_one_event() -> None:
    text = (FIXTURES / "repeated.txt").read_text()
    events = _events(text, date(2024, 1, 25))
    assert [e.timex for e in events] == ["2023", "2023-08"]


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        (
            "In mid-January, Xiaohongshu announced the rise100 list.",
            "mid-January",
            "Xiaohongshu announced the rise100 list",
        ),
        (
            "Acme opened a plant in Leipzig in March 2021.",
            "March 2021",
            "Acme opened a plant in Leipzig",
        ),
        (
            "It seemed calm; but in January 2022, Acme merged its two departments.",
            "January 2022",
            "Acme merged its two departments",
        ),
        (
            "At the end of last year, news of an IPO came again from Acme, but the rumors were "
            "quickly refuted by officials.",
            "the end of last year",
            "News of an IPO came again from Acme",
        ),
        # the date phrase leaves no dangling word
        ("Sales rose for much of 2023.", "2023", "Sales rose"),
        # asides, a reporting frame and a participle tail go; the number and object stay
        (
            "Nuvola, a Milan-based startup, said on Tuesday it would cut about 800 jobs, "
            "shifting work to Turin.",
            "Tuesday",
            "Nuvola will cut about 800 jobs",
        ),
        (
            "Brightmoor, founded in 1952 as a maker of washers, has restructured several times "
            "since the 1990s as its markets shifted across the region.",
            "1952",
            "Brightmoor has restructured several times since the 1990s as its markets shifted",
        ),
        # a long title is cut where a phrase ends, keeping the number with its noun
        (
            "On Tuesday Brightmoor Group said it will merge its consumer and professional "
            "divisions and cut about 1,800 jobs in Ohio and Germany by the end of the year.",
            "Tuesday",
            "Brightmoor Group will merge its consumer and professional divisions and cut about "
            "1,800 jobs",
        ),
        # a date opening the sentence before its subject, no comma between
        (
            "Late last month more than 3,000 customers filed a claim against Acme.",
            "Late last month",
            "More than 3,000 customers filed a claim against Acme",
        ),
        # a short clause the date ends is no opening phrase: the comma's tail goes
        (
            "The guild withdrew the appeal on Tuesday, a day after talks resumed.",
            "Tuesday",
            "The guild withdrew the appeal",
        ),
        (
            "Next year we will open two hubs, in Chengdu and Lyon.",
            "Next year",
            "We will open two hubs, in Chengdu and Lyon",
        ),
        # "has said it will"
        (
            "Lanmao has said it will run its 618 campaign as planned, with coupons capped.",
            "618",
            "Lanmao will run its 618 campaign as planned",
        ),
        (
            "Acme will open its first offline showroom in a new shopping district of Chengdu "
            "with three partners in the second half of the year.",
            "the second half of the year",
            "Acme will open its first offline showroom",
        ),
    ],
)
def test_events_title(sentence: str, date_text: str, expected: str) -> None:
    start = sentence.index(date_text)
    assert make_title(sentence, start, start + len(date_text)) == expected


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The live department was upgraded to an independent department.", "reorganization"),
        ("During Double 11 the platform ran big promotions.", "promotion"),
        ("It launched a search direct model.", "launch"),
        ("It signed a logistics partnership with Swiftway.", "partnership"),
        ("It held a merchant conference in Shanghai.", "conference"),
        ("It introduced stricter qualification management for hosts.", "policy"),
        ("It raised 200 million dollars in a funding round.", "capital"),
        ("Its self-operated stores announced their closure.", "closure"),
        ("The company appointed Ana Castillo as head of business.", "personnel"),
        ("Zhou announced a new plan.", "announcement"),
        ("The weather was fine.", "other"),
    ],
)
def test_events_category(sentence: str, category: str) -> None:
    assert load_taxonomy().categorize(sentence) == category


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        # the predicate names the kind ("is exploring a sale"), not what follows
        (
            "In May 2024 Orvane is exploring a sale of its lighting unit, and has hired "
            "Birch Partners to advise it.",
            "acquisition",
        ),
        # ... nor what a participle after it adds
        (
            "In July 2025 Vellora launched Instant Payouts in Germany, letting merchants "
            "receive card settlements within minutes.",
            "launch",
        ),
        # a light verb leads to its object
        ("It is weighing launching a tender offer for Birch in March 2025.", "acquisition"),
    ],
)
def test_events_equal_scores_go_to_the_predicate(sentence: str, category: str) -> None:
    (event,) = _events(sentence, date(2025, 11, 6))
    assert event.categories[0] == category


def test_events_taxonomy_file_errors_name_the_problem() -> None:
    with pytest.raises(ResourceError, match="invalid TOML"):
        parse_taxonomy("[[category]\nid=", name="mine.toml")
    with pytest.raises(ResourceError, match="defined twice"):
        parse_taxonomy('[[category]]\nid="a"\n[[category]]\nid="a"\n')
    with pytest.raises(ResourceError, match="ignore must be a list"):
        parse_taxonomy('ignore = "x"\n[[category]]\nid="a"\n')


def test_events_ignored_phrases_hold_no_keyword() -> None:
    mine = parse_taxonomy(
        'ignore = ["search results"]\n[[category]]\nid = "earnings"\nstrong = ["results"]\n'
    )
    assert mine.categorize("It ranks hotels in search results.") == "other"
    assert mine.categorize("It reported results.") == "earnings"
    extended = parse_taxonomy('extend = true\n[[category]]\nid = "mine"\nstrong = ["zz"]\n')
    assert extended.categorize("It entered into an agreement with Belta.") == "partnership"


def test_events_actors(reference: date) -> None:
    (event,) = _events(
        "In March 2023, Xiaohongshu's COO Conan (Hua Ming) took over the team.", reference
    )
    assert event.actors == ("Xiaohongshu", "Conan", "Hua Ming")


def test_events_two_dated_clauses_make_two_events(reference: date) -> None:
    text = "In 2019, Acme joined the two units; but in January 2022, Acme merged them again."
    events = _events(text, reference)
    assert [(e.timex, e.title) for e in events] == [
        ("2019", "Acme joined the two units"),
        ("2022-01", "Acme merged them again"),
    ]
    assert events[0].sentence == events[1].sentence == text


def test_events_tied_sentence_is_approximate(reference: date) -> None:
    text = (
        "In August last year, Acme said it would invest in buyers. Soon after, its two "
        "own shops announced their closure.\n\nSales rose.\n\nLater, nothing happened."
    )
    events = _events(text, reference)
    assert [(e.timex, e.approximate, e.category) for e in events] == [
        ("2023-08", False, "capital"),
        ("2023-08", True, "closure"),
    ]
    assert events[1].confidence == 0.5
    assert events[1].title == "Its two own shops announced their closure"


def test_events_tie_reaches_into_the_next_paragraph_only(reference: date) -> None:
    """Paragraphs without a date are split into sentences only after a dated one."""
    text = (
        "Intro without dates.\n\nIn August last year, Acme invested in buyers.\n\n"
        "Soon after, its two own shops closed.\n\nThen it hired.\n\nThen it hired again."
    )
    events = _events(text, reference)
    assert [(e.approximate, e.sentence) for e in events] == [
        (False, "In August last year, Acme invested in buyers."),
        (True, "Soon after, its two own shops closed."),
    ]


def test_events_confidence_by_how_the_date_was_found(reference: date) -> None:
    written, contextual = _events("Acme opened in March 2021. Acme closed in March.", reference)
    assert (written.confidence, contextual.confidence) == (1.0, 0.8)


def test_events_reports_of_one_event_merge_with_sources(reference: date) -> None:
    one = document_from_text(
        "In March 2023, Acme merged its two e-commerce departments.",
        doc_id="one",
        reference_date=reference,
    )
    two = document_from_text(
        "Acme merged its two e-commerce departments in March 2023, staff said.",
        doc_id="two",
        reference_date=reference,
    )
    other = document_from_text(
        "In March 2023, Acme opened a store in Leipzig.", doc_id="three", reference_date=reference
    )
    result = build([one, two, other])
    rows = result.events.select("doc_id", "sources").rows()
    assert rows == [
        ("one", ["one:0-58", "two:0-69"]),
        ("three", ["three:0-46"]),
    ]


def _numbered(texts: list[str], reference: date) -> list[Document]:
    """Documents d0, d1, ... of ``texts``."""
    return [
        document_from_text(t, doc_id=f"d{i}", reference_date=reference) for i, t in enumerate(texts)
    ]


def test_events_reports_of_different_actors_stay_apart(reference: date) -> None:
    texts = [
        "On July 8, 2023, Acme launched a storefront in Osaka.",
        "On July 8, 2023, Belta launched a storefront in Osaka.",
        "Acme launched a storefront in Osaka on July 8, 2023, its filing shows.",
    ]
    result = build(_numbered(texts, reference))
    assert result.events.select("doc_id", "sources").rows() == [
        ("d0", ["d0:0-53", "d2:0-70"]),
        ("d1", ["d1:0-54"]),
    ]


def test_events_merge_in_parts_and_buckets_equals_all_at_once(reference: date) -> None:
    texts = [
        "In March 2023, Acme merged its two e-commerce departments. In May 2023, it hired.",
        "Acme merged its two e-commerce departments in March 2023, staff said.",
        "In May 2023, Acme hired a chief of staff. In March 2023, Acme opened a store.",
        "In March 2023, Acme merged the two e-commerce departments, a filing shows.",
    ]
    reports = [
        extract_events(doc, resolve(doc.text, reference=reference))
        for doc in _numbered(texts, reference)
    ]
    at_once = merge_reports([e for batch in reports for e in batch])
    assert [len(e.sources) for e in at_once] == [3, 1, 1, 1]
    with Store() as store:  # a part per document, a bucket per day, as a big build does
        parts = [store.part("reports", number) for number in range(len(reports))]
        for part, batch in zip(parts, reports, strict=True):
            events_to_frame(batch, sort=False).write_parquet(part)
        merged = pl.read_parquet(merge_parts(parts, store, bucket_reports=1))
    assert_frame_equal(merged, events_to_frame(at_once))


def test_events_aliases_give_one_name(reference: date) -> None:
    text = "In March 2023, Little Red Book merged two teams. In May 2023, RED hired a head."
    result = build(
        [text],
        reference_date=reference,
        aliases={"little red book": "Xiaohongshu", "red": "Xiaohongshu"},
    )
    assert result.events["actors"].to_list() == [["Xiaohongshu"], ["Xiaohongshu"]]


def test_events_main_subject_for_it_sentences(reference: date) -> None:
    text = (
        "In March 2023, Acme merged two teams. In May 2023, Acme hired Bo Li. "
        "In June 2023, it opened a store."
    )
    actors = build([text], reference_date=reference).events["actors"].to_list()
    assert actors == [["Acme"], ["Acme", "Bo Li"], ["Acme"]]


def test_events_build_takes_texts_and_csv_text(reference: date) -> None:
    result = build(["In March 2023, Acme merged two teams.\n"], reference_date=reference)
    assert result.documents["doc_id"].to_list() == ["text-1"]
    assert result.to_csv().splitlines()[1].startswith("text-1:0,2023-03-01,2023-03-31,month")


def test_events_alias_file_errors(tmp_path) -> None:
    from timeline.actors import load_aliases

    path = tmp_path / "aliases.tsv"
    path.write_text("just one column\n")
    with pytest.raises(ResourceError, match=r"aliases\.tsv:1: expected 'variant<TAB>name'"):
        load_aliases(path)


def test_events_taxonomy_extend_adds_to_the_shipped_one() -> None:
    taxonomy = parse_taxonomy('extend = true\n[[category]]\nid = "recall"\nstrong = ["recalled"]\n')
    assert taxonomy.ids[0] == "recall"
    assert "reorganization" in taxonomy.ids
    assert taxonomy.ids[-1] == "other"
    assert taxonomy.categorize("Acme recalled its robots.") == "recall"
    assert taxonomy.categorize("Acme merged two departments.") == "reorganization"


@pytest.mark.parametrize("code", packs.codes())
def test_events_every_taxonomy_example_wins_its_category(code: str) -> None:
    taxonomy = load_taxonomy(lang=code)
    examples = [(c.id, e) for c in taxonomy.categories for e in c.examples]
    assert examples, f"lang/{code}/taxonomy.toml has no examples"
    wrong = [(i, e, taxonomy.categories_of(e)) for i, e in examples if taxonomy.categorize(e) != i]
    assert not wrong


@pytest.mark.parametrize(
    ("sentence", "categories"),
    [
        ("It reorganized the unit under a new chief executive.", ("reorganization", "personnel")),
        ("Birch Partners opened a store in Osaka.", ("launch",)),
        ("It announced a partnership with Swiftway.", ("partnership",)),
        ("It announced the plan.", ("announcement",)),
    ],
)
def test_events_categories_primary_first_names_do_not_count(
    sentence: str, categories: tuple[str, ...], reference: date
) -> None:
    (event,) = _events(f"In March 2023, {sentence}", reference)
    assert event.categories == categories
    assert event.category == categories[0]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("In March 2023 Acme opened a store.", "done"),
        ("Acme will open a store in March 2025.", "planned"),
        ("Acme expects revenue to rise this year.", "planned"),
        ("Acme is in talks to buy Belta, people familiar said in March 2023.", "reported"),
        ("In March 2023 Acme said it would open a store, according to a report.", "reported"),
        # a company's own documents report nothing unconfirmed
        ("In March 2023 Acme offered 86 million shares, according to a prospectus.", "done"),
    ],
)
def test_events_status(sentence: str, status: str, reference: date) -> None:
    events = _events(sentence, reference)
    assert [e.status for e in events] == [status]


def test_events_an_aside_is_background_and_its_date_an_event_of_its_own(reference: date) -> None:
    text = (
        "Martin Feld, who joined Acme from rival Belta in 2008, will leave the company at the "
        "end of June. Ana Ruiz, who has led the unit since 2019, will retire next year."
    )
    events = _events(text, reference)
    assert [(e.timex, e.category) for e in events] == [
        ("2024-06", "personnel"),
        ("2008", "personnel"),
        ("2025", "personnel"),
        ("2019", "personnel"),  # a tenure began: its own event, not the retirement's date
    ]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # places, where-from words, "-based" compounds and company forms are no actors
        ("In May 2023, the Milan-based Acme opened a plant in Dayton, Ohio.", ("Acme",)),
        (
            "In May 2023, Justice Niamh Corrigan barred the Irish Pilots' Guild from striking.",
            ("Niamh Corrigan", "Irish Pilots' Guild"),
        ),
        (
            "In May 2023, the Justice Department sued General Electric Capital.",
            ("Justice Department", "General Electric Capital"),
        ),
        (
            "In May 2023, Italian retailer Casamarte signed with Acme Corp, Inc.",
            ("Casamarte", "Acme Corp"),
        ),
        # an opening word the document never capitalizes elsewhere is no name
        ("Separately, Acme sold Belta in May 2023. Acme grew.", ("Acme", "Belta")),
        # the main subject takes part where "it" / "the company" speaks of it
        (
            "Acme grew in 2022. Acme hired in 2023. In May 2023, it signed with Belta.",
            ("Acme", "Belta"),
        ),
        # a place in its short forms, regions
        ("In May 2023, Acme, founded in St. Paul, sold a unit in the Netherlands.", ("Acme",)),
        ("In May 2023, Acme opened stores in Saxony and Zhejiang.", ("Acme",)),
        # the names of a relative clause are its own, those of an apposition the event's
        (
            "Priya Lal, who had been a banker at Merriton & Co., joined Acme in May 2023.",
            ("Priya Lal", "Acme"),
        ),
        (
            "Marcus Oyelaran, Bramble's chief executive, left Acme in May 2023.",
            ("Marcus Oyelaran", "Bramble", "Acme"),
        ),
        # a place by the noun after it; a where-from word of a compass point and a region
        (
            "In May 2023, Acme opened in Hangzhou's Binjiang district with a Southeast Asian bank.",
            ("Acme",),
        ),
        # "of" inside an organization's name; "and" between two complete names
        (
            "In May 2023, Acme teamed up with the Guizhou Provincial Department of Commerce.",
            ("Acme", "Guizhou Provincial Department of Commerce"),
        ),
        (
            "In May 2023, Harbor Gate Ventures and Meridian Growth Fund backed Acme.",
            ("Harbor Gate Ventures", "Meridian Growth Fund", "Acme"),
        ),
        # an opening word the text also writes in lower case; a campaign's name in quotes
        (
            "Revenue at Acme rose in May 2023. Revenue fell, and its revenue doubled.",
            ("Acme",),
        ),
        ('In May 2023, Acme ran its campaign, "Bring the Market Home," in Hubei.', ("Acme",)),
        # courtesy titles, organs, roles, meetings, addresses, what a compound modifies
        (
            "Dr Katrin Ahlmeyer, a member of the Management Board, will step down as Chief "
            "Financial Officer in May 2023.",
            ("Katrin Ahlmeyer",),
        ),
        ("In May 2023, the Annual General Meeting in Frankfurt am Main backed Acme.", ("Acme",)),
        ("In May 2023, Acme opened a store on Larimer Street.", ("Acme",)),
        ("In May 2023, Acme's Hong Kong-listed shares and North American sales fell.", ("Acme",)),
        # a product before its common noun
        ("In May 2023, the ChefPress recall cost Novatherm 35 million dollars.", ("Novatherm",)),
        # a title's head before a name; a describing word opening the sentence
        ("In May 2023, Chief Operating Officer Pieter Lindqvist took over.", ("Pieter Lindqvist",)),
        ("Rival Fenghua Auto slashed prices in May 2023.", ("Fenghua Auto",)),
        # a rare word opening a sentence is a name, even named once; a common one is none
        ("Lanting launched a live-streaming channel in May 2023.", ("Lanting",)),
        ("Momentum built in May 2023 as Acme hired.", ("Acme",)),
        ("New rules took effect at Acme in May 2023. Its new hub opened in New York.", ("Acme",)),
        ("Lanting's first 618 came in June 2023. Lanting sold out.", ("Lanting",)),
        # languages
        ("In May 2023, Acme opened a site in Malay and Mandarin.", ("Acme",)),
        # a role written before a person's name
        ("In May 2023, Host Lin Yue sold out Acme's stock.", ("Lin Yue", "Acme")),
        ("In May 2023, Deputy Mayor Ana Ruiz opened the Acme hub.", ("Ana Ruiz", "Acme")),
        # a name's particles; a title after a name; a region; a venue
        ("In May 2023, Pieter de Graaf left Veldhuis.", ("Pieter de Graaf", "Veldhuis")),
        ("In May 2023, Acme hired Shen Hao, Chairman of Bolt.", ("Acme", "Shen Hao", "Bolt")),
        ("In May 2023, Acme opened its South China hub.", ("Acme",)),
        ("In May 2023, Acme flew from Hangzhou Xiaoshan International Airport.", ("Acme",)),
        # capitals beyond ASCII
        ("In May 2023, Henrik Östberg joined Valdane.", ("Henrik Östberg", "Valdane")),
    ],
)
def test_events_actors_are_organizations_and_people(
    text: str, actors: tuple[str, ...], reference: date
) -> None:
    events = _events(text, reference)
    assert events[-1].actors == actors or events[0].actors == actors


@pytest.mark.parametrize(
    "text",
    [
        "# Third Quarter Fiscal 2023 Results",
        "Sales grew.\n\n## A record Spring Festival in 2023\n\nShoppers came.",
        "**Outlook for 2024**\n\nSales grew.",
        "Double 11 and the warehouse in 2023",
        "This release contains forward-looking statements about 2024.",
        "Acme will hold a conference call on March 3, 2023.",
        "A replay will remain available until March 17, 2023.",
        "Acme's fiscal year 2024 began on February 1, 2023.",
        "As of June 30, 2023, Acme had cash of 2 billion dollars.",
        "It had $710 million in cash and investments as of Sept. 30, 2023.",
        "As of December 31, 2022, Acme employed about 480 people.",
        "Its shares fell 6% on Monday, May 8, 2023.",
        "Corvane shares rose 14% in premarket trading on Thursday, May 11, 2023.",
        "Brightwater's stock closed at $46.80 on May 10, 2023, above the offer price.",
        "Acme's shares have lost about a third of their value in 2023.",
        "Today it has about 1.9 million customers, up from 2023.",
        "It aims for 10,000 Spanish subscribers by the end of 2024.",
        "She expects the company to break even in Italy in 2024.",
        "One of them said the fine was unlikely to derail the plans for 2024.",
        "Analysts said the deal would likely close in March 2024.",
        "We think demand will recover in 2024.",
        '"We are raising our outlook for 2024 after record revenue," said chief executive Ann Lee.',
        "She said she did not expect margins to improve before 2025 and warned of job cuts.",
        "Lim Wei, a partner at Kallang Partners, said valuations had recovered from 2023 lows.",
        "It was the largest penalty the regulator imposed in 2023.",
        '"The Double 11 festival was the highlight of our year," said Bo Li, Chairman of Acme.',
        'Bo Li, Chief Financial Officer of Acme, added: "Costs fell to 18% of revenue in 2023."',
        "We thank Ingrid Berg for building the finance team in 2023.",
        "Cash, cash equivalents and marketable securities were $2.4 billion as of May 31, 2023.",
        "Annual recurring revenue was $2.64 billion as of December 31, 2023, up 17%.",
        "Shares in Acme's parent fell 3.1% in London on Tuesday, May 9, 2023.",
        "Acme grew in 2023, and today more than 2.3 million merchants sell through it.",
        "Analysts at Huachen Securities estimate it needs 300,000 sales in 2024.",
        "These risks are described in its Annual Report on Form 10-K for fiscal 2023.",
        "Contact (from May 2023): Ann Lee, Investor Relations, +1 612 555 0142, ir@acme.com",
    ],
)
def test_events_headings_boilerplate_and_opinions_are_no_events(text: str, reference: date) -> None:
    assert _events(text, reference) == []


def test_events_who_said_a_quote_does_not_type_it(reference: date) -> None:
    (event,) = _events(
        '"We launched our app in Japan in May 2023," said Bo Li, Chairman and Chief Executive '
        "Officer of Acme.",
        reference,
    )
    assert event.category == "launch"


@pytest.mark.parametrize(
    "text",
    [
        # a job title is no contact line
        "She will be succeeded by Marcus Theroux, head of investor relations, in May 2023.",
        "She will be succeeded by Ann Lee, vice president of finance and investor relations, "
        "who joined Acme in 2019.",
        # results of a fiscal year are no explanation of the fiscal year
        "Its revenue rose to 52 million dollars in the fiscal year ended June 30, 2023.",
        "It will pay a cash dividend of $0.24 on May 18, 2023 to holders of record as of May 4.",
    ],
)
def test_events_what_looks_like_boilerplate_may_be_an_event(text: str, reference: date) -> None:
    assert _events(text, reference)


def test_events_a_compared_date_governs_nothing(reference: date) -> None:
    (event,) = _events(
        "Inventories were 4 million dollars in March 2023, compared with 5 million at the "
        "end of 2022.",
        reference,
    )
    assert event.timex == "2023-03"


@pytest.mark.parametrize(
    "dateline",
    [
        "CLEVELAND, May 16 —",
        "BERLIN, 16 May 2023 --",
        "SAN JOSE, Calif., May 16, 2023 --",
        "HANGZHOU, China, May 16, 2023 /PRNewswire/ --",
        "**BOSTON, May 16** —",
        "**STUTTGART, May 16 (Autowire)** —",
        "Bielefeld, 16 May 2023 –",
        "**Dublin, 16 May 2023** –",
        "Hangzhou, China, May 16, 2023 —",
    ],
)
def test_events_a_dateline_dates_no_event(dateline: str) -> None:
    text = f"{dateline} Acme said it will merge two units in the third quarter."
    (event,) = _events(text, date(2023, 5, 16))
    assert event.timex == "2023-Q3"
    assert event.title.startswith("Acme")  # the dateline is no part of the title
    (event,) = _events(f"{dateline} A court on Monday upheld the fine.", date(2023, 5, 16))
    assert event.timex == "2023-05-15"  # not the day it was filed


@pytest.mark.parametrize(
    "said",
    [
        ", chief executive Jonas Riedel said in a statement.",
        ", co-founder and chief executive Dana Whitcomb said in an interview.",
        ", said Zhou Mingyi, Chief Executive Officer of Tessel.",
    ],
)
def test_events_who_said_it_does_not_type_the_event(said: str, reference: date) -> None:
    (event,) = _events(f"Tessel will open a store in Lyon in March 2024{said}", reference)
    assert event.category == "launch"


def test_events_a_second_predicate_after_a_time_counted_from_the_first(reference: date) -> None:
    events = _events("Acme went public in 2018 and four years later bought Lumora.", reference)
    assert sorted((e.timex, e.category) for e in events) == [
        ("2018", "capital"),
        ("2022", "acquisition"),
    ]


def test_events_two_predicates_naming_different_people_are_two_events() -> None:
    # (a departure and an appointment of one date and kind, told in one sentence; the
    # merge of reports keeps them apart too)
    text = (
        "Rheinmark Bank said on Wednesday that chief executive Markus Hoffmann will retire "
        "on June 30, and named Clara Weiss as his successor. She will leave Veldhuis at the "
        "end of September and will be succeeded there by her deputy, Pieter de Graaf."
    )
    events = merge_reports(_events(text, date(2026, 3, 12)))
    assert [e.timex for e in events] == ["2026-06-30", "2026-06-30", "2026-09", "2026-09"]
    assert "Clara Weiss" in events[1].actors and "Markus Hoffmann" not in events[1].actors
    # (the second predicate's subject is the first one's stand-in, named)
    assert events[3].title.startswith("Clara Weiss will be succeeded")
    assert "Pieter de Graaf" in events[3].actors


def test_events_what_follows_an_opening_date_is_the_main_clause_no_aside(reference: date) -> None:
    text = "In October 2023, the US Department of Energy awarded Halvern a grant."
    (event,) = _events(text, reference)
    assert event.title == "The US Department of Energy awarded Halvern a grant"
    assert event.category == "capital"


def test_events_a_stand_in_stands_for_a_person_named_outside_any_event(reference: date) -> None:
    text = (
        "The first thing Nadia Okafor shows a visitor is a dented cabinet. She left Ardent "
        "Motors in October 2018."
    )
    (event,) = _events(text, reference)
    assert event.title.startswith("Nadia Okafor left Ardent")
    assert "Nadia Okafor" in event.actors


def test_events_a_stand_in_after_an_opening_phrase_stands_for_the_person(
    reference: date,
) -> None:
    text = (
        "The first thing Nadia Okafor shows a visitor is a dented cabinet. After finishing "
        "her doctorate, she joined Ardent Motors in 2012."
    )
    (event,) = _events(text, reference)
    assert "Nadia Okafor joined Ardent Motors" in event.title
    assert "Nadia Okafor" in event.actors


def test_events_a_last_name_alone_is_the_person_the_text_names_in_full(reference: date) -> None:
    text = (
        "## A long winter\n"
        "Kestrel grew fast.\n\nMarcus Feld still keeps the first invoice. Kestrel was "
        "founded in Boston in 2011 by Feld."
    )
    (event,) = _events(text, reference)
    assert "Marcus Feld" in event.actors
    assert "Feld" not in event.actors
    assert not any(a.startswith("winter") or a.endswith(" Kestrel") for a in event.actors)


def test_events_an_opinion_in_another_clause_leaves_the_event(reference: date) -> None:
    text = (
        "A hiring freeze imposed in July 2023 remains in place, and the company said it does "
        "not expect to lift it before the new fiscal year."
    )
    (event,) = _events(text, reference)
    assert (event.timex, event.category) == ("2023-07", "layoffs")


def test_events_a_tail_giving_a_claim_does_not_type_the_event(reference: date) -> None:
    text = (
        "In February 2023, a group of shops filed a lawsuit against Acme, alleging that it "
        "raised commissions without notice."
    )
    (event,) = _events(text, reference)
    assert event.category == "legal"


def test_events_an_undated_follow_up_about_another_subject_is_its_own_event() -> None:
    text = (
        "Martin Feld will leave Acme at the end of June. He will be succeeded by Raj Menon. "
        "Acme declined to comment on the succession."
    )
    events = _events(text, date(2023, 5, 16))
    assert [(e.timex, e.category, e.approximate) for e in events] == [
        ("2023-06", "personnel", False),
        ("2023-06", "personnel", True),
    ]


def test_events_each_predicate_of_another_kind_is_an_event() -> None:
    text = "In 2019, Acme closed two Ohio plants and laid off 700 workers."
    events = _events(text, date(2023, 5, 16))
    assert [(e.timex, e.category) for e in events] == [("2019", "closure"), ("2019", "layoffs")]
    assert events[1].title.startswith("Acme laid off 700 workers")


def test_events_a_title_names_the_main_subject_not_its_stand_in(reference: date) -> None:
    text = (
        "Acme opened a store in May 2023. Acme hired staff in June 2023. In July 2023, it "
        "signed a deal with Belta. In August 2023, our campaign began."
    )
    titles = [e.title for e in _events(text, reference)]
    assert titles[2] == "Acme signed a deal with Belta"
    assert titles[3] == "Acme's campaign began"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # products and campaigns after a launch verb, names in quotes, laws: no actors
        ("In March 2023, Acme launched Xiaozhi, its assistant.", ["Acme"]),
        ('In March 2023, Acme ran its "Homecoming Red Packets" campaign.', ["Acme"]),
        ("In March 2023, Acme cleared review under the Hart Antitrust Act.", ["Acme"]),
        # names joined by "&", and by "and" before an organization word, are one
        ("In March 2023, Dalton & Reyes advised Acme.", ["Dalton & Reyes", "Acme"]),
        (
            "In March 2023, the Competition and Markets Authority fined Acme.",
            ["Competition and Markets Authority", "Acme"],
        ),
        # an opening word in -ed is no name, however often it opens a sentence
        ("Founded in 2004, Acme grew. Founded in 2010, Belta did too.", ["Acme"]),
        # regions, mid-size cities, venues and time zones are no actors
        ("In March 2023, Acme became the largest grocer in the Midwest.", ["Acme"]),
        ("In March 2023, Acme opened a plant in Greenville.", ["Acme"]),
        ("On March 9, 2023, Acme spoke at McCormick Place at 9 a.m. Central Time.", ["Acme"]),
        # a stock exchange where shares list is no actor
        ("In March 2023, Acme listed on the Irish Stock Exchange.", ["Acme"]),
        # an event's edition is no actor
        ("On March 9, 2023, Acme unveiled a forklift at AutomateX 2023.", ["Acme"]),
    ],
)
def test_events_actor_names(text: str, expected: list[str], reference: date) -> None:
    assert list(_events(text, reference)[0].actors) == expected


def test_events_a_surname_is_the_full_name_the_document_gives(reference: date) -> None:
    text = (
        "In March 2023, Acme named Helen Ashby chief executive. In May 2023, Ashby cut jobs at "
        "Acme."
    )
    assert [e.actors for e in _events(text, reference)] == [
        ("Acme", "Helen Ashby"),
        ("Helen Ashby", "Acme"),
    ]


def test_events_a_clock_time_belongs_to_the_day_beside_it() -> None:
    (event,) = _events("Mingdu opened pre-sales at 8 p.m. on October 20.", date(2025, 11, 13))
    assert event.timex == "2025-10-20"


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        # out on the reference day: the period the results cover
        ("Acme today reported results for the third quarter of 2024.", "2024-Q3"),
        # a day of their own: that day
        ("Acme will report fourth-quarter results on Feb. 10.", "2025-02-10"),
        # the day a period ended describes the period
        ("For the third quarter ended Sept. 30, Acme expects revenue of 5 million.", "2024-Q3"),
    ],
)
def test_events_results_are_dated_by_their_period(text: str, timex: str) -> None:
    (event,) = _events(text, date(2024, 11, 21))
    assert (event.timex, event.category) == (timex, "earnings")


def test_events_the_headline_names_the_main_subject(reference: date) -> None:
    text = (
        "---\ntitle: Bramble Foods closes its Corliss deal\ndate: 2024-10-03\n---\n"
        "Bramble Foods Co. completed its acquisition of Corliss Markets on Wednesday. "
        "The Federal Trade Commission opened an investigation in June 2023. "
        "The Federal Trade Commission approved the deal in August 2024. "
        "The company will close 63 stores in November."
    )
    events = _events(text, date(2024, 10, 3))
    closing = next(e for e in events if e.category == "closure")
    assert closing.actors[0] == "Bramble Foods Co"
    assert closing.title.startswith("Bramble Foods will close")  # its company form left out


def test_events_a_name_the_release_defines_is_its_main_subject_and_its_short_forms() -> None:
    # (a press release defines its own company and its short form; the headline names the
    # platform, which is no stand-in for the company; agencies keep their country and what
    # they are "for")
    text = (
        "---\ntitle: Pellico Live posts a record Double 11\ndate: 2025-11-12\n---\n"
        'Pellico Technology Holdings Limited ("Pellico" or the "Company"), operator of Pellico '
        "Live, today announced results from its Double 11 festival.\n\n"
        "Pellico Live recorded GMV of RMB 40 billion on November 11.\n\n"
        "In October, Pellico signed a delivery agreement with Tamsin Express.\n\n"
        "The Company will open its platform to overseas brands in March 2026.\n\n"
        "The U.S. Food and Drug Administration cleared a partner's device in May. The State "
        "Administration for Market Regulation (SAMR) opened a probe into rivals in June, and "
        "SAMR fined two of them in September."
    )
    events = _events(text, date(2025, 11, 12))
    by_month = {e.timex: e for e in events}
    assert by_month["2025-10"].actors[0] == "Pellico Technology Holdings Limited"
    assert by_month["2026-03"].actors == ("Pellico Technology Holdings Limited",)
    assert by_month["2026-03"].title.startswith("Pellico will open")  # its own short form
    assert by_month["2025-05"].actors[0] == "U.S. Food and Drug Administration"
    regulator = "State Administration for Market Regulation"
    assert regulator in by_month["2025-06"].actors
    assert regulator in by_month["2025-09"].actors  # "SAMR", as the text defines it


def test_events_a_product_the_text_calls_its_own_is_no_main_subject(reference: date) -> None:
    text = (
        "Lumio Video was founded in 2016. Lumio Video listed in Hong Kong in 2021. In July "
        "2023, Lumio Global, our international app, went live in Indonesia. In March 2024, "
        "Lumio Global reached Malaysia. In April 2024, Lumio Global reached Vietnam. In May "
        "2024 we signed an agreement with Baiyue Mall."
    )
    events = _events(text, reference)
    signed = next(e for e in events if e.timex == "2024-05")
    assert signed.actors[0] == "Lumio Video"


def test_events_a_capital_after_a_heading_opens_a_sentence(reference: date) -> None:
    text = "## A trial averted\n\nUnder the settlement, Corlan will pay Ardent in March."
    (event,) = _events(text, reference)
    assert event.actors == ("Corlan", "Ardent")


def test_events_a_name_ending_like_a_gerund_is_a_name_when_used_as_one() -> None:
    text = (
        "---\ntitle: Lanting Select opens\ndate: 2023-04-11\n---\n"
        "Lanting launched Lanting Select, a storefront, on Monday."
    )
    doc = document_from_text(text, doc_id="t", reference_date=date(2023, 4, 11))
    (event,) = extract_events(doc, resolve(text, reference=date(2023, 4, 11), start=doc.body_start))
    assert event.actors == ("Lanting",)


def test_events_an_opening_participle_with_its_date_is_an_event_of_its_own(
    reference: date,
) -> None:
    events = _events(
        "Founded in Cork in 1921, Fernhill listed on the Irish Stock Exchange in 1987.", reference
    )
    assert sorted((e.timex, e.category) for e in events) == [
        ("1921", "founding"),
        ("1987", "capital"),
    ]


def test_events_a_tenure_in_an_appositive_is_its_own_event_not_the_clauses_date(
    reference: date,
) -> None:
    events = _events(
        "Marcus Oyelaran, Bramble's chief executive since 2021, will lead the combined group "
        "from March 2024.",
        reference,
    )
    assert sorted((e.timex, e.category) for e in events) == [
        ("2021", "personnel"),
        ("2024-03", "personnel"),
    ]


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("Nuvola said on Tuesday it would close its Madrid hub at the end of October.", "2024-10"),
        ("Acme said on Tuesday that it had bought Belta.", "2024-01-23"),
        ("Pell will step down on June 30, Acme said in a statement on Tuesday.", "2024-06-30"),
        ("On Tuesday the company said it will close a store the week of March 11.", "2024-W11"),
        # a deadline dates a clause with no other date, before the day it was told
        ("Acme said on Tuesday it would shut down its Austin office by March 2024.", "2024-03"),
        ("Acme will complete redress payments by the end of June.", "2024-06"),
    ],
)
def test_events_the_day_something_was_told_dates_it_only_when_nothing_else_does(
    text: str, timex: str, reference: date
) -> None:
    assert [e.timex for e in _events(text, reference)] == [timex]


def test_events_who_said_it_does_not_choose_the_category(reference: date) -> None:
    event, _took_over = _events(
        "Chief executive Ana Ruiz, who took over last year, said Acme plans to open a "
        "factory in Ohio in March 2025.",
        reference,
    )
    assert (event.timex, event.category) == ("2025-03", "launch")


@pytest.mark.parametrize(
    "text",
    [
        "Acme named Jo Park its CFO in March 2023.\n\nThe Board has declared an interim dividend.",
        "Acme named Jo Park its CFO in March 2023.\n\nAcme has appointed Henrik Dahl to its board.",
    ],
)
def test_events_an_undated_event_told_as_news_is_on_the_reference_day(
    text: str, reference: date
) -> None:
    *_, event = _events(text, reference)
    assert (event.date_start, event.approximate) == (reference, True)


def test_events_an_undated_quote_or_history_is_no_news(reference: date) -> None:
    text = (
        "Acme named Jo Park its CFO in March 2023.\n\n"
        '"This has been the most difficult quarter we have had," Park said.\n\n'
        "Acme acquired Belta and sold its filtration unit."
    )
    assert [e.timex for e in _events(text, reference)] == ["2023-03"]


def test_events_an_undated_result_follows_no_event(reference: date) -> None:
    # a result is dated by the period it covers: "sales rose" alone has none
    events = _events(
        "In March 2023, Acme opened a store in Osaka. Sales rose 12 percent.", reference
    )
    assert [(e.timex, e.category) for e in events] == [("2023-03", "launch")]


def test_events_a_quote_is_commentary_unless_it_tells_of_an_event(reference: date) -> None:
    text = (
        '"Late last year people were asking whether this brand would survive," Ashdown said. '
        '"We will shut down the Dayton plant in March 2024," Ashdown said.'
    )
    assert [(e.timex, e.category) for e in _events(text, reference)] == [("2024-03", "closure")]


def test_events_an_announcements_details_run_a_few_paragraphs(reference: date) -> None:
    text = (
        "Acme completed its purchase of Belta on January 24, 2024.\n\n"
        "Priya Natarajan will lead the Belta brand.\n\n"
        "Daniel Mireles was appointed chief financial officer of the combined company."
    )
    events = _events(text, reference)
    assert [(e.date_start, e.category) for e in events][-1] == (reference, "personnel")


def test_events_a_period_with_no_kind_of_event_is_framing(reference: date) -> None:
    text = "Half of 2023 had already passed. For the second half of 2023, Zhou set two priorities."
    assert _events(text, reference) == []


def test_events_an_undated_status_quo_is_no_event(reference: date) -> None:
    text = (
        "Acme completed its purchase of Belta on January 24, 2024. Jo Park will continue to "
        "lead the combined company as chief executive officer."
    )
    assert [e.category for e in _events(text, reference)] == ["acquisition"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Acme laid off 6% of its staff in February 2023 and eliminated another 400 jobs in "
            "August 2023.",
            [("2023-02", "layoffs"), ("2023-08", "layoffs")],
        ),
        (
            "Acme laid off 1,100 employees on Tuesday and said it would shut down its offices "
            "in Austin.",
            [("2024-01-23", "layoffs"), ("2024-01-23", "closure")],
        ),
        (  # "but" opens a second predicate too
            "The union lodged an appeal on Saturday but dropped the appeal on Tuesday.",
            [("2024-01-20", "legal"), ("2024-01-23", "legal")],
        ),
    ],
)
def test_events_predicates_of_one_kind_and_other_dates_or_a_telling_are_events_of_their_own(
    text: str, expected: list[tuple[str, str]], reference: date
) -> None:
    assert [(e.timex, e.category) for e in _events(text, reference)] == expected


def test_events_a_second_predicate_is_titled_with_the_first_ones_noun_subject(
    reference: date,
) -> None:
    text = "The union lodged an appeal on Saturday but dropped the appeal on Tuesday."
    assert [e.title for e in _events(text, reference)] == [
        "The union lodged an appeal",
        "The union dropped the appeal",
    ]


def test_events_a_review_tells_no_news_of_the_day() -> None:
    from timeline.batches import process_document

    text = (
        "Looking back at 2023, Acme rebuilt itself. In March, Acme launched Acme Select.\n\n"
        "Acme has changed its route many times before, and adjustments have been announced."
    )
    done = process_document(document_from_text(text, doc_id="t", reference_date=date(2024, 1, 25)))
    assert [e.timex for e in done.events] == ["2023-03"]


def test_events_he_in_a_title_is_the_person_named_before(reference: date) -> None:
    text = (
        "Acme said on Tuesday that Howard Pell would step down as chief executive on June 30, "
        "2024. He will be succeeded by Maria Castellanos."
    )
    titles = [e.title for e in _events(text, reference)]
    assert titles[-1] == "Howard Pell will be succeeded by Maria Castellanos"


def test_events_she_is_not_the_person_he_stood_for(reference: date) -> None:
    text = (
        "Acme said on Monday that Daniel Okafor will step down on May 31, 2024. He will be "
        "succeeded by Marisol Vance. Okafor had joined Acme in March 2018. "
        "She will present targets at an investor meeting on June 20, 2024."
    )
    events = _events(text, reference)
    succession = next(e for e in events if "succeeded" in e.title)
    assert "Daniel Okafor" in succession.actors
    assert events[-1].title.startswith("Marisol Vance will present")


def test_events_a_possessive_appositive_closing_the_sentence_is_background(
    reference: date,
) -> None:
    (event,) = _events(
        "Acme said it would close offices in Austin and Dublin by March 2024, its third round "
        "of cuts in two years.",
        reference,
    )
    assert (event.timex, event.category) == ("2024-03", "closure")


def test_events_followed_by_opens_a_clause_of_its_own(reference: date) -> None:
    text = "Acme will open a store in December 2024, followed by a campaign in March 2025."
    assert [e.timex for e in _events(text, reference)] == ["2024-12", "2025-03"]


def test_events_the_quarter_dates_a_clause_with_no_other_date() -> None:
    """ "During the quarter" is the quarter the release reports on (the first it names, not
    the one it compares with); a date of its own in the clause still comes first."""
    text = (
        "Corvane's fiscal year begins on July 1. Corvane reported results for the second "
        "quarter of fiscal 2026. Revenue was up 11% from the second quarter of fiscal 2025.\n\n"
        "During the quarter, Corvane repurchased 1.1 million shares.\n\n"
        "Results for the quarter include charges for the job cuts it announced in August 2025."
    )
    events = build([document_from_text(text, doc_id="c", reference_date=date(2026, 1, 29))])
    found = {e["title"][:20]: e["timex"] for e in events.events.to_dicts()}
    assert found["Corvane repurchased "] == "FY2026-Q2"
    assert "2025-08" in found.values()


def test_events_a_range_keeps_its_end() -> None:
    events = _events(
        "The campaign ran from January 25 to February 8. AutomateX takes place March 9 to 11, "
        "2026. Sales rose 4% to 11 million on May 3.",
        date(2025, 10, 1),
    )
    spans = [(e.timex, str(e.date_start), str(e.date_end)) for e in events]
    assert ("2025-01-25/2025-02-08", "2025-01-25", "2025-02-08") in spans
    assert ("2026-03-09/2026-03-11", "2026-03-09", "2026-03-11") in spans
    assert ("2025-05-03", "2025-05-03", "2025-05-03") in spans  # "to 11 million" is no day


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("Acme held its fair from 9 to 11 March 2023.", "2023-03-09/2023-03-11"),
        ("Acme held its fair on 9-11 March 2023.", "2023-03-09/2023-03-11"),
        ("Acme held its fair from March 9 to 11, 2023.", "2023-03-09/2023-03-11"),
        ("The strike ran from 9 March to 14 March 2023.", "2023-03-09/2023-03-14"),
        ("The strike ran from March 9 to April 2, 2023.", "2023-03-09/2023-04-02"),
        ("The strike ran from 28 February to 3 March 2023.", "2023-02-28/2023-03-03"),
        ("The sale ran from December 28 to January 3, 2023.", "2022-12-28/2023-01-03"),
    ],
)
def test_events_a_range_written_any_way_keeps_both_ends_and_its_year(text: str, timex: str) -> None:
    (event,) = _events(text, date(2024, 1, 25))
    assert event.timex == timex
    assert event.title in ("Acme held its fair", "The strike ran", "The sale ran")  # no date left


def test_events_a_range_between_two_dates_keeps_its_end_and_leaves_the_title() -> None:
    (event,) = _events(
        "Staff will be offered voluntary departure packages between April 1 and May 15.",
        date(2026, 3, 12),
    )
    assert (event.timex, event.title) == (
        "2026-04-01/2026-05-15",
        "Staff will be offered voluntary departure packages",
    )
    # "and" makes a range only after "between"
    (event,) = _events("Acme cut 40 jobs on April 1 and May 15.", date(2026, 3, 12))
    assert event.timex == "2026-04-01"


def test_events_an_aside_telling_when_dates_its_clause_and_is_no_event_of_its_own() -> None:
    text = (
        "Looking back on 2024. The 618 festival, which started on May 20 and peaked on June 18, "
        "was our biggest mid-year event yet. The year opened with our Spring Festival "
        'campaign, "Bring the Market Home," which ran from January 25 to February 8. The pack '
        "will be unveiled at AutomateX 2026, which takes place March 9 to 11. The plant, which "
        "opened in 1987, will close in June."
    )
    events = _events(text, date(2025, 1, 9))
    found = sorted((e.timex, e.title) for e in events)
    assert [t for t, _ in found] == [
        "1987",  # the plant's opening: its clause has a date of its own
        "2024-01-25/2024-02-08",  # the campaign's run, not the Spring Festival's day
        "2024-06-18",  # one event: the festival, which ran over its aside's days
        "2025-06",
        "2026-03-09/2026-03-11",  # the unveiling, at the show's days rather than 2026
    ]


def test_events_an_aside_telling_when_a_deal_was_made_beats_a_bound_of_the_clause() -> None:
    text = (
        "Under the settlement, which was announced on Monday, Corvane will pay Ardent "
        "$120 million upfront plus royalties on Telvira sales through 2036."
    )
    (event,) = _events(text, date(2025, 12, 4))
    assert event.timex == "2025-12-01"  # when it was agreed, not how long royalties run
    assert event.category == "legal"


def test_events_an_organization_called_by_its_initials_takes_part() -> None:
    text = (
        "Britain's Competition and Markets Authority fined Portside on March 4, 2026. "
        "The CMA first raised concerns with Portside in a warning letter in June 2024."
    )
    events = sorted(_events(text, date(2026, 3, 4)), key=lambda e: e.date_start)
    assert "Competition and Markets Authority" in events[0].actors  # the letter's sender


def test_events_an_introduction_to_what_follows_is_no_event() -> None:
    assert not _events(
        "Here is how the year went, from the Spring Festival to Double 12.", date(2025, 1, 9)
    )


def test_events_the_full_year_of_a_review_is_its_year_not_the_one_compared_with() -> None:
    text = (
        "Looking back on 2024, our year at Lumora.\n\n"
        "In March we launched Live Studio.\n\n"
        "For the full year, GMV reached 410 billion yuan, up 24% from 2023."
    )
    built = build([document_from_text(text, doc_id="l", reference_date=date(2025, 1, 9))])
    found = {e["title"][:10]: e["timex"] for e in built.events.to_dicts()}
    assert found["GMV reache"] == "2024"


def test_events_a_follow_up_about_another_person_is_its_own_event() -> None:
    """ "Chen Yiran joined us" is about Chen Yiran, not about "us" (the main subject): the
    undated sentence after it about Wei Haoming is an event of its own at its date."""
    text = (
        "Lumora grew in 2024. In May, Lumora raised funds.\n\n"
        "In August, Chen Yiran joined us as chief technology officer. Co-founder Wei Haoming, "
        "who had been our CTO since 2016, became chief scientist and now leads our research team."
    )
    built = build([document_from_text(text, doc_id="l", reference_date=date(2024, 12, 20))])
    rows = [(e["timex"], e["actors"][0]) for e in built.events.to_dicts()]
    assert ("2024-08", "Chen Yiran") in rows
    assert ("2024-08", "Wei Haoming") in rows


@pytest.mark.parametrize(
    ("text", "timexes"),
    [
        # a festival's day yields to a date written in the clause
        ("Mingdu will start its Spring Festival campaign in mid-January.", ["2026-01"]),
        ("Double 11 pre-sales opened on October 20.", ["2025-10-20"]),
        # ... not to one it is held ahead of
        (
            "In 2025 Acme ran its Spring Festival campaign, ahead of the Lantern Festival on "
            "February 12.",
            ["2025-01-29"],
        ),
        # a clause of its own after ", and our ..."
        (
            "In July we will enter Vietnam, and our Spring Festival campaign starts next week.",
            ["2025-W52", "2026-07"],
        ),
    ],
)
def test_events_a_festival_names_the_occasion_a_written_date_says_when(
    text: str, timexes: list[str]
) -> None:
    assert sorted(e.timex for e in _events(text, date(2025, 12, 20))) == timexes


def test_events_a_second_predicate_in_a_verb_whose_past_is_its_present() -> None:
    events = _events(
        "It last reorganised in 2019, when it closed two Ohio plants and cut 700 jobs.",
        date(2023, 5, 16),
    )
    assert sorted(e.category for e in events) == ["layoffs", "reorganization"]


def test_events_a_condition_does_not_type_the_event() -> None:
    (event,) = _events(
        "The transaction is expected to close in the first quarter of 2026, subject to the "
        "expiration of the waiting period under the antitrust laws.",
        date(2025, 9, 22),
    )
    assert event.category == "acquisition"


def test_events_who_said_a_quote_does_not_make_it_an_event() -> None:
    text = (
        '"We have delivered a solid first half in a difficult market," said Henrik Voss, '
        "Chief Executive Officer of Acme, on 14 August 2025."
    )
    assert not _events(text, date(2025, 8, 14))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a festival tells the kind of event when the rest of the clause says little
        (
            "For Double 12 on December 12 we put rural sellers first, waiving commission.",
            "promotion",
        ),
        # ... not when it says enough
        ("Gross merchandise value during Double 11 rose 18% from a year earlier.", "earnings"),
    ],
)
def test_events_a_festival_types_a_clause_that_says_little_else(text: str, category: str) -> None:
    (event,) = _events(text, date(2025, 12, 20))
    assert event.category == category


@pytest.mark.parametrize(
    ("text", "reference", "timex"),
    [
        # a date later in the sentence is no "told" date of the clause before it
        (
            "It will begin pre-sales in mid-October, executives told merchants at a briefing "
            "this month.",
            date(2025, 7, 22),
            "2025-10",
        ),
        # results to be reported on a coming month are dated by it
        (
            "Lingxi is expected to report second-quarter results in late August.",
            date(2025, 7, 22),
            "2025-08",
        ),
        # what an outlook is compared with, numbers and all, dates nothing; a past-tense date
        # does not take the sentence's year when that puts it after the reference date
        (
            "For the full year 2026, Acme now expects revenue of $3.27 billion to $3.30 billion, "
            "up from the range of $3.20 billion to $3.25 billion it gave in October.",
            date(2026, 1, 29),
            "2026",
        ),
    ],
)
def test_events_dates_of_telling_reporting_and_comparing(
    text: str, reference: date, timex: str
) -> None:
    (event,) = _events(text, reference)
    assert event.timex == timex


def test_normalizer_a_past_date_does_not_take_a_year_that_puts_it_in_the_future() -> None:
    text = "For the full year 2026, revenue is up from the range it gave in October."
    found = {r.mention.text: r.timex.value for r in resolve(text, reference=date(2026, 1, 29))}
    assert found["October"] == "2025-10"


def test_events_keyword_prefixes_of_any_length_match_word_beginnings() -> None:
    mine = parse_taxonomy('[[category]]\nid = "a"\nstrong = ["ab*", "acquir*"]\n')
    assert mine.categorize("It was abolished.") == "a"
    assert mine.categorize("It acquired Belta.") == "a"
    assert mine.categorize("It was acquitted.") == "other"


def test_events_a_definite_description_stands_for_the_organization_named_before() -> None:
    text = (
        "The Federal Cartel Office opened an investigation into Tessel in November 2021. "
        "Officials searched Tessel's offices on 8 February 2022. The authority fined the "
        "company on March 14, 2023. The Hotel Fairness Foundation sued Tessel in April 2022, "
        "and the foundation settled in May 2023."
    )
    events = _events(text, date(2023, 9, 21))
    assert all("Federal Cartel Office" in e.actors for e in events[:3])
    assert "Hotel Fairness Foundation" in events[-1].actors


def test_events_the_head_of_a_name_stands_for_it_but_not_for_the_main_subject() -> None:
    text = (
        "---\ntitle: Dunmore Bank settles with pilots\n---\n"
        "Dunmore Bank and the Coastal Pilots' Guild met on March 2, 2026. "
        "The guild lodged an appeal on March 5, 2026. "
        "The bank cut 40 jobs on March 9, 2026."
    )
    events = _events(text, date(2026, 3, 20))
    assert "Coastal Pilots' Guild" in events[1].actors
    assert "Coastal Pilots' Guild" not in events[2].actors


def test_events_a_date_after_the_same_year_is_another_events() -> None:
    # a finer date inside the year refines it ("In 2021 it opened a store in March"), but
    # not past "the same year", which opens another event of that year
    text = (
        "The company went public in Hong Kong in 2021, the same year SAMR fined Alibaba "
        "Group (April 10, 2021). In 2022 it opened a store in March."
    )
    events = _events(text, date(2023, 5, 1))
    assert [e.timex for e in events] == ["2021", "2022-03"]
    assert events[0].title == "The company went public in Hong Kong"


def test_events_a_company_named_after_a_place_goes_by_the_place() -> None:
    # "Harrow" is a place (GeoNames) and "Harrow Air" two capitalized words, like a
    # person's name: acting alone, "Harrow" is the airline, and the airline the main subject
    text = (
        "---\ntitle: Harrow Air and pilots end strike\n---\n"
        "Harrow Air and the Irish Pilots' Guild reached a deal on March 19, 2026. "
        "Harrow went to court on March 12, 2026. "
        "Harrow cancelled 620 flights on March 9, 2026. "
        "Flights from Harrow resumed on March 21, 2026."
    )
    events = _events(text, date(2026, 3, 20))
    court = next(e for e in events if "court" in e.title)
    assert court.actors[0] == "Harrow"
    assert all(any(a.startswith("Harrow") for a in e.actors) for e in events)


def test_events_a_name_used_as_a_product_is_no_actor_anywhere() -> None:
    # "its ChefPress multicookers" makes ChefPress a product: alone later it is no actor;
    # "the Lumora app" does not make Lumora one, which said and did things
    text = (
        "Novatherm Home Appliances recalled its ChefPress multicookers on May 23, 2024. "
        "The ChefPress meets all safety standards, Novatherm said on May 24, 2024. "
        "Lumora said it had launched the Lumora app on June 3, 2024."
    )
    events = _events(text, date(2024, 6, 10))
    assert not any("ChefPress" in e.actors for e in events)
    assert any("Lumora" in e.actors for e in events)


def test_events_a_follow_up_tells_more_of_an_aside_event() -> None:
    # the only date is an aside's: the next sentence's event is at it, "He" its subject;
    # a state's start ("since 2020") is no event a follow-up tells more of
    events = _events(
        "The affair ended the tenure of Dieter Wolfram, the long-serving chief executive, "
        "who resigned in March 2023. He was succeeded by Marquardt.",
        date(2025, 11, 20),
    )
    assert [(e.timex, e.title) for e in events] == [
        ("2023-03", "Dieter Wolfram resigned"),
        ("2023-03", "Dieter Wolfram was succeeded by Marquardt"),
    ]
    events = _events(
        "Ingrid Sandahl, who has headed the unit since 2020, will become chief executive "
        "once it is formed. Raj Menon will serve as chief technology officer.",
        date(2024, 11, 19),
    )
    assert "2020" not in [e.timex for e in events if "Menon" in e.title]


def test_events_a_noun_subject_of_two_predicates_is_no_actor() -> None:
    # "The company" does the second predicate too, in its title, but is no name
    events = _events(
        "The company laid off about 6% of its staff in February 2024 and eliminated another "
        "400 jobs in August last year, mostly in sales and marketing.",
        date(2026, 1, 14),
    )
    assert [e.title for e in events] == [
        "The company laid off about 6% of its staff",
        "The company eliminated another 400 jobs, mostly in sales and marketing",
    ]
    assert all("The company" not in e.actors for e in events)


def test_events_the_main_subject_has_one_name() -> None:
    # its full legal name beside its short one is the same company, once
    events = _events(
        "Kestrel Software Inc. on Tuesday laid off about 1,100 employees. Kestrel said on "
        "Tuesday it would close three offices by March. Kestrel listed on the Nasdaq in 2019.",
        date(2026, 1, 14),
    )
    assert all(e.actors == ("Kestrel",) for e in events)


def test_events_a_first_predicate_stating_what_is_tells_no_event() -> None:
    # "lists ... properties" is a state (no kind, no date); the aside and the second
    # predicate are the events, the latter done by who the sentence opens with
    events = _events(
        "Founded in Berlin in 2009, Tessel lists about 900,000 properties in 40 countries "
        "and reported revenue of €1.4 billion last year.",
        date(2023, 5, 1),
    )
    assert sorted((e.timex, e.category) for e in events) == [
        ("2009", "founding"),
        ("2022", "earnings"),
    ]
    assert next(e for e in events if e.timex == "2022").title.startswith("Tessel reported")


@pytest.mark.parametrize(
    "sentence",
    [
        "A fire broke out at the smelter's casting centre on March 2, 2026.",
        "Members will vote on the proposal in a ballot on April 2, 2026.",
        "Pilots walked out on March 9, 2026, and the airline cancelled 620 flights.",
    ],
)
def test_events_labour_disputes_and_accidents_are_other(sentence: str) -> None:
    # no weak keyword of another kind ("centre", "proposal", "cancelled") makes them one
    (event,) = _events(sentence, date(2026, 3, 20))
    assert event.categories == ("other",)


def test_events_a_since_date_dates_a_clause_where_it_is_the_only_date(reference: date) -> None:
    events = _events(
        "Earnings fell 4% in 2022, and the group has had a hiring freeze in place since "
        "March 2023.",
        reference,
    )
    assert [(e.timex, e.category) for e in events] == [
        ("2022", "earnings"),
        ("2023-03", "layoffs"),
    ]


@pytest.mark.parametrize(
    ("text", "timexes"),
    [
        # a superlative since a date is a comparison
        (
            "In the second quarter of 2023, revenue rose 1.6%, while the margin reached 12.3%, "
            "the highest since 2019.",
            ["2023-Q2"],
        ),
        # a quote begun in a sentence before is judged by what it quotes
        (
            'Acme cut its fees in May 2023. "We listened. This ignores all of that," chief '
            "executive Ann Lee said.",
            ["2023-05"],
        ),
    ],
)
def test_events_comparisons_and_quotes_make_no_events(
    text: str, timexes: list[str], reference: date
) -> None:
    assert [e.timex for e in _events(text, reference)] == timexes


@pytest.mark.parametrize(
    "text",
    [
        "In 2021 it sold its network to Iberfibra, and a 2022 programme removed 2,500 jobs.",
        "It will close two centres in March, and the company's research site will shut in June.",
        "We cut our fees in January 2023 and we introduced a lower rate in October 2023.",
        # a comma before a new subject, once a verb came before it
        "We closed two plants in 2022, we will shut a third in 2024.",
        "It raised $38 million in 2018, and a $210 million Series D in June 2021 valued it.",
    ],
)
def test_events_and_before_a_new_subject_opens_a_clause_of_its_own(
    text: str, reference: date
) -> None:
    assert len(_events(text, reference)) == 2


def test_events_an_opening_phrase_is_no_clause_of_its_own(reference: date) -> None:
    assert [e.timex for e in _events("In 2022, we closed two plants in March.", reference)] == [
        "2022-03"
    ]


def test_events_a_title_drops_the_opening_mark_of_a_quote_it_cuts(reference: date) -> None:
    (event,) = _events(
        '"We shut down our plant in Lyon in May 2023, and it hurt us a lot for many months '
        'to come," she said.',
        reference,
    )
    assert event.title.startswith("We shut down")


def test_events_we_in_a_title_is_the_main_subject_before_a_verb_of_any_number(
    reference: date,
) -> None:
    events = _events(
        "Acme Holdings Limited opened a plant in April 2023. In May 2023 we launched a store "
        "in Lyon. In June 2023 we now move three million parcels a day. Acme Holdings "
        "Limited hired Bo Li in July 2023.",
        reference,
    )
    titles = [e.title for e in events]
    # the main subject without its company forms; "we move" keeps its subject
    assert "Acme launched a store in Lyon" in titles
    assert "We now move three million parcels a day" in titles


def test_events_a_company_before_a_year_in_a_headline_is_no_edition() -> None:
    doc = document_from_text(
        "---\ntitle: Acme Express 2023 Year in Review\ndate: 2024-01-05\n---\n"
        "Acme Express opened a hub in March 2023. In May 2023 we launched a store in Lyon. "
        "In June 2023 Bo Li joined Nimbus. In July 2023 Bo Li hired Ann Lee.",
        doc_id="t",
    )
    found = resolve(doc.text, reference=date(2024, 1, 5), start=doc.body_start)
    assert all("Acme Express" in e.actors for e in extract_events(doc, found))


def test_events_a_month_opening_the_sentence_is_when_it_happened_not_when_it_was_told() -> None:
    events = _events(
        "In March 2024, the Company announced a share repurchase program under which it may "
        "repurchase up to US$1.0 billion of its shares through March 2026.",
        date(2025, 8, 21),
    )
    assert [(e.timex, e.category) for e in events] == [("2024-03", "capital")]


def test_events_an_asides_predicates_are_events_of_their_own(reference: date) -> None:
    events = _events(
        "She replaces Peter Huang, who has served on the board since 2019 and will step "
        "down on August 31, 2024 for personal reasons.",
        reference,
    )
    assert [(e.timex, e.status) for e in events if e.timex != "2024-01-25"] == [
        ("2019", "done"),
        ("2024-08-31", "planned"),
    ]


def test_events_an_aside_restating_the_date_of_what_it_follows_is_no_event() -> None:
    events = _events(
        "Mingdu will hold a Double 12 promotion on December 12, ahead of Chinese New Year, "
        "which falls on February 17.",
        date(2025, 11, 20),
    )
    assert [e.timex for e in events] == ["2025-12-12"]


def test_events_they_in_a_title_are_the_two_organizations_named_before(reference: date) -> None:
    events = _events(
        "Kestrel Semiconductor and Valdane Motors first worked together in 2019. In March "
        "2022 they signed a supply agreement.",
        reference,
    )
    assert events[-1].title == "Kestrel Semiconductor and Valdane Motors signed a supply agreement"
    assert set(events[-1].actors) == {"Kestrel Semiconductor", "Valdane Motors"}


def test_events_what_happens_at_closing_is_dated_when_the_deal_is_due() -> None:
    text = (
        "Acme Corp. agreed on Monday to buy Belta Labs for $2 billion. The transaction is "
        "expected to close in the first quarter of 2026.\n\n"
        "Belta sells software to banks.\n\nIts customers include lenders in Ohio.\n\n"
        "Analysts at several banks covered the stock.\n\nIt employs 300 people.\n\n"
        "Upon completion of the transaction, Belta chief executive Jo Park will join Acme's "
        "board of directors.\n\nThe company expects the deal to add to earnings in the first "
        "full year after closing."
    )
    events = _events(text, date(2025, 9, 24))
    joining = [e for e in events if "Jo Park" in e.sentence]
    assert [(e.timex, e.approximate, e.category) for e in joining] == [
        ("2026-Q1", True, "personnel")
    ]
    # (results and guidance are dated by their period, not by the deal's closing)
    assert not [e for e in events if "earnings" in e.sentence]


def test_events_at_closing_needs_a_deal_due_before_it() -> None:
    text = (
        "Acme Corp. opened a plant in 2024.\n\nUpon completion of the review, Jo Park will join "
        "Acme's board of directors."
    )
    events = _events(text, date(2025, 9, 24))
    assert all(e.timex != "2026-Q1" for e in events)
    assert [e.timex for e in events if "Jo Park" in e.sentence] in ([], ["2025-09-24"])


def test_events_a_clause_after_a_length_of_time_is_an_event_that_long_before() -> None:
    text = (
        "Kestrel Grid filed for an initial public offering on Tuesday. The filing comes five "
        "months after Kestrel raised $180 million in a Series D round.\n\n"
        "Kestrel is seeking a listing in Hong Kong, two years after it shelved plans "
        "to list in New York.\n\n"
        "The hire comes two months after Nuvola cut 8% of its staff in December."
    )
    events = _events(text, date(2025, 10, 8))
    dated = {e.title: (e.timex, e.granularity.value, e.approximate) for e in events}
    raised = next(t for t in dated if t.startswith("Kestrel raised $180 million"))
    shelved = next(t for t in dated if t.startswith("Kestrel shelved plans"))
    assert dated[raised] == ("2025-05", "month", True)
    assert dated[shelved] == ("2023", "year", True)
    # (a clause with a date of its own is dated by it)
    assert not [e for e in events if e.timex == "2025-08"]


def test_events_a_counted_back_event_told_with_its_date_is_that_one() -> None:
    text = (
        "On May 14, 2025, Kestrel raised $180 million in a Series D round.\n\n"
        "The filing comes five months after Kestrel raised $180 million."
    )
    events = _events(text, date(2025, 10, 8))
    assert [e.timex for e in events if e.category == "capital"] == ["2025-05-14"]


def test_events_a_date_in_parentheses_dates_what_stands_before_it() -> None:
    events = _events(
        "At its summit in Lisbon (September 16 to 18), Acme unveiled Treasury, a new account.",
        date(2025, 11, 6),
    )
    assert [(e.timex, e.category) for e in events] == [("2025-09-16/2025-09-18", "launch")]
    assert "(" not in events[0].title


def test_events_a_main_subjects_units_and_brands_are_the_main_subject() -> None:
    text = (
        "Ambry Inc. said on Monday it would cut 1,200 jobs. Ambry will fold its divisions "
        "into three groups from July 1, 2025. Ravi Menon will lead Ambry Pro from July 1, 2025, "
        "and China Unicom will supply Ambry from August 2025."
    )
    events = _events(text, date(2025, 3, 4))
    actors = {a for e in events for a in e.actors}
    assert "Ambry Pro" not in actors
    assert "Ravi Menon" in actors
    assert "China Unicom" in actors  # ("China" is a common word: no unit of anyone's)
