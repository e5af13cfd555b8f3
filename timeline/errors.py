"""Named exceptions raised deliberately by timeline.

Every message says what was expected, what was found and how to fix it. The CLI turns a
:class:`TimelineError` into a one-line message and exit code 1.
"""

from __future__ import annotations


class TimelineError(Exception):
    """Base class for errors raised deliberately by timeline."""


class ResourceError(TimelineError):
    """A rule, lexicon, festival or taxonomy file is invalid (the message names file and id)."""


class InputError(TimelineError):
    """An input text, file or reference date cannot be used (the message says how to fix it)."""


class SchemaError(TimelineError):
    """A table does not match the event schema (the message lists missing or extra columns)."""


class OutputError(TimelineError):
    """An output file cannot be written (the message names the path and the reason)."""
