"""Temporal expressions: find them (:func:`tag`) and resolve them (:func:`resolve`)."""

from __future__ import annotations

from datetime import date

from timeline import lang as packs
from timeline.arguments import check_choice, check_date, check_type
from timeline.model import Mention, Resolved
from timeline.temporal.fiscal import fiscal_year
from timeline.temporal.normalizer import ANCHORINGS, Anchoring, normalize, resolve_all
from timeline.temporal.subject import subject_year
from timeline.temporal.tagger import tag

__all__ = ["ANCHORINGS", "Anchoring", "normalize", "resolve", "resolve_all", "tag"]


def resolve(
    text: str,
    *,
    reference: date,
    lang: str = "auto",
    start: int = 0,
    end: int | None = None,
    anchoring: Anchoring = "auto",
) -> list[Resolved]:
    """Tag ``text[start:end]`` and resolve every mention against ``reference``.

    ``lang``: the code of the language pack to read it with, or "auto" (the pack of the
    text's script, see :func:`timeline.lang.detect`).

    ``anchoring``: "news" (a written year carries within its sentence), "narrative"
    (on through the text, with the date mentioned last) or "auto" (chosen from the text).

    Examples
    --------
    >>> [(r.mention.text, r.timex.value) for r in resolve(
    ...     "In August last year it launched a buyer plan.", reference=date(2024, 1, 25))]
    [('August last year', '2023-08')]
    """
    check_type("text", text, str)
    check_date("reference", reference)
    check_choice("lang", lang, (packs.AUTO, *packs.codes()))
    check_choice("anchoring", anchoring, ANCHORINGS)
    lang = packs.choose(lang, text[start:end])
    mentions: list[Mention] = tag(text, lang=lang, start=start, end=end)
    fiscal = fiscal_year(text, lang, start, end)
    subject = subject_year(text, lang, reference=reference, start=start, end=end)
    return resolve_all(
        mentions,
        reference=reference,
        lang=lang,
        anchoring=anchoring,
        fiscal=fiscal,
        subject=subject,
    )
