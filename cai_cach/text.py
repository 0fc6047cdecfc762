"""Vietnamese text handling: NFC normalisation and diacritic-insensitive folding."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char.lower()


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (the form Vietnamese keyboards normally produce)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold for matching: NFC, lower case, no diacritics, đ → d.

    The result has exactly one character per NFC character, so positions found in the folded
    text are positions in ``nfc(text)``.
    """
    return "".join(_fold_char(char) for char in nfc(text))


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
