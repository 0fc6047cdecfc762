"""Vietnamese text handling: NFC normalisation and diacritic-insensitive folding; text made
safe to show on a terminal."""

from __future__ import annotations

import re
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


# Bidirectional embeddings, overrides and isolates, and the direction marks: they make text
# read on screen differently from what it is ("Trojan Source").
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# What a terminal obeys instead of showing: C0 controls but line feed and tab, DEL, the C1
# controls (U+0080–U+009F: U+009B is a CSI like ESC [), the Unicode line and paragraph
# separators, and the bidi controls.
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` as it may go to a terminal: every control character a terminal would obey
    (an escape sequence clearing the screen, a C1 CSI, a right-to-left override) written out
    as its escape (``\\x1b``, ``\\u202e``), so it is seen and never acted on. Line feeds
    and tabs are kept."""
    return _CONTROLS.sub(_shown, text) if _CONTROLS.search(text) else text
