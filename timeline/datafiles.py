"""Read the word lists shipped in ``timeline/data`` and the data files users pass in."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from timeline.errors import ResourceError


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The phrases of ``timeline/data/NAME``: one a line, ``#`` starts a comment line."""
    text = (resources.files("timeline") / "data" / name).read_text("utf-8")
    return tuple(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def alternation(name: str) -> str:
    """A regex alternation of the phrases of ``timeline/data/NAME``, any spacing."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in word_list(name))


def read_user_file(path: str | Path, what: str) -> str:
    """A user's UTF-8 data file, or :class:`ResourceError` naming ``what`` and the reason."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        msg = f"cannot read {what} {path}: {reason}"
        raise ResourceError(msg) from None
