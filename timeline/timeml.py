"""Write a document and its resolved mentions as TimeML (inline TIMEX3, with a DCT)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from timeline.model import Document, Resolved


def to_timeml(document: Document, resolved: list[Resolved]) -> str:
    """The document's text as TimeML: each resolved mention wrapped in a TIMEX3 element.

    Mentions that could not be resolved are left as plain text.
    """
    text = document.text
    dct = document.reference_date.isoformat() if document.reference_date else ""
    parts = [
        '<?xml version="1.0" ?>\n<TimeML>\n',
        f"<DOCID>{escape(document.doc_id)}</DOCID>\n",
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n<TEXT>',
    ]
    cursor = 0
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
