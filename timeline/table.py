"""The event table: one polars schema, defined once, and its file exports.

The first thirteen columns are fixed by the CLI contract (``events.csv``); more may follow.
``date_end`` is the inclusive last day. Rows are sorted by ``(date_start, doc_id,
char_start)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path

import polars as pl

from timeline.errors import SchemaError
from timeline.io import atomic_write
from timeline.model import Document, Event, Granularity

EVENT_SCHEMA = pl.Schema(
    {
        "event_id": pl.String(),
        "date_start": pl.Date(),
        "date_end": pl.Date(),
        "granularity": pl.String(),
        "timex": pl.String(),
        "date_text": pl.String(),
        "category": pl.String(),
        "title": pl.String(),
        "actors": pl.List(pl.String()),
        "sentence": pl.String(),
        "doc_id": pl.String(),
        "char_start": pl.Int64(),
        "char_end": pl.Int64(),
        "mod": pl.String(),
        "reference_date": pl.Date(),
        "reference_basis": pl.String(),
        "approximate": pl.Boolean(),
        "confidence": pl.Float64(),
        "sources": pl.List(pl.String()),
        "categories": pl.List(pl.String()),
        "status": pl.String(),
    }
)
CSV_COLUMNS = tuple(EVENT_SCHEMA.names())
# what a build keeps of each document it read: everything but the text, one row each
DOCUMENT_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String(),
        "title": pl.String(),
        "source": pl.String(),
        "url": pl.String(),
        "reference_date": pl.Date(),
        "reference_basis": pl.String(),
        "lang": pl.String(),
    }
)
SORT_KEY = ("date_start", "doc_id", "char_start")
LIST_COLUMNS = ("actors", "sources", "categories")
ACTOR_SEPARATOR = "; "


def events_to_frame(events: Iterable[Event], *, sort: bool = True) -> pl.DataFrame:
    """The event table for ``events`` (an empty frame with the same schema for none),
    sorted by :data:`SORT_KEY`, or in the order given."""
    rows = list(events)
    # a column per Event field, of the same name; granularity as its value, and a report
    # without sources is its own
    columns = {name: [getattr(e, name) for e in rows] for name in EVENT_SCHEMA.names()}
    columns["granularity"] = [g.value for g in columns["granularity"]]
    columns["sources"] = [e.sources or (f"{e.doc_id}:{e.char_start}-{e.char_end}",) for e in rows]
    data = {n: _string_lists(v) if n in LIST_COLUMNS else v for n, v in columns.items()}
    frame = pl.DataFrame(data, schema=EVENT_SCHEMA)
    return frame.sort(SORT_KEY) if sort else frame


def _string_lists(lists: Sequence[Sequence[str]]) -> pl.Series:
    """A list-of-strings column (polars builds one from Python lists slowly: it builds the
    values and their rows instead, then gathers the values of each row)."""
    rows = pl.Series([i for i, values in enumerate(lists) for _ in values], dtype=pl.UInt32())
    values = pl.Series([v for values in lists for v in values], dtype=pl.String())
    gathered = pl.DataFrame({"row": rows, "v": values}).group_by("row").agg("v")
    return (
        pl.DataFrame({"row": pl.arange(len(lists), dtype=pl.UInt32(), eager=True)})
        .join(gathered, on="row", how="left", maintain_order="left")
        .get_column("v")
        .fill_null(pl.lit([], dtype=pl.List(pl.String())))
    )


def documents_to_frame(documents: Iterable[Document]) -> pl.DataFrame:
    """The documents' metadata (:data:`DOCUMENT_SCHEMA`), in the order given."""
    rows = [
        (d.doc_id, d.title, d.source, d.url, d.reference_date, d.reference_basis, d.lang)
        for d in documents
    ]
    return pl.DataFrame(rows, schema=DOCUMENT_SCHEMA, orient="row")


def frame_to_events(frame: pl.DataFrame) -> list[Event]:
    """Rows of the event table back as :class:`Event` objects (the inverse of
    :func:`events_to_frame`)."""
    names = [f.name for f in fields(Event)]
    return [
        Event(
            **{
                **{name: row[name] for name in names},
                "granularity": Granularity(row["granularity"]),
                "actors": tuple(row["actors"]),
                "sources": tuple(row["sources"]),
                "categories": tuple(row["categories"]),
            }
        )
        for row in frame.select(names).iter_rows(named=True)
    ]


