"""Every `examples` row of every rule in every language pack's rules.toml, one test each
(ids = language and rule id)."""

from __future__ import annotations

import pytest

from timeline import lang
from timeline.temporal import resolve
from timeline.temporal.resources import Example, load

CASES = [
    pytest.param(code, rule.id, example, id=f"{code}-{rule.id}-{n}")
    for code in lang.codes()
    for rule in load(code).rules
    for n, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("code", "rule_id", "example"), CASES)
def test_rule_example(code: str, rule_id: str, example: Example) -> None:
    resolved = resolve(example.text, reference=example.ref, lang=code)
    found = [r for r in resolved if r.mention.rule == rule_id]
    assert found, f"rule {rule_id} found nothing in {example.text!r}"
    values = [(r.timex.value, r.timex.mod, r.timex.start, r.timex.end) for r in found if r.timex]
    assert any(
        value == example.value
        and (example.mod is None or mod == example.mod)
        and (example.start is None or start == example.start)
        and (example.end is None or end == example.end)
        for value, mod, start, end in values
    ), values
