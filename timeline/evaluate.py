"""Score the tagger on TimeML gold annotations, the TempEval-3 way.

Each document's plain text is tagged with its DCT as reference date. Gold and system
mentions are aligned one to one by overlap. Strict: same span; relaxed: overlapping span.
Attribute F1 (value, type) = (correct attribute among relaxed matches ÷ relaxed matches)
× relaxed F1. The DCT itself is not scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import InputError
from timeline.model import Resolved
from timeline.temporal import resolve
from timeline.timeml import AnnotatedDocument, GoldTimex, read_timeml


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One error: a gold mention missed, a spurious system one, or a wrong attribute."""

    doc_id: str
    kind: str  # missed | spurious | value | type | span
    gold: GoldTimex | None
    system_text: str | None
    system_value: str | None
    system_type: str | None
    offset: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Counts over a corpus, and the TempEval-3 measures derived from them."""

    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[Mismatch] = field(default_factory=list)

    def _pr(self, matches: int) -> tuple[float, float, float]:
        p = matches / self.system if self.system else 0.0
        r = matches / self.gold if self.gold else 0.0
        return p, r, _f1(p, r)

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        return self._pr(self.strict)

    @property
    def relaxed_prf(self) -> tuple[float, float, float]:
        return self._pr(self.relaxed)

    def attribute_f1(self, correct: int) -> float:
        return (correct / self.relaxed if self.relaxed else 0.0) * self.relaxed_prf[2]

    @property
    def value_f1(self) -> float:
        return self.attribute_f1(self.value)

    @property
    def type_f1(self) -> float:
        return self.attribute_f1(self.type)

    def report(self) -> str:
        """The scores as a small table."""
        sp, sr, sf = self.strict_prf
        rp, rr, rf = self.relaxed_prf
        accuracy = self.value / self.relaxed if self.relaxed else 0.0
        type_accuracy = self.type / self.relaxed if self.relaxed else 0.0
        return "\n".join(
            [
                f"documents {self.documents}  gold TIMEX3 {self.gold}  system {self.system}",
                f"{'':<10}{'precision':>10}{'recall':>8}{'F1':>8}",
                f"{'strict':<10}{sp:>10.3f}{sr:>8.3f}{sf:>8.3f}",
                f"{'relaxed':<10}{rp:>10.3f}{rr:>8.3f}{rf:>8.3f}",
                f"{'value F1':<10}{self.value_f1:>26.3f}   (value accuracy {accuracy:.3f})",
                f"{'type F1':<10}{self.type_f1:>26.3f}   (type accuracy {type_accuracy:.3f})",
            ]
        )


@dataclass(frozen=True, slots=True)
class SystemTimex:
    """What a tagger under evaluation found: offsets into the document's text, a TIMEX3
    type and value (None when it found an expression but gave no value)."""

    start: int
    end: int
    text: str
    type: str | None
    value: str | None


def from_resolved(items: Iterable[Resolved]) -> list[SystemTimex]:
    """This project's output as :class:`SystemTimex` rows."""
    return [
        SystemTimex(
            r.mention.start,
            r.mention.end,
            r.mention.text,
            r.timex.type.value if r.timex else None,
            r.timex.value if r.timex else None,
        )
        for r in items
    ]


def _align(gold: list[GoldTimex], system: list[SystemTimex]) -> Iterator[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping spans, most overlap first."""
    used: set[int] = set()
    for gi, g in enumerate(gold):
        best, best_overlap = -1, 0
        for si, s in enumerate(system):
            if si in used:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > best_overlap:
                best, best_overlap = si, overlap
        if best >= 0:
            used.add(best)
            yield gi, best


def score_document(
    doc: AnnotatedDocument, scores: Scores, system: list[SystemTimex] | None = None
) -> None:
    """Add the counts and errors of ``system`` on ``doc`` (default: this project's tagger,
    with the document's DCT as reference date) to ``scores``."""
    if system is None:
        system = from_resolved(resolve(doc.text, reference=doc.dct))
    gold = list(doc.timexes)
    scores.documents += 1
    scores.gold += len(gold)
    scores.system += len(system)
    pairs = dict(_align(gold, system))
    matched_system = set(pairs.values())
    for gi, g in enumerate(gold):
        if gi not in pairs:
            scores.errors.append(Mismatch(doc.doc_id, "missed", g, None, None, None, g.start))
            continue
        found = system[pairs[gi]]
        scores.relaxed += 1
        exact = (found.start, found.end) == (g.start, g.end)
        scores.strict += exact
        scores.value += found.value == g.value
        scores.type += found.type == g.type
        checks = (("value", found.value == g.value), ("type", found.type == g.type))
        for name, ok in (*checks, ("span", exact)):
            if not ok:
                scores.errors.append(
                    Mismatch(doc.doc_id, name, g, found.text, found.value, found.type, g.start)
                )
    for si, found in enumerate(system):
        if si not in matched_system:
            scores.errors.append(
                Mismatch(
                    doc.doc_id, "spurious", None, found.text, found.value, found.type, found.start
                )
            )


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.tml`` files named or found (recursively) in folders, sorted."""
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = sorted(path.rglob("*.tml"))
            if not found:
                msg = f"{path} has no .tml files"
                raise InputError(msg)
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            msg = f"no such file or folder: {path}"
            raise InputError(msg)
    return files


def evaluate(paths: Iterable[str | Path]) -> Scores:
    """Score the tagger on every TimeML file in ``paths``."""
    scores = Scores()
    for path in corpus_files(paths):
        score_document(read_timeml(path), scores)
    return scores


def format_error(error: Mismatch) -> str:
    """One line per error, for ``timeline eval --errors``."""
    gold = error.gold
    gold_part = f"gold {gold.text!r} {gold.type} {gold.value}" if gold else "gold -"
    system_part = (
        f"system {error.system_text!r} {error.system_type} {error.system_value}"
        if error.system_text is not None
        else "system -"
    )
    return f"{error.doc_id}\t{error.offset}\t{error.kind}\t{gold_part}\t{system_part}"
