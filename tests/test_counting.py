"""Percentages as a reviewer checks them: half up, parts adding up to the total."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cai_cach.counting import (
    largest_remainder,
    percent,
    percent_text,
    split_groups,
    split_percent,
)


def test_halves_round_up_not_to_even() -> None:
    # round() gives 56.2 and 6.2 here (half to even on binary floats); a spreadsheet 56.3, 6.3.
    assert percent(9, 16) == Decimal("56.3")
    assert percent(1, 16) == Decimal("6.3")
    assert percent(1, 8) == Decimal("12.5")
    assert percent(0, 0) == Decimal("0.0")


def test_percent_text_always_has_one_decimal_and_a_comma() -> None:
    assert percent_text(Decimal("13")) == "13,0"
    assert percent_text(Decimal("67.4")) == "67,4"
    assert percent_text(Decimal("33.35")) == "33,4"


def test_largest_remainder_gives_the_units_left_to_the_largest_fractions() -> None:
    assert largest_remainder([1, 2], 1000) == [333, 667]
    # 100 cannot be split in three equal tenths: the one left goes to the (first) largest.
    assert largest_remainder([1, 1, 1], 1000) == [334, 333, 333]
    assert largest_remainder([2, 1], 1000) == [667, 333]
    assert largest_remainder([0, 0], 1000) == [0, 0]


def test_split_percent_adds_up_to_one_hundred() -> None:
    # 10/15, 4/15, 1/15: half up each gives 66.7 + 26.7 + 6.7 = 100.1.
    parts = split_percent([10, 0, 4, 1])
    assert sum(parts) == Decimal(100)
    assert parts[0] == Decimal("66.7")


def test_equal_counts_get_equal_percentages() -> None:
    # 19, 4, 3, 3 of 29: the plain method gives 10,4 and 10,3 to the two threes.
    parts = split_percent([19, 4, 3, 3])
    assert parts[2] == parts[3] == Decimal("10.3")
    assert sum(parts) == Decimal(100)


@settings(max_examples=200)
@given(st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=6))
def test_split_percent_adds_up_and_keeps_equal_counts_equal(counts: list[int]) -> None:
    total = sum(counts)
    parts = split_percent(counts)
    if total == 0:
        assert all(part == 0 for part in parts)
        return
    assert sum(parts) == Decimal(100)
    largest = max(counts)
    for count, part in zip(counts, parts, strict=True):
        # within a tenth of its half-up value; the largest part may absorb what ties leave
        slack = Decimal("0.1") * (len(counts) if count == largest else 1)
        assert abs(part - percent(count, total)) <= slack
    for one, part_one in zip(counts, parts, strict=True):
        for other, part_other in zip(counts, parts, strict=True):
            if one == other and one != largest:
                assert part_one == part_other


def test_groups_keep_their_own_half_up_figure() -> None:
    # 4 of 6 done: 66,7 % (not 33,3 + 33,3 = 66,6); its parts make it up.
    (on_time, late), (in_time, overdue) = split_groups([[2, 2], [1, 1]])
    assert on_time + late == Decimal("66.7") and in_time + overdue == Decimal("33.3")
    # 9 on time, 1 late of 16: 62,5 % done = 56,3 + 6,2 (never 56,2 + 6,2 beside 62,5).
    (on_time, late), _ = split_groups([[9, 1], [4, 2]])
    assert (on_time, late) == (Decimal("56.3"), Decimal("6.2"))


@settings(max_examples=200)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=3),
        min_size=1,
        max_size=3,
    )
)
def test_group_figures_are_half_up_and_parts_add_up(groups: list[list[int]]) -> None:
    total = sum(sum(group) for group in groups)
    result = split_groups(groups)
    if total == 0:
        return
    assert sum(sum(parts) for parts in result) == Decimal(100)
    for group, parts in zip(groups, result, strict=True):
        if len(groups) == 2:  # two groups: each is its own half-up value
            assert abs(sum(parts) - percent(sum(group), total)) <= Decimal("0.1")
