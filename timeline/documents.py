"""Load input documents: a text and the reference date its relative dates resolve against.

Inputs are files (``.txt``, ``.md``, ``.html``, ``.jsonl``), folders (searched recursively),
glob patterns and ``-`` (standard input). A text file may start with front matter between
``---`` lines (``title:``, ``date:`` or ``reference_date:``, ``id:``, ``url:``); offsets stay
offsets into the file's text as read, the front matter is just not searched for dates. An HTML
page becomes its visible text (parsed with BeautifulSoup), its publication date taken from
its metadata. A JSONL file holds one document per line: ``text``, optional ``id``, ``date``,
``title``, ``url``. One document (a text or HTML file, a JSONL line's text, standard input)
is at most :data:`MAX_DOCUMENT_BYTES`; a larger one is refused with a one-line error.

The reference date's basis is recorded on each document (``reference_basis``): "option"
(``--ref-date``), "front matter", "jsonl", "html metadata", "sidecar" (a ``NAME.ref`` file
beside the input); "dateline" and "inferred" are added later, by :mod:`timeline.reference`.
"""

from __future__ import annotations

import glob
import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import InputError
from timeline.model import Document

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
# a text or HTML file, or a JSONL line's text, is one article: beyond this size (in UTF-8) it
# is refused, not worked on for hours
MAX_DOCUMENT_BYTES = 20_000_000
# front matter between "---" lines; lines may end in LF, CRLF or a lone CR (old Mac files)
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*(?:\r\n|\r|\n)(?P<body>.*?)(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|\Z)", re.DOTALL
)
_GLOB_CHARS = re.compile(r"[*?\[]")
# HTML metadata that carries a page's publication date, most specific first
_DATE_META = (
    ("property", "article:published_time"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "date"),
    ("itemprop", "datePublished"),
    ("name", "dc.date"),
)
_SKIPPED_TAGS = ("script", "style", "noscript", "template", "svg", "head")
# elements that stand on lines of their own; inline ones (b, a, span...) flow in the text
_BLOCK_TAGS = (
    "p",
    "div",
    "article",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "address",
)


def parse_date(value: str, *, what: str = "date") -> date:
    """An ISO day (YYYY-MM-DD, a longer ISO timestamp is cut to its day), or
    :class:`InputError` saying what was wrong."""
    try:
        return date.fromisoformat(value.strip()[:10])
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
    basis = "option" if reference_date is not None else None
    if reference_date is None and front_date:
        reference_date = parse_date(front_date, what=f"date in the front matter of {doc_id}")
        basis = "front matter"
    return Document(
        doc_id=fields.get("id") or doc_id,
        text=text,
        reference_date=reference_date,
        title=fields.get("title"),
        source=source,
        body_start=body_start,
        reference_basis=basis,
        url=fields.get("url"),
        lang=fields.get("lang") or fields.get("language"),
    )


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn the errors of reading ``path`` into one-line :class:`InputError` messages."""
    try:
        yield
    except FileNotFoundError:
        msg = f"no such file: {path}"
        raise InputError(msg) from None
    except IsADirectoryError:
        msg = f"{path} is a folder; pass it as an input to read the text files in it"
        raise InputError(msg) from None
    except UnicodeDecodeError as exc:
        msg = f"{path} is not UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
        raise InputError(msg) from None
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror}"
        raise InputError(msg) from None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is dropped), or raise :class:`InputError`."""
    with _reading(path):
        data = path.read_bytes()
    return _decoded(data, str(path))


