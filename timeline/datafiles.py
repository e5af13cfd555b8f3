"""Read the data files users pass in (taxonomies, aliases)."""

from __future__ import annotations

from pathlib import Path

from timeline.errors import ResourceError


def read_user_file(path: str | Path, what: str) -> str:
    """A user's UTF-8 data file, or :class:`ResourceError` naming ``what`` and the reason."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        msg = f"cannot read {what} {path}: {reason}"
        raise ResourceError(msg) from None
