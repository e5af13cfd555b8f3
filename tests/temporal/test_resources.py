"""Integrity of the language data: everything loads, ids are unique, nothing matches ''."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline import lang
from timeline.errors import ResourceError
from timeline.temporal import resources
from timeline.temporal.resources import load

# every language pack's data is checked the same way
every_pack = pytest.mark.parametrize("code", lang.codes())


@every_pack
def test_resources_load_and_rules_have_examples(code: str) -> None:
    res = load(code)
    ids = [rule.id for rule in res.rules]
    assert len(ids) == len(set(ids))
    assert all(rule.examples for rule in res.rules)
    assert all(rule.regex.search("") is None for rule in res.rules)


@every_pack
def test_resources_festivals_refer_to_known_festivals(code: str) -> None:
    res = load(code)
    for fest in res.festivals.values():
        for ref in (fest.of, fest.lunar_variant):
            assert ref is None or ref in res.festivals


def test_resources_every_festival_has_an_english_name() -> None:
    assert all(fest.names for fest in load("en").festivals.values())


@every_pack
def test_resources_every_festival_name_is_in_the_lexicon(code: str) -> None:
    res = load(code)
    lexicon = res.lexicons["festival"]
    for fest in res.festivals.values():
        for name in fest.names:
            assert lexicon[resources.normalize_key(name)] == fest.id


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"id": "x", "pattern": "(?P<a>a)", "expr": {"kind": "nope"}, "examples": [{}]},
            "unknown expr kind",
        ),
        (
            {"id": "x", "pattern": "a?", "expr": {"kind": "ref"}, "examples": []},
            "matches the empty string",
        ),
        (
            {"id": "x", "pattern": "{nolexicon}", "expr": {"kind": "ref"}, "examples": []},
            "unknown placeholder",
        ),
        (
            {"id": "x", "pattern": "a", "expr": {"kind": "ref", "value": "{g}"}, "examples": []},
            "missing from the pattern",
        ),
        ({"id": "x", "pattern": "a"}, "missing expr, examples"),
        (
            {
                "id": "x",
                "needs": "nope",
                "pattern": "a",
                "expr": {"kind": "ref"},
                "examples": [{"text": "a", "ref": "2024-01-01", "value": "x"}],
            },
            "is not a trigger",
        ),
        ({"id": "x", "pattern": "a(", "expr": {"kind": "ref"}, "examples": []}, "does not compile"),
    ],
)
def test_resources_bad_rule_fails_at_load(row: dict[str, object], message: str) -> None:
    row = {"needs": "month", **row}
    with pytest.raises(ResourceError, match=message):
        resources._compile_rule(row, {"month": "(?:may)"}, {"month"})


@every_pack
def test_resources_every_rule_example_contains_its_trigger(code: str) -> None:
    res = load(code)
    for rule in res.rules:
        for example in rule.examples:
            assert res.trigger.regexes[rule.needs].search(example.text), (rule.id, example.text)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('kind = "solar_term"\nterm = "nope"', "unknown solar term 'nope'; known: qingming"),
        ('kind = "solar_term"', "unknown solar term None"),
        ('kind = "holiday"\ncountry = "CN"', "unexpected keyword argument 'country'"),
        ('kind = "holiday"', "unknown kind 'holiday'"),
    ],
)
def test_resources_bad_festival_fails_at_load(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "festivals.toml"
    path.write_text(f'[[festival]]\nid = "x"\n{row}\n', encoding="utf-8")
    names = tmp_path / "names.toml"
    names.write_text('[names]\nx = ["X"]\n', encoding="utf-8")
    with pytest.raises(ResourceError, match=re.escape(message)):
        resources._load_festivals(path, names)


def test_resources_names_of_an_unknown_festival_fail_at_load(tmp_path: Path) -> None:
    path = tmp_path / "festivals.toml"
    path.write_text('[[festival]]\nid = "x"\nkind = "fixed"\nmonth = 1\nday = 1\n')
    names = tmp_path / "names.toml"
    names.write_text('[names]\ny = ["Y"]\n', encoding="utf-8")
    with pytest.raises(ResourceError, match="names for unknown festivals"):
        resources._load_festivals(path, names)