def _decoded(data: bytes, name: str) -> str:
    """UTF-8 bytes as text (a BOM dropped), or :class:`InputError` saying why not."""
    if b"\x00" in data[:8192]:
        msg = f"{name} looks like a binary file, not text"
        raise InputError(msg)
    if not data.strip():
        msg = f"{name} is empty"
        raise InputError(msg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"{name} is not UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
        raise InputError(msg) from None


def _visible_text(soup: BeautifulSoup) -> str:
    """The page's strings in order (text and CDATA; no comments, scripts, ruby annotations),
    without the elements of _SKIPPED_TAGS, a line break for each ``<br>`` and a blank line
    before and after each element of _BLOCK_TAGS.

    One walk of the tree, a stack in place of recursion: a page nested 100,000 deep takes no
    longer than a flat one (inserting the line breaks into the tree took time of what follows
    each element: quadratic in the depth)."""
    from bs4.element import CData, NavigableString, Tag

    texts = (NavigableString, CData)
    parts: list[str] = []
    children = [iter(soup.contents)]  # the elements being walked, outermost first
    after = [""]  # what each of them ends with
    while children:
        node = next(children[-1], None)
        if node is None:
            children.pop()
            parts.append(after.pop())
        elif isinstance(node, Tag):
            if node.name in _SKIPPED_TAGS:
                continue
            if node.name == "br":
                parts.append("\n")
                continue
            block = "\n\n" if node.name in _BLOCK_TAGS else ""
            parts.append(block)
            children.append(iter(node.contents))
            after.append(block)
        elif isinstance(node, NavigableString) and type(node) in texts:
            parts.append(node)
    return "".join(parts)


def html_document(
    html: str, *, doc_id: str, reference_date: date | None = None, source: str | None = None
) -> Document:
    """A web page's visible text (blocks on their own lines), title and publication date."""
    from bs4 import BeautifulSoup  # imported lazily: only HTML inputs need it

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    published = None
    for attr, value in _DATE_META:
        tag = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(value)}$", re.I)})
        content = tag.get("content") if tag is not None else None
        if isinstance(content, str) and content.strip():
            published = content
            break
    if published is None:
        time_tag = soup.find("time", attrs={"datetime": True})
        stamp = time_tag.get("datetime") if time_tag is not None else None
        published = stamp if isinstance(stamp, str) else None
    lines = (" ".join(line.split()) for line in _visible_text(soup).splitlines())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    basis = "option" if reference_date is not None else None
    if reference_date is None and published:
        try:
            reference_date = date.fromisoformat(published.strip()[:10])
            basis = "html metadata"
        except ValueError:
            pass  # an unreadable date in metadata: fall back to the text
    root = soup.find("html")
    declared = root.get("lang") if root is not None else None
    return Document(
        doc_id=doc_id,
        text=text,
        reference_date=reference_date,
        title=title,
        source=source,
        reference_basis=basis,
        lang=declared if isinstance(declared, str) else None,
    )


def _jsonl_row(line: str, where: str) -> dict[str, object]:
    """One JSONL line as a document's fields, or :class:`InputError` naming ``where``."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        msg = f"{where}: not a JSON object ({exc.msg})"
        raise InputError(msg) from None
    except RecursionError:
        msg = f"{where}: not a JSON object (nested too deeply)"
        raise InputError(msg) from None
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        msg = f"{where}: each line needs a JSON object with a 'text' string"
        raise InputError(msg)
    for key in ("title", "url", "date", "lang"):
        if row.get(key) is not None and not isinstance(row[key], str):
            msg = f"{where}: '{key}' must be a string, not {_json_type(row[key])}"
            raise InputError(msg)
    doc_id = row.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, str | int)):
        msg = f"{where}: 'id' must be a string or an integer, not {_json_type(doc_id)}"
        raise InputError(msg)
    return row


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type."""
    names = {dict: "an object", list: "an array", bool: "a boolean", float: "a number"}
    names |= {int: "a number", str: "a string", type(None): "null"}
    return names.get(type(value), type(value).__name__)


_SPLIT_FILE = "split it into articles, or give a JSONL file with one article a line"


def _over_the_limit(what: str, megabytes: float, advice: str) -> str:
    """The error of one document over :data:`MAX_DOCUMENT_BYTES` (``what``: where it is)."""
    limit = MAX_DOCUMENT_BYTES // 1_000_000
    return f"{what} is {megabytes:.0f} MB, more than one article can be ({limit} MB); {advice}"


def _too_large(text: str, read: int) -> bool:
    """Is ``text`` over :data:`MAX_DOCUMENT_BYTES` in UTF-8? ``read``: the characters it was
    read from (a JSONL line), an upper bound of its own; a short one needs no encoding."""
    if read * 4 <= MAX_DOCUMENT_BYTES:
        return False
    return len(text) > MAX_DOCUMENT_BYTES or _utf8_bytes(text) > MAX_DOCUMENT_BYTES


def _utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))  # JSON may hold a lone surrogate


def jsonl_documents(
    text: str | Iterable[str],
    *,
    name: str,
    reference_date: date | None = None,
    skipped: list[str] | None = None,
) -> Iterator[Document]:
    """One document per line of a JSONL text (or of an iterable of its lines, read as they
    come); a bad line is an :class:`InputError` naming it, or, given a ``skipped`` list, noted
    there and left out."""
    lines = text.splitlines() if isinstance(text, str) else text
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            row = _jsonl_row(line, where)
            text = str(row["text"])
            if _too_large(text, len(line)):
                size = _utf8_bytes(text) / 1e6
                raise InputError(_over_the_limit(where, size, "split it into articles, one a line"))
            basis = "option" if reference_date is not None else None
            ref = reference_date
            if ref is None and row.get("date"):
                ref = parse_date(str(row["date"]), what=f"date on {where}")
                basis = "jsonl"
        except InputError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
            continue
        title, url = row.get("title"), row.get("url")
        yield Document(
            doc_id=str(row.get("id") or f"{Path(name).stem}-{number}"),
            text=str(row["text"]),
            reference_date=ref,
            title=title if isinstance(title, str) else None,
            source=where,
            reference_basis=basis,
            url=url if isinstance(url, str) else None,
            lang=language if isinstance(language := row.get("lang"), str) else None,
        )