# the event table: in memory, lazy, or Parquet files that, read in order, are the table (a
# build's; writers read them one at a time)
Table = pl.DataFrame | pl.LazyFrame | Sequence[Path]


def scan(table: Table) -> pl.LazyFrame:
    """The table as a LazyFrame."""
    if isinstance(table, pl.DataFrame | pl.LazyFrame):
        return table.lazy()
    return pl.scan_parquet(list(table)) if table else events_to_frame([]).lazy()


def pieces(table: Table) -> Iterator[pl.DataFrame]:
    """The table in pieces, in order: a file at a time when it is in files (at least one
    piece, empty for an empty table)."""
    if isinstance(table, pl.DataFrame | pl.LazyFrame) or not table:
        yield scan(table).collect()
        return
    for path in table:
        yield pl.read_parquet(path)


def check_schema(frame: Table) -> None:
    """Raise :class:`SchemaError` unless ``frame`` has the event schema."""
    schema = scan(frame).collect_schema()
    if schema == EVENT_SCHEMA:
        return
    missing = [c for c in EVENT_SCHEMA.names() if c not in schema]
    extra = [c for c in schema.names() if c not in EVENT_SCHEMA]
    wrong = [
        f"{c} is {schema[c]}, expected {EVENT_SCHEMA[c]}"
        for c in EVENT_SCHEMA.names()
        if c in schema and schema[c] != EVENT_SCHEMA[c]
    ]
    details = "; ".join(
        part
        for part in (
            f"missing columns: {', '.join(missing)}" if missing else "",
            f"extra columns: {', '.join(extra)}" if extra else "",
            "; ".join(wrong),
        )
        if part
    )
    msg = f"not an event table: {details or 'columns out of order'}"
    raise SchemaError(msg)


def to_csv_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as written to CSV: actors and sources joined with "; "."""
    return frame.with_columns(pl.col(c).list.join(ACTOR_SEPARATOR) for c in LIST_COLUMNS)


# a cell starting with one of these is run as a formula by spreadsheet programs
FORMULA_STARTS = "=+-@\t\r"


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell that a spreadsheet would run as a formula (it starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) prefixed with ``'``, as OWASP advises
    for CSV files opened in spreadsheets; other cells as they are.

    >>> frame = pl.DataFrame({"title": ["=SUM(A1)", "Acme opened", "-5%", "@cmd"]})
    >>> neutralise_formulas(frame)["title"].to_list()
    ["'=SUM(A1)", 'Acme opened', "'-5%", "'@cmd"]
    """
    starts = f"^[{re.escape(FORMULA_STARTS)}]"
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(starts))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in frame.schema.items()
        if dtype == pl.String()
    )


def write_csv(frame: Table, path: str | Path, *, excel: bool = False) -> Path:
    """Write the event table as UTF-8 CSV, atomically (never a half-written file); a table
    in files is written a file at a time, never held whole in memory. Cells are the text
    byte for byte.

    ``excel`` is for opening the file in a spreadsheet program: the file starts with a
    byte-order mark (so that it is read as UTF-8), and text cells that would run as a
    formula are prefixed with ``'`` (:func:`neutralise_formulas`)."""
    check_schema(frame)
    with atomic_write(path) as tmp, tmp.open("wb") as out:
        for number, piece in enumerate(pieces(frame)):
            first = number == 0
            cells = to_csv_frame(piece)
            if excel:
                cells = neutralise_formulas(cells)
            cells.write_csv(out, include_header=first, include_bom=excel and first)
    return Path(path)


def read_csv(path: str | Path) -> pl.DataFrame:
    """Read an ``events.csv`` back into the event table."""
    frame = pl.read_csv(
        path,
        encoding="utf8-lossy",
        schema_overrides={
            name: pl.String() if name in LIST_COLUMNS else dtype
            for name, dtype in EVENT_SCHEMA.items()
        },
    )
    return frame.with_columns(
        pl.when(pl.col(c).is_null() | (pl.col(c) == ""))
        .then(pl.lit([], dtype=pl.List(pl.String())))
        .otherwise(pl.col(c).str.split(ACTOR_SEPARATOR))
        .alias(c)
        for c in LIST_COLUMNS
    ).select(EVENT_SCHEMA.names())
