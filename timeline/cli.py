"""The ``timeline`` command: a thin layer over the public API.

Data goes to stdout or to files; summaries and errors go to stderr. Exit codes: 0 success,
1 a clear error (one line, no traceback), 2 a usage error.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

import click

import timeline
from timeline import lang as packs
from timeline.actors import load_aliases
from timeline.documents import files_read
from timeline.io import STDOUT, Outputs
from timeline.temporal import Anchoring
from timeline.writers import WRITERS, Writer


def _ref_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        msg = f"{value!r} is not a real day as YYYY-MM-DD (e.g. 2024-01-25)"
        raise click.BadParameter(msg) from None


def _plotlyjs(value: str) -> bool | str:
    """``--plotlyjs``: inline, cdn, none, or where to load plotly.js from (ending in .js)."""
    named: dict[str, bool | str] = {"inline": True, "cdn": "cdn", "none": False}
    if value in named:
        return named[value]
    if value.split("?", 1)[0].endswith(".js") and not any(c in value for c in "\"<>'"):
        return value
    msg = f"{value!r}: use inline, cdn, none or a URL of plotly.js ending in .js"
    raise click.BadParameter(msg)


_FILE = click.Path(dir_okay=False, path_type=Path)
FC = TypeVar("FC", bound=Callable[..., object])

ref_date_option = click.option(
    "--ref-date",
    callback=_ref_date,
    metavar="YYYY-MM-DD",
    help="Reference date relative expressions resolve against (default: the document's "
    "front matter 'date:').",
)


inputs_argument = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")


def out_option(help_text: str) -> Callable[[FC], FC]:
    """The --out folder option, with its own help text per command."""
    return click.option(
        "--out",
        default="output",
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )


lang_option = click.option(
    "--lang",
    type=click.Choice([packs.AUTO, *packs.codes()]),
    default=packs.AUTO,
    show_default=True,
    help="Language pack the text is read with; auto: the one the document declares, else "
    "the one of its script.",
)

anchoring_option = click.option(
    "--anchoring",
    type=click.Choice(["auto", "news", "narrative"]),
    default="auto",
    show_default=True,
    help="How a written year carries to later dates: within the sentence (news), through "
    "the text (narrative), or chosen from the text (auto).",
)


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Turn the library's deliberate errors into one-line CLI errors (exit code 1)."""
    try:
        yield
    except timeline.TimelineError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # the system refused a read or a write the library did not foresee
        where = f"{exc.filename}: " if exc.filename else ""
        raise click.ClickException(f"{where}{exc.strerror or exc}") from None


