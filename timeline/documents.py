"""Load input documents: a text and the reference date its relative dates resolve against.

A file may start with front matter between ``---`` lines (``title:``, ``date:`` or
``reference_date:``, ``id:``). Offsets everywhere stay offsets into the file's text as read;
the front matter is simply not searched for dates.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from timeline.errors import InputError
from timeline.model import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def parse_date(value: str, *, what: str = "date") -> date:
    """An ISO day (YYYY-MM-DD), or :class:`InputError` saying what was wrong."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        msg = f"invalid {what} {value!r}: expected a real day as YYYY-MM-DD, e.g. 2024-01-25"
        raise InputError(msg) from None


def _front_matter(text: str, source: str) -> tuple[dict[str, str], int]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, 0
    fields: dict[str, str] = {}
    for line in match.group("body").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            msg = f"{source}: front matter line {line!r} is not 'key: value'"
            raise InputError(msg)
        fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, match.end()


def document_from_text(
    text: str,
    *,
    doc_id: str = "text",
    reference_date: date | None = None,
    source: str | None = None,
) -> Document:
    """Make a document from text; front matter, if any, supplies a title and a date.

    An explicit ``reference_date`` wins over the front matter's.
    """
    fields, body_start = _front_matter(text, source or doc_id)
    front_date = fields.get("reference_date") or fields.get("date")
    if reference_date is None and front_date:
        reference_date = parse_date(front_date, what=f"date in the front matter of {doc_id}")
    return Document(
        doc_id=fields.get("id") or doc_id,
        text=text,
        reference_date=reference_date,
        title=fields.get("title"),
        source=source,
        body_start=body_start,
    )


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is dropped), or raise :class:`InputError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        msg = f"no such file: {path}"
        raise InputError(msg) from None
    except IsADirectoryError:
        msg = f"{path} is a folder; pass it as an input to read the text files in it"
        raise InputError(msg) from None
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror}"
        raise InputError(msg) from None
    if b"\x00" in data[:8192]:
        msg = f"{path} looks like a binary file, not text"
        raise InputError(msg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"{path} is not UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
        raise InputError(msg) from None


def load_document(path: str | Path, *, reference_date: date | None = None) -> Document:
    """Load one file (``-`` reads standard input).

    The reference date is, in this order: ``reference_date``; the front matter's ``date:``;
    a sidecar file beside it named like it with the suffix ``.ref`` holding ``YYYY-MM-DD``.
    """
    if str(path) == "-":
        return document_from_text(sys.stdin.read(), doc_id="stdin", reference_date=reference_date)
    file = Path(path)
    doc = document_from_text(
        read_text(file), doc_id=file.stem, reference_date=reference_date, source=str(file)
    )
    sidecar = file.with_suffix(".ref")
    if doc.reference_date is None and sidecar.is_file():
        found = parse_date(read_text(sidecar), what=f"reference date in {sidecar}")
        doc = replace(doc, reference_date=found)
    return doc


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Path | str]:
    """Files as given, folders as the text files in them (sorted), ``-`` as is."""
    for item in inputs:
        if str(item) == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                msg = f"{path} has no text files ({', '.join(TEXT_SUFFIXES)})"
                raise InputError(msg)
            yield from files
        elif not path.exists():
            msg = f"no such file or folder: {path}"
            raise InputError(msg)
        else:
            yield path
