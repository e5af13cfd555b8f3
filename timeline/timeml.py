"""TimeML: write a document with inline TIMEX3 and a DCT; read annotated corpora."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from timeline.errors import InputError
from timeline.model import Document, Resolved


def to_timeml(document: Document, resolved: list[Resolved]) -> str:
    """The document's text as TimeML: each resolved mention wrapped in a TIMEX3 element.

    The TEXT element holds the article without its front matter. Mentions that could not be
    resolved are left as plain text.
    """
    text = document.text
    dct = document.reference_date.isoformat() if document.reference_date else ""
    parts = [
        '<?xml version="1.0" ?>\n<TimeML>\n',
        f"<DOCID>{escape(document.doc_id)}</DOCID>\n",
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n<TEXT>',
    ]
    cursor = document.body_start
    tid = 0
    for item in sorted(resolved, key=lambda r: r.mention.start):
        mention, timex = item.mention, item.timex
        if timex is None or mention.start < cursor:
            continue
        tid += 1
        attrs = f'tid="t{tid}" type="{timex.type.value}" value={quoteattr(timex.value)}'
        if timex.mod:
            attrs += f" mod={quoteattr(timex.mod)}"
        parts.append(escape(text[cursor : mention.start]))
        parts.append(f"<TIMEX3 {attrs}>{escape(mention.text)}</TIMEX3>")
        cursor = mention.end
    parts.append(escape(text[cursor:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A TIMEX3 annotation: half-open offsets into the document's plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A TimeML document: its plain text (tags removed), its DCT and its TIMEX3s."""

    doc_id: str
    text: str
    dct: date
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: str | Path) -> AnnotatedDocument:
    """Read a ``.tml`` file: the ``TEXT`` element as plain text, every non-empty TIMEX3 in it
    with offsets into that text, and the DCT as reference date."""
    file = Path(path)
    try:
        root = ElementTree.parse(file).getroot()
    except (ElementTree.ParseError, OSError) as exc:
        msg = f"{file}: not readable TimeML: {exc}"
        raise InputError(msg) from None
    dct_node = root.find("DCT/TIMEX3")
    text_node = root.find("TEXT")
    if dct_node is None or text_node is None:
        msg = f"{file}: TimeML needs a DCT with a TIMEX3 and a TEXT element"
        raise InputError(msg)
    try:
        dct = date.fromisoformat(dct_node.get("value", "")[:10])
    except ValueError:
        msg = f"{file}: DCT value {dct_node.get('value')!r} is not a date"
        raise InputError(msg) from None
    parts: list[str] = []
    found: list[GoldTimex] = []
    length = 0

    def walk(node: ElementTree.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3" and length > start:
            covered = "".join(parts)[start:length]
            found.append(
                GoldTimex(
                    start,
                    length,
                    covered,
                    node.get("type", ""),
                    node.get("value", ""),
                    node.get("mod"),
                )
            )

    walk(text_node)
    doc_id = root.findtext("DOCID") or file.stem
    return AnnotatedDocument(doc_id.strip(), "".join(parts), dct, tuple(found))
