"""The clerk's documentation, by language, for the tests that check it.

The README holds the Vietnamese guide and, after "# caicach (English)", its English summary;
``docs/*.md`` are the Vietnamese reference pages and ``docs/en/*.md`` their English
translation. ``docs/architecture.md`` is for developers and belongs to neither.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README_PATH = REPO / "README.md"
DOCS = REPO / "docs"
DEVELOPER_PAGES = {"architecture.md"}
ENGLISH_HEADING = "# caicach (English)"

README = README_PATH.read_text(encoding="utf-8")
README_VIETNAMESE, _, README_ENGLISH = README.partition(ENGLISH_HEADING)


def pages(language: str) -> dict[str, str]:
    """Each documentation text of one language ("vi" or "en") by its name."""
    folder = DOCS / "en" if language == "en" else DOCS
    texts = {"README.md": README_ENGLISH if language == "en" else README_VIETNAMESE}
    for path in sorted(folder.glob("*.md")):
        if path.name not in DEVELOPER_PAGES:
            texts[path.relative_to(REPO).as_posix()] = path.read_text(encoding="utf-8")
    return texts


def every_file() -> list[Path]:
    """Every file whose transcripts run: the README and every page under docs/."""
    return [README_PATH, *sorted(DOCS.rglob("*.md"))]