def _mention_json(item: timeline.Resolved) -> str:
    mention, timex = item.mention, item.timex
    return json.dumps(
        {
            "start_char": mention.start,
            "end_char": mention.end,
            "text": mention.text,
            "type": timex.type.value if timex else None,
            "value": timex.value if timex else None,
            "mod": timex.mod if timex else None,
            "start": timex.start.isoformat() if timex and timex.start else None,
            "end": timex.end.isoformat() if timex and timex.end else None,
            "granularity": timex.granularity.value if timex and timex.granularity else None,
        },
        ensure_ascii=False,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
def cli() -> None:
    """Turn articles into a dated, typed event timeline."""


def _writer_option(writer: Writer) -> click.Option:
    default = f" [default: OUT/{writer.default}]" if writer.default else ""
    return click.Option(
        [f"--{writer.kind}", f"out_{writer.kind}"],
        type=_FILE,
        help=f"{writer.help.rstrip('.')}{default} (- for standard output).",
    )


class _WithWriters(click.Command):
    """A command with an option ``--KIND PATH`` for every writer registered
    (:data:`timeline.writers.WRITERS`), when it runs: a writer registered later (a
    plug-in's, a test's) has its option too."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        known = {p.name for p in params}
        extra = [_writer_option(w) for w in WRITERS.values() if f"out_{w.kind}" not in known]
        return params[:3] + extra + params[3:]  # after INPUT, --ref-date and --out


@cli.command(cls=_WithWriters)
@inputs_argument
@ref_date_option
@out_option("Folder for the outputs not given a path of their own.")
@click.option("--title", help="Title shown above the timeline.")
@lang_option
@anchoring_option
@click.option(
    "--excel",
    is_flag=True,
    help="A CSV for spreadsheets: a byte-order mark, and cells that would run as formulas "
    "(=, +, -, @ first) prefixed with '.",
)
@click.option(
    "--lanes",
    type=click.Choice(["category", "document", "actor"]),
    default="category",
    show_default=True,
    help="What the timeline's lanes are.",
)
@click.option("--lane-order", help="Lanes first in this order, comma-separated.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where the work on documents runs.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: the Dask scheduler (default: a local cluster).",
)
@click.option(
    "--partitions",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --engine dask: a folder every worker can reach; the partitions go in a "
    "sub-folder of the build's own, removed at the end [default: OUT].",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes to share the documents.",
)
@click.option(
    "--quiet", is_flag=True, help="No progress bar (none either when stderr is not a terminal)."
)
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Leave out unreadable inputs and bad JSONL lines (listed in the summary).",
)
@click.option("--festival-bands", is_flag=True, help="Shade 618, Double 11 ... on the chart.")
@click.option(
    "--plotlyjs",
    default="inline",
    show_default=True,
    callback=lambda _ctx, _param, value: _plotlyjs(value),
    metavar="inline|cdn|none|URL",
    help="inline: plotly.js in the page (works offline, run once however many --embed "
    "snippets a page holds); cdn: from the CDN (small files); none: left to the page "
    "around the --embed snippet; or a URL ending in .js to load it from.",
)
@click.option(
    "--taxonomy",
    type=click.Path(dir_okay=False, exists=True),
    help="Event categories from this TOML file instead of the shipped ones.",
)
@click.option(
    "--aliases",
    type=click.Path(dir_okay=False, exists=True),
    help="A file of 'variant<TAB>name' lines: actors under one name.",
)
def build(
    inputs: Sequence[str],
    ref_date: date | None,
    out: Path,
    title: str | None,
    lang: str,
    anchoring: Anchoring,
    excel: bool,
    lanes: str,
    lane_order: str | None,
    engine: str,
    scheduler: str | None,
    partitions: Path | None,
    jobs: int,
    quiet: bool,
    skip_bad: bool,
    festival_bands: bool,
    plotlyjs: bool | str,
    taxonomy: str | None,
    aliases: str | None,
    **paths: Path | None,
) -> None:
    """Build the event table and the timeline from INPUT files, folders, globs (- for stdin).

    An output path of - writes that output to standard output."""
    from timeline.layout import FigureOptions  # loads polars and plotly: only build needs them
    from timeline.pipeline import usable_jobs
    from timeline.render import require_browser, write_images
    from timeline.writers import WriteOptions, check_path

    order = tuple(x.strip() for x in lane_order.split(",")) if lane_order else None
    options = WriteOptions(
        figure=FigureOptions(
            title=title, lane=lanes, lane_order=order, festival_bands=festival_bands
        ),
        excel=excel,
        include_plotlyjs=plotlyjs,
    )
    # every output asked for, or written by default: (writer, path)
    wanted = [
        (writer, given or out / writer.default if writer.default else given)
        for writer in WRITERS.values()
        if (given := paths.get(f"out_{writer.kind}")) is not None or writer.default
    ]
    with _errors():
        for writer, path in wanted:
            assert path is not None
            check_path(writer, path)
        if any(writer.browser for writer, _ in wanted):
            require_browser()  # before any work: a missing Chromium fails now, not at the end
        usable = usable_jobs(jobs)
        if usable < jobs and not quiet:
            note = f"note: --jobs {jobs} is more than the {usable} processors here; using {usable}"
            click.echo(note, err=True)
        read = [*files_read(inputs), *(Path(f) for f in (taxonomy, aliases) if f)]
        with Outputs(read) as outputs:
            staged = [
                (writer, path, outputs.add(path, what=f"output --{writer.kind}"))
                for writer, path in wanted
                if path is not None
            ]
            chosen = timeline.load_taxonomy(taxonomy) if taxonomy else None
            names = load_aliases(aliases) if aliases else None
            result = timeline.build(
                list(inputs),
                reference_date=ref_date,
                title=title,
                anchoring=anchoring,
                taxonomy=chosen,
                aliases=names,
                skip_bad=skip_bad,
                jobs=usable,
                progress=not quiet and sys.stderr.isatty(),
                lang=lang,
                engine=engine,
                scheduler=scheduler,
                partitions=partitions or out,
            )
            images = [(writer, path, tmp) for writer, path, tmp in staged if writer.image]
            if images:  # all of them drawn in one browser: it starts once, not once an image
                write_images(
                    result.figure(options.figure),
                    [(tmp, writer.image) for writer, _, tmp in images],
                    width=options.width,
                    shown=[str(path) for _, path, _ in images],
                )
            for writer, _, tmp in staged:
                if not writer.image:
                    writer.write(result, tmp, options)
            outputs.publish()  # only now does any output change, all of them together
    if not quiet:
        click.echo(result.summary(), err=True)
        shown = ("standard output" if str(p) == STDOUT else str(p) for _, p, _ in staged)
        click.echo("wrote " + ", ".join(shown), err=True)


@cli.command()
@click.argument("text")
@click.option(
    "--ref-date",
    callback=_ref_date,
    required=True,
    metavar="YYYY-MM-DD",
    help="Reference date relative expressions resolve against.",
)
@lang_option
@anchoring_option
def resolve(text: str, ref_date: date, lang: str, anchoring: Anchoring) -> None:
    """Print every temporal expression in TEXT as one JSON object per line."""
    with _errors():
        for item in timeline.resolve(text, reference=ref_date, anchoring=anchoring, lang=lang):
            click.echo(_mention_json(item))


@cli.command()
@click.argument("file", metavar="FILE")
@ref_date_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "timeml"]),
    default="jsonl",
    show_default=True,
    help="JSON lines, or TimeML with inline TIMEX3 and a DCT.",
)
@lang_option
@anchoring_option
def tag(file: str, ref_date: date | None, fmt: str, lang: str, anchoring: Anchoring) -> None:
    """Tag every temporal expression in FILE (- for stdin); offsets are into its text."""
    with _errors():
        doc = timeline.load_document(file, reference_date=ref_date)
        if doc.reference_date is None:
            msg = f"{file}: no reference date; pass --ref-date YYYY-MM-DD"
            raise timeline.InputError(msg)
        code = packs.choose(lang, doc.text[doc.body_start :], doc.lang)
        found = timeline.resolve(
            doc.text,
            reference=doc.reference_date,
            start=doc.body_start,
            anchoring=anchoring,
            lang=code,
        )
    if fmt == "timeml":
        click.echo(timeline.to_timeml(doc, found), nl=False)
    else:
        for item in found:
            click.echo(_mention_json(item))


@cli.command()
@inputs_argument
@ref_date_option
@out_option("Folder for report.html, report.md and timeline.png.")
@click.option("--title", help="Title of the report.")
@lang_option
@anchoring_option
def report(
    inputs: Sequence[str],
    ref_date: date | None,
    out: Path,
    title: str | None,
    lang: str,
    anchoring: Anchoring,
) -> None:
    """Write a self-contained HTML report and a Markdown report (with a PNG) of INPUT."""
    from timeline.report import stage_report, write_staged_report  # loads plotly

    with _errors(), Outputs(files_read(inputs)) as outputs:
        staged = stage_report(outputs, out)
        result = timeline.build(
            list(inputs), reference_date=ref_date, title=title, anchoring=anchoring, lang=lang
        )
        write_staged_report(result, staged)
        outputs.publish()
    click.echo(result.summary(), err=True)
    click.echo("wrote " + ", ".join(str(out / name) for name in staged), err=True)


@cli.command(name="eval")
@click.argument("corpus", nargs=-1, required=True, metavar="CORPUS_DIR...")
@click.option(
    "--errors",
    is_flag=True,
    help="Also list every miss, spurious mention and wrong "
    "value, type or span, one per line (tab-separated).",
)
def eval_(corpus: Sequence[str], errors: bool) -> None:
    """Score the tagger on TimeML files (.tml, found in folders) the TempEval-3 way."""
    from timeline.evaluate import evaluate, format_error

    with _errors():
        scores = evaluate(corpus)
    if errors:
        for error in scores.errors:
            click.echo(format_error(error))
        click.echo()
    click.echo(scores.report())


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that it unwinds as on Ctrl-C: working
    folders and unpublished outputs removed, worker processes stopped."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``timeline`` script: never a traceback, always an exit code
    (130 after Ctrl-C, 143 after SIGTERM, each once everything it made is removed)."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(args=argv, prog_name="timeline", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("Aborted.", err=True)
        return 130
    except Terminated:
        click.echo("Terminated.", err=True)
        return 143
    except BrokenPipeError:
        sys.stderr.close()
        return 1
    except Exception as exc:  # a bug: still one line, and a way to report it
        click.echo(f"Error: unexpected {type(exc).__name__}: {exc} (please report this)", err=True)
        return 1
    return 0
