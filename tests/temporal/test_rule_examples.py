"""Every `examples` row of every rule in rules.toml, one test each (ids = rule id)."""

from __future__ import annotations

import pytest

from timeline.temporal import resolve
from timeline.temporal.resources import Example, load

CASES = [
    pytest.param(rule.id, example, id=f"{rule.id}-{n}")
    for rule in load().rules
    for n, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule_id", "example"), CASES)
def test_rule_example(rule_id: str, example: Example) -> None:
    found = [r for r in resolve(example.text, reference=example.ref) if r.mention.rule == rule_id]
    assert found, f"rule {rule_id} found nothing in {example.text!r}"
    values = [(r.timex.value, r.timex.mod, r.timex.start, r.timex.end) for r in found if r.timex]
    assert any(
        value == example.value
        and (example.mod is None or mod == example.mod)
        and (example.start is None or start == example.start)
        and (example.end is None or end == example.end)
        for value, mod, start, end in values
    ), values
