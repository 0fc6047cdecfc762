"""Vietnamese text handling: NFC, diacritic-blind folding, shortening at a word boundary."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cai_cach.text import fold, nfc, shorten


def test_fold_drops_case_and_diacritics_and_reads_đ_as_d() -> None:
    assert fold("Công chức Tài chính - Kế toán") == "cong chuc tai chinh - ke toan"
    assert fold("ĐỊA CHÍNH") == "dia chinh"
    assert fold("Quý IV/2024") == "quy iv/2024"


def test_fold_and_nfc_treat_nfd_text_like_nfc() -> None:
    composed = "Tịnh Minh, Ủy ban"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert nfc(decomposed) == composed
    assert fold(decomposed) == fold(composed) == "tinh minh, uy ban"


@given(st.text())
def test_fold_keeps_one_character_per_nfc_character(text: str) -> None:
    assert len(fold(text)) == len(nfc(text))


def test_shorten_cuts_at_a_word_and_marks_the_cut() -> None:
    title = "Ban hành kế hoạch kiểm tra công tác cải cách hành chính"
    assert shorten(title, 100) == title
    short = shorten(title, 20)
    assert short == "Ban hành kế hoạch…"
    assert len(short) <= 20
    assert shorten("Một, hai; ba", 6) == "Một…"


def test_visible_shows_every_terminal_control_and_keeps_the_rest() -> None:
    from cai_cach.text import visible

    trap = "z\x1b[2J\x1b[H✓ tm-2024.yaml\x9b8m \u202eabc\u2066\r\x07\x7f"
    assert visible(trap) == (
        "z\\x1b[2J\\x1b[H✓ tm-2024.yaml\\x9b8m \\u202eabc\\u2066\\x0d\\x07\\x7f"
    )
    normal = "Kế hoạch số 15/KH-UBND\n\tdòng hai — “trích”"
    assert visible(normal) is normal
