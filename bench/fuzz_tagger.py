"""Coverage-guided fuzzing of the tagger and resolver with atheris.

Checks, on any input, what the property tests check on generated ones: no exception,
offsets that slice the text to the mention, mentions sorted and apart, intervals with
start <= end. Run it for as long as you like (pip install atheris):

    python bench/fuzz_tagger.py -max_total_time=600
    python bench/fuzz_tagger.py -runs=100000 corpus_dir/   # keeps interesting inputs there
"""

from __future__ import annotations

import sys
from datetime import date

import atheris

with atheris.instrument_imports():
    from timeline.temporal import resolve


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    last_end = 0
    for item in resolve(text, reference=date(2024, 1, 25)):
        mention = item.mention
        assert mention.text == text[mention.start : mention.end]
        assert mention.start >= last_end
        last_end = mention.end
        timex = item.timex
        if timex is not None and timex.start is not None:
            assert timex.end is not None
            assert timex.start <= timex.end


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
