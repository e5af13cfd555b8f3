"""Every output a timeline can be written as, in one registry.

A :class:`Writer` says what its kind is called (``csv``: the CLI's ``--csv PATH`` and
``Timeline.write(path, "csv")``), what its files end in, whether it needs a browser, and how
it writes a :class:`~timeline.pipeline.Timeline` to a path. The CLI builds its export
options from :data:`WRITERS`, so a new export is one :func:`register` call here (or in a
plug-in) and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import OutputError
from timeline.layout import FigureOptions

if TYPE_CHECKING:
    from timeline.pipeline import Timeline


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """What the writers may be told besides the path."""

    figure: FigureOptions = field(default_factory=FigureOptions)  # for the chart outputs
    excel: bool = False  # CSV for spreadsheets: a byte-order mark, formulas neutralised
    include_plotlyjs: bool | str = True  # inline plotly.js (offline), or "cdn"
    width: int = 1400  # of a static image, in pixels


Write = Callable[["Timeline", Path, WriteOptions], object]


@dataclass(frozen=True, slots=True)
class Writer:
    """One kind of output."""

    kind: str  # its name: the CLI option --KIND, Timeline.write(path, KIND)
    help: str  # what it is, for --help
    write: Write
    suffixes: tuple[str, ...]  # what its files end in; the first is the usual one
    default: str | None = None  # written as OUT/default when no path is given
    browser: bool = False  # drawn in Chromium: checked before any work
    strict: bool = False  # the path must end in one of the suffixes
    image: str | None = None  # a static image of the chart of this kind (png, svg): a
    # build draws all of its images in one browser (timeline.render.write_images)


WRITERS: dict[str, Writer] = {}


def register(writer: Writer) -> Writer:
    """Add ``writer`` to :data:`WRITERS` (replacing one of the same kind)."""
    WRITERS[writer.kind] = writer
    return writer


def writer_for(path: str | Path, kind: str | None = None) -> Writer:
    """The writer of ``kind``, else the first whose suffix ``path`` ends in."""
    if kind is not None:
        if kind not in WRITERS:
            msg = f"no writer of kind {kind!r}; known: {', '.join(WRITERS)}"
            raise ValueError(msg)
        return WRITERS[kind]
    suffix = Path(path).suffix.lower()
    for writer in WRITERS.values():
        if suffix in writer.suffixes:
            return writer
    msg = f"{path}: no writer for files ending in {suffix or '(nothing)'}; name a kind"
    raise OutputError(msg)


def check_path(writer: Writer, path: str | Path) -> None:
    """A path the writer can write (the suffix of a strict writer), or :class:`OutputError`."""
    if writer.strict and str(path) != "-" and Path(path).suffix.lower() not in writer.suffixes:
        ends = " or ".join(writer.suffixes)
        msg = f"{path}: a {writer.kind.upper()} file must end in {ends}"
        raise OutputError(msg)


def _html(timeline: Timeline, path: Path, options: WriteOptions) -> object:
    from timeline.render import write_html

    return write_html(
        timeline.figure(options.figure), path, include_plotlyjs=options.include_plotlyjs
    )


def _embed(timeline: Timeline, path: Path, options: WriteOptions) -> object:
    from timeline.render import write_embed

    figure = timeline.figure(options.figure)
    return write_embed(figure, path, include_plotlyjs=options.include_plotlyjs)


def _image(kind: str) -> Write:
    def write(timeline: Timeline, path: Path, options: WriteOptions) -> object:
        from timeline.render import write_image

        return write_image(timeline.figure(options.figure), path, width=options.width, kind=kind)

    return write


def _csv(timeline: Timeline, path: Path, options: WriteOptions) -> object:
    from timeline.table import write_csv

    return write_csv(timeline.event_parts, path, excel=options.excel)


def _parquet(timeline: Timeline, path: Path, options: WriteOptions) -> object:
    from timeline.exports import write_parquet

    return write_parquet(timeline.event_parts, path)


def _json(timeline: Timeline, path: Path, options: WriteOptions) -> object:
    from timeline.exports import write_json

    return write_json(timeline.event_parts, path)


def _timelinejs(timeline: Timeline, path: Path, options: WriteOptions) -> object:
    from timeline.exports import write_timelinejs

    return write_timelinejs(timeline.events, path, title=options.figure.title or timeline.title)


def _ics(timeline: Timeline, path: Path, options: WriteOptions) -> object:
    from timeline.exports import write_ics

    return write_ics(timeline.events, path, title=options.figure.title or timeline.title)


register(Writer("html", "Interactive timeline page", _html, (".html", ".htm"), "timeline.html"))
register(Writer("csv", "Event table", _csv, (".csv",), "events.csv"))
register(Writer("parquet", "Also write the table as Parquet.", _parquet, (".parquet",)))
register(Writer("json", "Also write the table as JSON records.", _json, (".json",)))
register(Writer("timelinejs", "Also write a TimelineJS3 JSON file.", _timelinejs, (".json",)))
register(Writer("ics", "Also write an iCalendar file.", _ics, (".ics",)))
register(
    Writer(
        "png",
        "Also write the chart as a PNG image.",
        _image("png"),
        (".png",),
        None,
        True,
        True,
        "png",
    )
)
register(
    Writer(
        "svg",
        "Also write the chart as an SVG image.",
        _image("svg"),
        (".svg",),
        None,
        True,
        True,
        "svg",
    )
)
register(
    Writer(
        "embed",
        "Also write the chart as an HTML <div> snippet for a report or CMS.",
        _embed,
        (".html", ".htm"),
    )
)
