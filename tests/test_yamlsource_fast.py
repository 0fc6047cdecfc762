"""The position-free pass of the YAML reader gives what the pass with positions gives.

``parse(..., positions=False)`` reads the common case inline and hands anything rare to the
pass with positions (``_NeedPositions``): on any text, the values, warnings, errors and (when
asked for) source map must be the same as ``parse(..., positions=True)``.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cai_cach.errors import PlanError
from cai_cach.yamlsource import MAX_DEPTH, _build, _NeedPositions, parse

# Scalars as a clerk (or a hostile file) writes them after "key:" or "- ".
SCALARS = (
    "plain text",
    "Kế hoạch #1 năm 2024",  # '#' without a space before it: text
    "Kế hoạch #1",
    "cut #here",  # a comment right after the value: warned
    "cut  #two spaces",
    "a # spaced comment",
    "#only a comment",
    "",
    "~",
    "null",
    "NULL",
    "true",
    "False",
    "no",
    "010",
    "2024-03-20",
    '"quoted # not a comment"',
    '"escaped \\u00e9 fine"',
    '""',
    "'single # quoted'",
    "''",
    "Kế hoạch số 12/KH-UBND",
    "[a, b]",
    "{}",
    "[]",
    "{k: v}",
    "value\u200bwith zero width",
    "|\n  block # text\n",
    ">\n  folded\n",
)
# What the position-free pass hands to the pass with positions, or what is no YAML at all.
RARE_SCALARS = (
    "&anchor value",
    "*anchor",
    "!!str 5",
    "! bang",
    "!custom tagged",
    "[a, b #c]",
    "{k: v, k: w}",
    '"open quote',
    '"escaped \\x0b char"',
    "a: b",
    "x\n  continued #cut",
    "nbsp:\u00a0x",
)
KEYS = (
    *(f"k{n}" for n in range(30)),  # (keys repeat, now and then: a duplicate key)
    *("done", "recurring", "title", '"q"', "'s'", "true", "010", "id"),
)
RARE_KEYS = ('"\\x0b"', "!t k", "&k k", "[k]")
COMMENTS = ("", "", "", " # trailing", "  # two spaces", " #tight", "\t# tab")


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """Block YAML text built from the fragments above, nested a few levels."""
    return "".join(draw(_block(depth, 0)))


def _block(depth: int, indent: int) -> st.SearchStrategy[list[str]]:
    entry = _entry(depth, indent)
    return st.lists(entry, min_size=1, max_size=5).map(lambda parts: [p for e in parts for p in e])


def _entry(depth: int, indent: int) -> st.SearchStrategy[list[str]]:
    pad = " " * indent

    @st.composite
    def entry(draw: st.DrawFn) -> list[str]:
        sequence = draw(st.booleans()) if indent else False
        lead = f"{pad}- " if sequence else f"{pad}{draw(_sometimes_rare(KEYS, RARE_KEYS))}:"
        if depth < 3 and draw(st.integers(0, 3)) == 0:
            child = draw(_block(depth + 1, indent + 2))
            return [lead.rstrip() + draw(st.sampled_from(COMMENTS)) + "\n", *child]
        scalar = draw(_sometimes_rare(SCALARS, RARE_SCALARS))
        space = " " if scalar and not lead.endswith(" ") else ""
        return [lead + space + scalar + draw(st.sampled_from(COMMENTS)) + "\n"]

    return entry()


def _sometimes_rare(common: tuple[str, ...], rare: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Mostly ``common``; one in twenty-five from ``rare``."""
    return st.integers(0, 24).flatmap(lambda n: st.sampled_from(rare if n == 0 else common))


def outcome(text: str, *, positions: bool) -> tuple[Any, ...]:
    try:
        document = parse(text, "p.yaml", positions=positions)
    except PlanError as err:
        return ("error", err.problems)
    return ("ok", document.data, document.warnings)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_both_passes_agree_on_any_text(text: str) -> None:
    assert outcome(text, positions=False) == outcome(text, positions=True)


@settings(max_examples=100, deadline=None)
@given(documents())
def test_the_lazy_source_map_is_the_one_with_positions(text: str) -> None:
    try:
        fast = parse(text, "p.yaml", positions=False)
        slow = parse(text, "p.yaml", positions=True)
    except PlanError:
        return
    assert (fast.source.values, fast.source.keys) == (slow.source.values, slow.source.keys)


@pytest.mark.parametrize(
    "text",
    [
        "title: Kế hoạch #1 năm 2024\n",
        "title: cut #here\nnext: a # comment\n",
        "a:\nb: ~\nplan:\n  done:\n",
        "recurring:\n- done:\n  what: x\n",
        'a: "x # y"\nb: \'z # w\'\nc: "\\u00e9"\n',
        "a: [x, y] #z\nb: {c: d}\n",
        "# heading comment\nkey: value # trailing\n",
        "list:\n- 1\n- true\n-\n- null\n",
    ],
)
def test_the_common_case_needs_no_positions(text: str) -> None:
    """Comments, ' #' in values and empty values are read by the position-free pass itself
    (and agree with the pass with positions)."""
    built = _build(text, "p.yaml", positions=False)
    assert not built.problems
    assert outcome(text, positions=False) == outcome(text, positions=True)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: &x 1\n",
        "a: *x\n",
        "a: !!str 1\n",
        "a: ! 1\n",
        "&x a: 1\n",
        'a: "\\x0b"\n',
        '"\\x0b": 1\n',
        "a: !!map {b: 1}\n",
        "a: &l [1]\n",
    ],
)
def test_what_is_rare_is_told_by_the_pass_with_positions(text: str) -> None:
    with pytest.raises((_NeedPositions, PlanError)):
        built = _build(text, "p.yaml", positions=False)
        if built.problems:
            raise PlanError(built.problems)
    assert outcome(text, positions=False) == outcome(text, positions=True)


@pytest.mark.parametrize("levels", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 5])
@pytest.mark.parametrize("leaf", ["x", "{}", "[]", "[x]"])
def test_the_depth_limit_is_the_same(levels: int, leaf: str) -> None:
    for opening, closing in (("{a: ", "}"), ("[", "]")):
        text = opening * levels + leaf + closing * levels + "\n"
        assert outcome(text, positions=False) == outcome(text, positions=True)