def _jsonl_lines(file: Path) -> Iterator[str]:
    """The lines of a JSONL file as they are read (a corpus may be larger than memory)."""
    with _reading(file), file.open(encoding="utf-8-sig") as handle:
        yield from handle


def load_documents(
    path: str | Path, *, reference_date: date | None = None, skipped: list[str] | None = None
) -> Iterator[Document]:
    """The documents of one file, as they are read (``-`` reads standard input as one
    text); ``skipped`` collects bad JSONL lines instead of failing on them. A text or HTML
    file holds one document, so one over :data:`MAX_DOCUMENT_BYTES` is refused, as are
    standard input and a JSONL line's text over it (a bad line)."""
    if str(path) == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        if len(data) > MAX_DOCUMENT_BYTES:
            size = len(data if isinstance(data, bytes) else data.encode("utf-8", "replace"))
            raise InputError(_over_the_limit("standard input", size / 1e6, _SPLIT_FILE))
        text = _decoded(data, "standard input") if isinstance(data, bytes) else data
        yield document_from_text(text, doc_id="stdin", reference_date=reference_date)
        return
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_documents(
            _jsonl_lines(file), name=str(file), reference_date=reference_date, skipped=skipped
        )
        return
    if file.is_file() and file.stat().st_size > MAX_DOCUMENT_BYTES:
        raise InputError(_over_the_limit(str(file), file.stat().st_size / 1e6, _SPLIT_FILE))
    if suffix in HTML_SUFFIXES:
        doc = html_document(
            read_text(file), doc_id=file.stem, reference_date=reference_date, source=str(file)
        )
    else:
        doc = document_from_text(
            read_text(file), doc_id=file.stem, reference_date=reference_date, source=str(file)
        )
    sidecar = file.with_suffix(".ref")
    if doc.reference_date is None and sidecar.is_file():
        found = parse_date(read_text(sidecar), what=f"reference date in {sidecar}")
        doc = replace(doc, reference_date=found, reference_basis="sidecar")
    yield doc


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_unicode(doc: Document) -> Document:
    """``doc``, or :class:`InputError` when a text of it holds a lone surrogate (JSON's
    ``"\\ud800"`` decodes to one): no UTF-8 file can hold it, so no output could."""
    for what, value in (("text", doc.text), ("title", doc.title), ("id", doc.doc_id)):
        found = _SURROGATE.search(value) if value else None
        if found is not None:
            code = f"U+{ord(found.group()):04X}"
            msg = (
                f"{doc.source or doc.doc_id}: the {what} holds a lone surrogate ({code} at "
                f"character {found.start()}), which is not Unicode text; fix it at its source"
            )
            raise InputError(msg)
    return doc


def load_document(path: str | Path, *, reference_date: date | None = None) -> Document:
    """Load one text or HTML file (``-`` reads standard input).

    The reference date is, in this order: ``reference_date``; the front matter's ``date:``
    (or an HTML page's publication date); a sidecar file beside it named like it with the
    suffix ``.ref`` holding ``YYYY-MM-DD``.
    """
    docs = list(load_documents(path, reference_date=reference_date))
    if len(docs) != 1:
        msg = f"{path} holds {len(docs)} documents; load it with load_documents"
        raise InputError(msg)
    return docs[0]


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Path | str]:
    """Files as given, folders as the input files in them (sorted), glob patterns as the
    files they match, ``-`` as is."""
    for item in inputs:
        if str(item) == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
            if not files:
                msg = f"{path} has no input files ({', '.join(SUFFIXES)})"
                raise InputError(msg)
            yield from files
        elif path.exists():
            yield path
        elif _GLOB_CHARS.search(str(item)):
            matches = sorted(glob.glob(str(item), recursive=True))
            if not matches:
                msg = f"no file matches {item}"
                raise InputError(msg)
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            msg = f"no such file or folder: {path}"
            raise InputError(msg)


def files_read(inputs: Iterable[str | Path]) -> list[Path]:
    """The files a build of ``inputs`` reads: each input file (folders and patterns
    expanded) and the ``.ref`` sidecar beside it, if there is one. Inputs that cannot be
    found are left out (reading them is what reports them)."""
    files: list[Path] = []
    for item in inputs:
        try:
            found = [p for p in expand_inputs([item]) if isinstance(p, Path)]
        except InputError:
            continue
        for path in found:
            files.append(path)
            sidecar = path.with_suffix(".ref")
            if sidecar.is_file():
                files.append(sidecar)
    return files
