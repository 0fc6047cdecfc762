"""The standing chart: every bar and state drawn, Vietnamese text kept as text, the same bytes
for the same input."""

from __future__ import annotations

import struct

from cai_cach.charts import MAX_BARS, STATES, Bar, standing_chart

BARS = [Bar("Cải cách thể chế", 3, 1, 2, 1), Bar("Cải cách thủ tục hành chính", 5, 0, 4, 3)]


def test_svg_holds_the_labels_and_legend_as_text() -> None:
    svg = standing_chart(BARS, title="Theo lĩnh vực").decode("utf-8")
    assert svg.lstrip().startswith("<?xml")
    for text in ("Cải cách thể chế", "Cải cách thủ tục hành chính", "Theo lĩnh vực", "12"):
        assert text in svg
    for _, legend, colour in STATES:
        assert legend in svg and colour in svg


def test_deterministic() -> None:
    assert standing_chart(BARS, title="x") == standing_chart(BARS, title="x")


def test_png_and_bounded_bars() -> None:
    png = standing_chart([Bar(f"Xã {i}", overdue=i) for i in range(100)], title="", fmt="png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width == 7.2 * 150
    assert height < (1.5 + 0.36 * (MAX_BARS + 1)) * 150  # only the first MAX_BARS are drawn


def test_long_labels_are_shortened() -> None:
    svg = standing_chart(
        [Bar("Xây dựng và phát triển Chính quyền điện tử, chính quyền số", 1)], title=""
    ).decode("utf-8")
    assert "chính quyền số" not in svg and "…" in svg
