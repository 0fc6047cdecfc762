"""Percentages as a reviewer checks them by hand: rounded half up to one decimal (never
``round()``'s half to even), and the parts of a row adding up to the row's total (the
largest-remainder method, in tenths of a percent).

Knows nothing of plans: counts in, decimals and Vietnamese text out.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")


def percent(count: int, total: int) -> Decimal:
    """``count`` as a share of ``total``, half up to one decimal (1/16 → 6.3); 0 when empty."""
    if total <= 0:
        return Decimal("0.0")
    return (Decimal(100 * count) / Decimal(total)).quantize(TENTH, rounding=ROUND_HALF_UP)


def largest_remainder(counts: Sequence[int], units: int) -> list[int]:
    """``units`` shared out in proportion to ``counts``, whole units each, adding up exactly:
    each gets the floor of its exact share, then the units left go to the largest remainders.
    Equal counts always get equal shares: a tie that the units left cannot cover whole is
    passed over, and what is left at the end goes to the largest count."""
    total = sum(counts)
    if total <= 0:
        return [0 for _ in counts]
    shares = [count * units // total for count in counts]
    left = units - sum(shares)
    ties: dict[int, list[int]] = {}
    for index, count in enumerate(counts):
        ties.setdefault(count, []).append(index)
    for count in sorted(ties, key=lambda c: (-(c * units % total), -c)):
        group = ties[count]
        if count * units % total and len(group) <= left:
            for index in group:
                shares[index] += 1
            left -= len(group)
    if left:
        shares[max(range(len(counts)), key=lambda index: counts[index])] += left
    return shares


def split_percent(counts: Sequence[int]) -> list[Decimal]:
    """The percentages of the parts of a total, to one decimal, adding up to exactly 100
    (the largest remainder in tenths of a percent; equal counts, equal percentages where
    the tenths allow)."""
    return [Decimal(units) / 10 for units in largest_remainder(counts, 1000)]


def split_groups(groups: Sequence[Sequence[int]]) -> list[list[Decimal]]:
    """Percentages of parts in groups: the groups share 100 % first (so a group's figure is
    its own half-up percentage: 4 of 6 done is 66,7 %), then each group's parts share the
    group's tenths. Parts add up to their group, groups to 100 %."""
    group_units = largest_remainder([sum(group) for group in groups], 1000)
    return [
        [Decimal(units) / 10 for units in largest_remainder(group, total)]
        for group, total in zip(groups, group_units, strict=True)
    ]


def percent_text(value: Decimal) -> str:
    """75 → "75,0", 33.35 → "33,4": always one decimal, with the Vietnamese decimal comma."""
    return f"{value.quantize(TENTH, rounding=ROUND_HALF_UP):.1f}".replace(".", ",")
